// The meters (usage points) a household looks at: the switcher in the header, what shows when one is gone or empty.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'meters.switch': 'Compteur affiché',
    'meters.option': 'PRM {prm} · {label}',
    'meters.source': 'Source : {source}',
    'meters.noData': 'aucune donnée pour l’instant',
    'meters.count': '{n} compteurs sur ce hub',
    'meters.gone':
      'Le compteur {prm} n’est plus sur ce hub : ses données ont été effacées ou supprimées. Voici le compteur {label}.',
    'meters.goneNone': 'Le compteur {prm} n’est plus sur ce hub : ses données ont été effacées ou supprimées.',
    'meters.none.title': 'Aucun compteur sur ce hub',
    'meters.none.text':
      'Ajoutez un fichier téléchargé depuis votre espace client Enedis : le compteur qu’il concerne apparaîtra ici.',
    'meters.empty.title': 'Aucune mesure pour ce compteur',
    'meters.empty.text':
      'Ce hub ne détient aucune mesure de ce compteur : elles ont été effacées, ou rien n’a encore été importé. Pour en ajouter, importez un fichier Enedis.',
    'meters.empty.link': 'Importer un fichier Enedis',
    'meters.added': 'Nouveau compteur ajouté : {prm}. Vous restez sur le compteur {current}.',
    'meters.show': 'Afficher le compteur {prm}',
  },
  en: {
    'meters.switch': 'Meter shown',
    'meters.option': 'PRM {prm} · {label}',
    'meters.source': 'Source: {source}',
    'meters.noData': 'no data yet',
    'meters.count': '{n} meters on this hub',
    'meters.gone': 'Meter {prm} is no longer on this hub: its data was erased or deleted. Here is meter {label}.',
    'meters.goneNone': 'Meter {prm} is no longer on this hub: its data was erased or deleted.',
    'meters.none.title': 'No meter on this hub',
    'meters.none.text': 'Add a file downloaded from your Enedis customer space: the meter it is about will show here.',
    'meters.empty.title': 'No measurement for this meter',
    'meters.empty.text':
      'This hub holds no measurement of this meter: it was erased, or nothing has been imported yet. To add some, import an Enedis file.',
    'meters.empty.link': 'Import an Enedis file',
    'meters.added': 'New meter added: {prm}. You stay on meter {current}.',
    'meters.show': 'Show meter {prm}',
  },
});

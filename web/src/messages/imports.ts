// Import of Enedis files from the dashboard (on the "what this hub holds" page).
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'imports.title': 'Ajouter un fichier Enedis',
    'imports.intro':
      'Téléchargements de votre espace client Enedis (CSV ou XLSX), réponses Data Connect (JSON), exports SGE (HDM, R63) ou CSV simple : le format est reconnu automatiquement. Un fichier incorrect n’est pas importé du tout ; réimporter un fichier ne crée pas de doublon.',
    'imports.choose': 'Choisir un fichier',
    'imports.busy': 'Import en cours…',
    'imports.done': '{file} : {added} valeurs ajoutées, {replaced} remplacées ({format}).',
    'imports.failed': 'Import refusé : {message}',
    'imports.refused':
      '{points} valeurs n’ont pas été gardées : vous avez arrêté l’enregistrement fin (ou choisi un pas plus grand) pour ce point de livraison.',
  },
  en: {
    'imports.title': 'Add an Enedis file',
    'imports.intro':
      'Downloads from your Enedis customer space (CSV or XLSX), Data Connect answers (JSON), SGE exports (HDM, R63) or plain CSV: the format is recognised automatically. A faulty file is not imported at all; importing a file again creates no duplicates.',
    'imports.choose': 'Choose a file',
    'imports.busy': 'Importing…',
    'imports.done': '{file}: {added} values added, {replaced} replaced ({format}).',
    'imports.failed': 'Import refused: {message}',
    'imports.refused':
      '{points} values were not kept: you stopped fine recording (or chose a coarser step) for this usage point.',
  },
});

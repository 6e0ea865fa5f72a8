// Import of Enedis files from the dashboard (on the "what this hub holds" page).
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'imports.title': 'Ajouter un fichier Enedis',
    'imports.intro':
      'Un fichier téléchargé depuis votre espace client Enedis (CSV ou Excel), ou fourni par votre fournisseur ou votre gestionnaire de réseau : son type est reconnu tout seul. Un fichier incorrect n’est pas importé du tout ; importer deux fois le même fichier ne crée pas de doublon.',
    'imports.prm': 'Numéro de point de livraison (facultatif)',
    'imports.prmPlaceholder': '14 chiffres',
    'imports.prmHelp':
      'À remplir seulement si le fichier cache ce numéro : il figure sur votre facture et sur l’écran du compteur.',
    'imports.format.enedis-csv': 'fichier CSV Enedis',
    'imports.format.portal-xlsx': 'classeur Excel de l’espace client Enedis',
    'imports.format.dataconnect-v5': 'données transmises par Enedis',
    'imports.format.dataconnect-2026': 'données transmises par Enedis',
    'imports.format.sge-r63': 'courbe de charge du gestionnaire de réseau',
    'imports.format.plain-csv': 'fichier CSV simple',
    'imports.format.other': 'type reconnu',
    'imports.choose': 'Choisir un fichier',
    'imports.busy': 'Import en cours…',
    'imports.done': '{file} : {added} valeurs ajoutées, {replaced} remplacées ({format}).',
    'imports.failed': '{file} : import refusé. {message}',
    'imports.refused':
      '{points} valeurs n’ont pas été gardées : vous avez arrêté l’enregistrement fin (ou choisi un pas plus grand) pour ce point de livraison.',
    'imports.ask.title': '« {file} » ne dit pas à quel compteur il appartient. Lequel est-ce ?',
    'imports.ask.why':
      'Certains fichiers Enedis masquent le numéro du point de livraison. Rien n’a encore été enregistré : choisissez le compteur, puis importez.',
    'imports.ask.other': 'Un autre compteur',
    'imports.ask.number': 'Son numéro de point de livraison (14 chiffres, sur la facture ou l’écran du compteur)',
    'imports.ask.submit': 'Importer dans ce compteur',
    'imports.ask.cancel': 'Annuler',
  },
  en: {
    'imports.ask.title': '“{file}” does not say which meter it belongs to. Which one is it?',
    'imports.ask.why':
      'Some Enedis files mask the usage point number. Nothing has been stored yet: choose the meter, then import.',
    'imports.ask.other': 'Another meter',
    'imports.ask.number': 'Its usage point number (14 digits, on the bill or the meter’s display)',
    'imports.ask.submit': 'Import into this meter',
    'imports.ask.cancel': 'Cancel',
    'imports.title': 'Add an Enedis file',
    'imports.intro':
      'A file downloaded from your Enedis customer space (CSV or Excel), or given by your supplier or grid operator: its kind is recognised on its own. A faulty file is not imported at all; importing the same file twice creates no duplicates.',
    'imports.prm': 'Usage point number (optional)',
    'imports.prmPlaceholder': '14 digits',
    'imports.prmHelp': 'Fill in only if the file hides this number: it is on your bill and on the meter’s display.',
    'imports.format.enedis-csv': 'Enedis CSV file',
    'imports.format.portal-xlsx': 'Enedis customer-space Excel workbook',
    'imports.format.dataconnect-v5': 'data sent by Enedis',
    'imports.format.dataconnect-2026': 'data sent by Enedis',
    'imports.format.sge-r63': 'grid operator’s load curve',
    'imports.format.plain-csv': 'plain CSV file',
    'imports.format.other': 'recognised kind',
    'imports.choose': 'Choose a file',
    'imports.busy': 'Importing…',
    'imports.done': '{file}: {added} values added, {replaced} replaced ({format}).',
    'imports.failed': '{file}: import refused. {message}',
    'imports.refused':
      '{points} values were not kept: you stopped fine recording (or chose a coarser step) for this usage point.',
  },
});

// The hub's refusals in the household's words, by catalogue code. The hub's own message is written for developers
// (field paths, option names, format names), so the page never shows it; a code without an entry here gets the
// general sentence `error.code.other`.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'error.code.other': 'Le hub n’a pas pu faire ce qui était demandé. Réessayez dans un instant.',
    'error.code.INPUT_INVALID_DATE': 'Une date n’est pas valide. Choisissez un jour dans le calendrier.',
    'error.code.INPUT_INVALID_RANGE': 'La période n’est pas valide : le premier jour doit précéder le dernier.',
    'error.code.INPUT_INVALID_PRM':
      'Un numéro de point de livraison (PRM) compte exactement 14 chiffres. Vous le trouvez sur votre facture ou sur l’écran du compteur.',
    'error.code.INPUT_INVALID': 'Une des valeurs saisies n’est pas acceptée. Vérifiez le formulaire.',
    'error.code.HTTP_NOT_FOUND': 'Ces données n’existent pas ou ne vous sont pas accessibles.',
    'error.code.HTTP_TOO_MANY_POINTS':
      'La période demandée est trop longue pour ce pas. Choisissez une période plus courte.',
    'error.code.AUTH_SESSION_INVALID': 'Votre session a expiré. Reconnectez-vous.',
    'error.code.AUTH_CSRF': 'La page n’était plus à jour ; rien n’a été modifié. Rechargez la page et recommencez.',
    'error.code.AUTH_FORBIDDEN': 'Votre compte ne permet pas cette action.',
    'error.code.AUTH_INVALID_CREDENTIALS': 'Nom ou mot de passe incorrect.',
    'error.code.CONSENT_NOT_ACTIVE': 'Cet accord n’est plus en cours.',
    'error.code.CONSENT_NOT_FOUND': 'Cet accord n’existe pas ou ne vous concerne pas.',
    'error.code.IMPORT_UNRECOGNISED_FORMAT':
      'Ce fichier n’est pas un fichier Enedis reconnu. Téléchargez-le à nouveau depuis votre espace client Enedis (format CSV ou Excel), sans l’ouvrir ni le modifier avant l’import.',
    'error.code.IMPORT_PARSE_ERROR':
      'Ce fichier est incomplet ou a été modifié : il n’a pas pu être lu. Rien n’a été enregistré. Téléchargez-le à nouveau depuis votre espace client Enedis.',
    'error.code.IMPORT_CONFLICTING_ROWS':
      'Ce fichier donne deux valeurs différentes pour un même moment. Rien n’a été enregistré. Téléchargez-le à nouveau depuis votre espace client Enedis.',
    'error.code.IMPORT_NONEXISTENT_TIME':
      'Ce fichier contient une heure qui n’existe pas (passage à l’heure d’été). Rien n’a été enregistré. Téléchargez-le à nouveau depuis votre espace client Enedis.',
    'error.code.IMPORT_PRM_MISMATCH':
      'Ce fichier concerne un autre point de livraison que celui que vous avez saisi. Rien n’a été enregistré. Vérifiez le numéro (14 chiffres, sur votre facture).',
    'error.code.IMPORT_PRM_MASKED':
      'Ce fichier cache le numéro de votre point de livraison (PRM). Saisissez-le dans le champ « Numéro de point de livraison » ci-dessus (14 chiffres, sur votre facture ou l’écran du compteur), puis choisissez à nouveau le fichier.',
    'error.code.IMPORT_MISSING_SHEET':
      'Ce classeur Excel n’a pas la feuille de consommation attendue. Téléchargez-le à nouveau depuis votre espace client Enedis, sans le modifier.',
    'error.code.IMPORT_TOO_LARGE':
      'Ce fichier est trop gros pour être envoyé depuis le navigateur. Découpez-le en périodes plus courtes, ou demandez à la personne qui gère le hub de l’importer directement.',
    'error.code.IMPORT_DECOMPRESSED_TOO_LARGE':
      'Ce classeur Excel est trop gros pour être lu. Téléchargez une période plus courte depuis votre espace client Enedis.',
    'error.code.IMPORT_TOO_MANY_ROWS':
      'Ce fichier contient trop de valeurs pour un seul import. Téléchargez une période plus courte.',
    'error.code.IMPORT_TOO_MANY_ENTRIES':
      'Ce classeur Excel n’a pas la forme d’un export Enedis. Rien n’a été enregistré.',
    'error.code.IMPORT_LINE_TOO_LONG': 'Ce fichier n’a pas la forme d’un fichier Enedis. Rien n’a été enregistré.',
    'error.code.IMPORT_PARSE_TIMEOUT':
      'La lecture de ce fichier a pris trop de temps. Essayez avec une période plus courte.',
    'error.code.IMPORT_PARSE_MEMORY': 'Ce fichier est trop lourd à lire. Essayez avec une période plus courte.',
    'error.code.IMPORT_BUSY': 'Un autre import est en cours. Attendez qu’il se termine, puis renvoyez le fichier.',
    'error.code.STORE_LOCKED': 'Le hub est occupé. Réessayez dans un instant.',
  },
  en: {
    'error.code.other': 'The hub could not do what was asked. Try again in a moment.',
    'error.code.INPUT_INVALID_DATE': 'A date is not valid. Pick a day in the calendar.',
    'error.code.INPUT_INVALID_RANGE': 'The period is not valid: the first day must come before the last.',
    'error.code.INPUT_INVALID_PRM':
      'A usage point number (PRM) has exactly 14 digits. You find it on your bill or on the meter’s display.',
    'error.code.INPUT_INVALID': 'One of the values entered is not accepted. Check the form.',
    'error.code.HTTP_NOT_FOUND': 'This data does not exist or you have no access to it.',
    'error.code.HTTP_TOO_MANY_POINTS': 'The period asked is too long for this step. Choose a shorter period.',
    'error.code.AUTH_SESSION_INVALID': 'Your session has expired. Sign in again.',
    'error.code.AUTH_CSRF': 'The page was out of date; nothing was changed. Reload the page and try again.',
    'error.code.AUTH_FORBIDDEN': 'Your account does not allow this action.',
    'error.code.AUTH_INVALID_CREDENTIALS': 'Wrong name or password.',
    'error.code.CONSENT_NOT_ACTIVE': 'This agreement is no longer in force.',
    'error.code.CONSENT_NOT_FOUND': 'This agreement does not exist or does not concern you.',
    'error.code.IMPORT_UNRECOGNISED_FORMAT':
      'This is not an Enedis file the hub recognises. Download it again from your Enedis customer space (CSV or Excel), without opening or changing it before the import.',
    'error.code.IMPORT_PARSE_ERROR':
      'This file is incomplete or was changed: it could not be read. Nothing was stored. Download it again from your Enedis customer space.',
    'error.code.IMPORT_CONFLICTING_ROWS':
      'This file gives two different values for the same moment. Nothing was stored. Download it again from your Enedis customer space.',
    'error.code.IMPORT_NONEXISTENT_TIME':
      'This file contains a time that does not exist (the switch to summer time). Nothing was stored. Download it again from your Enedis customer space.',
    'error.code.IMPORT_PRM_MISMATCH':
      'This file is for another usage point than the one you entered. Nothing was stored. Check the number (14 digits, on your bill).',
    'error.code.IMPORT_PRM_MASKED':
      'This file hides your usage point number (PRM). Enter it in the “Usage point number” field above (14 digits, on your bill or the meter’s display), then choose the file again.',
    'error.code.IMPORT_MISSING_SHEET':
      'This Excel workbook lacks the expected consumption sheet. Download it again from your Enedis customer space, without changing it.',
    'error.code.IMPORT_TOO_LARGE':
      'This file is too large to send from the browser. Split it into shorter periods, or ask whoever runs the hub to import it directly.',
    'error.code.IMPORT_DECOMPRESSED_TOO_LARGE':
      'This Excel workbook is too large to read. Download a shorter period from your Enedis customer space.',
    'error.code.IMPORT_TOO_MANY_ROWS': 'This file holds too many values for one import. Download a shorter period.',
    'error.code.IMPORT_TOO_MANY_ENTRIES':
      'This Excel workbook is not shaped like an Enedis export. Nothing was stored.',
    'error.code.IMPORT_LINE_TOO_LONG': 'This file is not shaped like an Enedis file. Nothing was stored.',
    'error.code.IMPORT_PARSE_TIMEOUT': 'Reading this file took too long. Try a shorter period.',
    'error.code.IMPORT_PARSE_MEMORY': 'This file is too heavy to read. Try a shorter period.',
    'error.code.IMPORT_BUSY': 'Another import is running. Wait for it to finish, then send the file again.',
    'error.code.STORE_LOCKED': 'The hub is busy. Try again in a moment.',
  },
});

// The rest of the hub's refusals in the household's words (messages/errors.ts holds those of data, imports and
// sign-in): accounts, agreements, the ledger, applications, statistics, prices, the live meter and the hub itself.
// web/src/error-words.test.ts fails when a catalogue code the dashboard can meet has no sentence in either language.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'error.code.ACCOUNT_NOT_HOUSEHOLD': 'Ce compte n’est pas celui d’un foyer : cette page ne le concerne pas.',
    'error.code.ACCOUNT_UNKNOWN': 'Ce compte n’existe pas sur ce hub.',
    'error.code.AUTH_LOCAL_ONLY': 'Cette action n’est possible que sur la machine du hub elle-même.',
    'error.code.AUTH_RATE_LIMITED': 'Trop d’essais d’affilée. Attendez un peu, puis réessayez.',
    'error.code.AUTH_SETUP_DONE': 'Ce hub a déjà son compte principal. Connectez-vous avec lui.',
    'error.code.AUTH_SETUP_TOKEN':
      'Ce lien de première connexion n’est plus valable. Utilisez celui que le hub a affiché à son dernier démarrage.',
    'error.code.CLIENT_EXISTS': 'Une application porte déjà cet identifiant. Choisissez-en un autre.',
    'error.code.CLIENT_INVALID': 'La fiche de cette application est incomplète ou incorrecte. Vérifiez le formulaire.',
    'error.code.CLIENT_UNKNOWN': 'Cette application n’est pas enregistrée sur ce hub.',
    'error.code.CONSENT_ACCESS_DENIED': 'Cet accord ne permet pas cet accès. Rien n’a été transmis.',
    'error.code.CONSENT_EXPIRY_INVALID': 'La date de fin de cet accord n’est pas valable. Choisissez une autre durée.',
    'error.code.CONSENT_NOTICE_UNKNOWN':
      'Le texte de cet accord a changé entre-temps. Rechargez la page pour lire la version en vigueur.',
    'error.code.CONSENT_NOT_SPECIFIC':
      'Un accord doit nommer un destinataire, un usage et une précision. Cochez une case précise.',
    'error.code.CONSENT_PURPOSE_UNDECLARED':
      'Ce destinataire n’a pas déclaré cet usage : l’accord ne peut pas être donné.',
    'error.code.HTTP_BAD_REQUEST': 'La demande était incomplète. Rechargez la page et recommencez.',
    'error.code.HTTP_BODY_TOO_LARGE': 'Ce qui a été envoyé est trop volumineux. Essayez avec moins de données.',
    'error.code.HTTP_INTERNAL':
      'Le hub a rencontré un problème inattendu ; rien n’a été modifié. Réessayez, et prévenez la personne qui gère le hub si cela recommence.',
    'error.code.HUB_STOPPING': 'Le hub est en train de s’arrêter. Réessayez dans un instant.',
    'error.code.HUB_UNREACHABLE': 'Le hub ne répond pas. Vérifiez qu’il est allumé, puis réessayez.',
    'error.code.INPUT_INVALID_READING': 'Une valeur de mesure n’est pas valable. Rien n’a été enregistré.',
    'error.code.INPUT_INVALID_STEP': 'Cette fréquence n’est pas proposée. Choisissez-en une dans la liste.',
    'error.code.LEDGER_BAD_SIGNATURE':
      'Un reçu ne porte pas la signature de ce hub. Prévenez la personne qui gère le hub.',
    'error.code.LEDGER_BROKEN':
      'Le registre des accords est endommagé : aucun accord ne peut être enregistré pour l’instant. Prévenez la personne qui gère le hub.',
    'error.code.LEDGER_FROZEN':
      'Le registre des accords est bloqué après un dommage : rien ne peut y être ajouté avant que la personne qui gère le hub l’ait vérifié.',
    'error.code.LEDGER_UNREADABLE':
      'Le registre des accords ne peut pas être lu. Prévenez la personne qui gère le hub.',
    'error.code.LEGAL_REQUEST_INVALID': 'Cette demande d’une autorité est incomplète. Elle n’a pas été enregistrée.',
    'error.code.OAUTH_INVALID_CLIENT': 'L’application n’a pas pu prouver qui elle est. Rien n’a été transmis.',
    'error.code.OAUTH_INVALID_GRANT': 'Cette autorisation n’est plus valable. Recommencez depuis l’application.',
    'error.code.OAUTH_TOKEN_INVALID': 'L’accès de l’application a expiré ou a été retiré.',
    'error.code.OAUTH_UNSUPPORTED_GRANT_TYPE': 'L’application a fait une demande que ce hub ne prend pas en charge.',
    'error.code.OCCUPANCY_NONE': 'Aucun foyer n’habite ce point de livraison à cette date.',
    'error.code.OCCUPANCY_TAKEN': 'Un autre foyer habite déjà ce point de livraison à cette date.',
    'error.code.RECEIPT_INVALID': 'Ce reçu n’est pas valable : il a été modifié ou ne vient pas de ce hub.',
    'error.code.REVEAL_NO_SERIES':
      'Ce compteur n’a pas de courbe détaillée : il n’y a rien à analyser. Importez une courbe de charge Enedis.',
    'error.code.STATS_BUDGET_EXCEEDED':
      'Cette statistique ne peut plus être publiée : elle révélerait trop sur les foyers.',
    'error.code.STATS_INVALID': 'Cette demande de statistique n’est pas valable.',
    'error.code.STATS_RELEASES_DAMAGED':
      'Les statistiques publiées ont été endommagées. Prévenez la personne qui gère le hub.',
    'error.code.STORE_CLOSED': 'Le hub est en train de s’arrêter. Réessayez dans un instant.',
    'error.code.STORE_UNAVAILABLE': 'Les données ne sont pas disponibles pour l’instant. Réessayez dans un instant.',
    'error.code.STORE_WRITE_FAILED': 'Le hub n’a pas pu enregistrer : rien n’a été modifié. Réessayez dans un instant.',
    'error.code.TARIFF_NO_COLOUR':
      'Les couleurs des jours Tempo de cette période ne sont pas connues : ce coût ne peut pas être calculé.',
    'error.code.TARIFF_NO_PRICE': 'Aucun prix n’est connu pour cette période : ce coût ne peut pas être calculé.',
    'error.code.TIC_NO_SIGNAL': 'Le compteur ne répond pas sur sa prise TIC. Vérifiez le branchement du module.',
    'error.code.TIC_SOURCE_FAILED':
      'La lecture en direct du compteur s’est arrêtée. Vérifiez le branchement du module.',
  },
  en: {
    'error.code.ACCOUNT_NOT_HOUSEHOLD': 'This account is not a household’s: this page is not about it.',
    'error.code.ACCOUNT_UNKNOWN': 'This account does not exist on this hub.',
    'error.code.AUTH_LOCAL_ONLY': 'This can only be done on the hub’s own machine.',
    'error.code.AUTH_RATE_LIMITED': 'Too many attempts in a row. Wait a little, then try again.',
    'error.code.AUTH_SETUP_DONE': 'This hub already has its main account. Sign in with it.',
    'error.code.AUTH_SETUP_TOKEN':
      'This first sign-in link is no longer valid. Use the one the hub showed when it last started.',
    'error.code.CLIENT_EXISTS': 'An application already has this identifier. Choose another one.',
    'error.code.CLIENT_INVALID': 'This application’s record is incomplete or wrong. Check the form.',
    'error.code.CLIENT_UNKNOWN': 'This application is not registered on this hub.',
    'error.code.CONSENT_ACCESS_DENIED': 'This agreement does not allow this access. Nothing was sent.',
    'error.code.CONSENT_EXPIRY_INVALID': 'The end date of this agreement is not valid. Choose another duration.',
    'error.code.CONSENT_NOTICE_UNKNOWN':
      'The text of this agreement changed meanwhile. Reload the page to read the version in force.',
    'error.code.CONSENT_NOT_SPECIFIC':
      'An agreement must name one recipient, one use and one level of detail. Tick one precise box.',
    'error.code.CONSENT_PURPOSE_UNDECLARED': 'This recipient has not declared this use: the agreement cannot be given.',
    'error.code.HTTP_BAD_REQUEST': 'The request was incomplete. Reload the page and try again.',
    'error.code.HTTP_BODY_TOO_LARGE': 'What was sent is too large. Try with less data.',
    'error.code.HTTP_INTERNAL':
      'The hub met an unexpected problem; nothing was changed. Try again, and tell whoever runs the hub if it happens again.',
    'error.code.HUB_STOPPING': 'The hub is stopping. Try again in a moment.',
    'error.code.HUB_UNREACHABLE': 'The hub does not answer. Check that it is on, then try again.',
    'error.code.INPUT_INVALID_READING': 'A measured value is not valid. Nothing was stored.',
    'error.code.INPUT_INVALID_STEP': 'This step is not offered. Choose one from the list.',
    'error.code.LEDGER_BAD_SIGNATURE': 'A receipt does not carry this hub’s signature. Tell whoever runs the hub.',
    'error.code.LEDGER_BROKEN':
      'The register of agreements is damaged: no agreement can be recorded for now. Tell whoever runs the hub.',
    'error.code.LEDGER_FROZEN':
      'The register of agreements is blocked after damage: nothing can be added until whoever runs the hub has checked it.',
    'error.code.LEDGER_UNREADABLE': 'The register of agreements cannot be read. Tell whoever runs the hub.',
    'error.code.LEGAL_REQUEST_INVALID': 'This request from an authority is incomplete. It was not recorded.',
    'error.code.OAUTH_INVALID_CLIENT': 'The application could not prove who it is. Nothing was sent.',
    'error.code.OAUTH_INVALID_GRANT': 'This authorisation is no longer valid. Start again from the application.',
    'error.code.OAUTH_TOKEN_INVALID': 'The application’s access has expired or was withdrawn.',
    'error.code.OAUTH_UNSUPPORTED_GRANT_TYPE': 'The application asked for something this hub does not support.',
    'error.code.OCCUPANCY_NONE': 'No household lives at this usage point on that date.',
    'error.code.OCCUPANCY_TAKEN': 'Another household already lives at this usage point on that date.',
    'error.code.RECEIPT_INVALID': 'This receipt is not valid: it was changed or does not come from this hub.',
    'error.code.REVEAL_NO_SERIES':
      'This meter has no detailed curve: there is nothing to analyse. Import an Enedis load curve.',
    'error.code.STATS_BUDGET_EXCEEDED':
      'This statistic can no longer be published: it would reveal too much about households.',
    'error.code.STATS_INVALID': 'This statistics request is not valid.',
    'error.code.STATS_RELEASES_DAMAGED': 'The published statistics were damaged. Tell whoever runs the hub.',
    'error.code.STORE_CLOSED': 'The hub is stopping. Try again in a moment.',
    'error.code.STORE_UNAVAILABLE': 'The data is not available right now. Try again in a moment.',
    'error.code.STORE_WRITE_FAILED': 'The hub could not save: nothing was changed. Try again in a moment.',
    'error.code.TARIFF_NO_COLOUR': 'The Tempo day colours of this period are not known: this cost cannot be computed.',
    'error.code.TARIFF_NO_PRICE': 'No price is known for this period: this cost cannot be computed.',
    'error.code.TIC_NO_SIGNAL': 'The meter does not answer on its TIC port. Check the module’s wiring.',
    'error.code.TIC_SOURCE_FAILED': 'Reading the meter live has stopped. Check the module’s wiring.',
  },
});

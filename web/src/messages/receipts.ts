// `#/receipts` "Mes reçus": every signed receipt of the household, its claims in words, and how to check one offline.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'nav.receipts': 'Mes reçus',
    'receipts.title': 'Mes reçus',
    'receipts.intro':
      'Chaque accord que vous donnez, renouvelez ou retirez, et chaque action de votre espace (arrêt de l’enregistrement détaillé, suppression de données…), vous vaut un reçu signé par le hub. Les voici, du plus récent au plus ancien, avec ce que chacun atteste.',
    'receipts.link': 'Voir tous mes reçus signés',
    'receipts.empty': 'Aucun reçu pour l’instant.',
    'receipts.count': '{n} reçus',
    'receipts.count1': '1 reçu',
    'receipts.when': 'Le {at}',
    'receipts.verified': 'Signature vérifiée par le hub',
    'receipts.notVerified': 'Signature non vérifiée : ce reçu ne correspond pas à la clé du hub, ne vous y fiez pas',
    'receipts.recipient': 'Application',
    'receipts.purpose': 'Pour quoi faire',
    'receipts.categories': 'Données',
    'receipts.step': 'Précision',
    'receipts.givenAt': 'Accord donné le',
    'receipts.expiresAt': 'Prend fin le',
    'receipts.notice': 'Texte affiché',
    'receipts.noticeLine': 'version {version}',
    'receipts.noticeHash': 'Empreinte du texte affiché',
    'receipts.controller': 'Responsable du traitement',
    'receipts.download': 'Télécharger le reçu signé (JWS)',
    'receipts.noFile': 'Le fichier de ce reçu manque dans le registre.',
    'receipts.aboutTitle': 'Qu’est-ce qu’un reçu signé ?',
    'receipts.about1':
      'Un reçu signé est un petit fichier texte qui décrit un événement (qui, quoi, quand, pour combien de temps) et porte la signature numérique du hub. Le hub signe avec une clé secrète qu’il est seul à détenir : personne, pas même l’opérateur, ne peut modifier un reçu après coup sans que la signature devienne fausse.',
    'receipts.about2':
      'Vous pouvez le vérifier sans le hub, hors ligne : il suffit de la clé publique du hub et d’un outil qui vérifie les signatures de ce format (signature « EdDSA »). La même clé publique figure dans l’export de vos données, et la commande de vérification du registre du hub la lit aussi.',
    'receipts.key': 'Télécharger la clé publique du hub',
    'receipts.rights': 'Exporter toutes mes données et tous mes reçus',
  },
  en: {
    'nav.receipts': 'My receipts',
    'receipts.title': 'My receipts',
    'receipts.intro':
      'Every consent you give, renew or withdraw, and every action in your space (stopping detailed recording, deleting data…), gets you a receipt signed by the hub. Here they are, newest first, with what each one attests.',
    'receipts.link': 'See all my signed receipts',
    'receipts.empty': 'No receipt yet.',
    'receipts.count': '{n} receipts',
    'receipts.count1': '1 receipt',
    'receipts.when': 'On {at}',
    'receipts.verified': 'Signature verified by the hub',
    'receipts.notVerified': 'Signature not verified: this receipt does not match the hub’s key, do not rely on it',
    'receipts.recipient': 'Application',
    'receipts.purpose': 'What for',
    'receipts.categories': 'Data',
    'receipts.step': 'Detail',
    'receipts.givenAt': 'Consent given on',
    'receipts.expiresAt': 'Ends on',
    'receipts.notice': 'Text shown',
    'receipts.noticeLine': 'version {version}',
    'receipts.noticeHash': 'Fingerprint of the text shown',
    'receipts.controller': 'Data controller',
    'receipts.download': 'Download the signed receipt (JWS)',
    'receipts.noFile': 'The file of this receipt is missing from the ledger.',
    'receipts.aboutTitle': 'What is a signed receipt?',
    'receipts.about1':
      'A signed receipt is a small text file that describes an event (who, what, when, for how long) and carries the hub’s digital signature. The hub signs with a secret key only it holds: nobody, not even the operator, can change a receipt afterwards without the signature becoming false.',
    'receipts.about2':
      'You can check it without the hub, offline: all it takes is the hub’s public key and a tool that checks signatures of this format (an “EdDSA” signature). The same public key is in the export of your data, and the hub’s ledger verification command reads it too.',
    'receipts.key': 'Download the hub’s public key',
    'receipts.rights': 'Export all my data and all my receipts',
  },
});

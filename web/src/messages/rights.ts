// `#/rights` "Mes droits": export (access, portability), erasure, rectification of account data.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'rights.title': 'Mes droits',
    'rights.export': 'Télécharger toutes mes données',
    'rights.exportHint':
      'Une archive ZIP : vos relevés (CSV), vos accords, vos reçus signés et la clé pour les vérifier, le journal des accès (JSON et CSV).',
    'rights.exportLink': 'Télécharger l’archive (ZIP)',
    'rights.erase': 'Effacer toutes mes données',
    'rights.eraseHint':
      'Supprime tous vos relevés et met fin à vos accords. Seule une trace de la suppression est conservée (sans les données). Pour confirmer, saisissez votre numéro de point de livraison : {prm}.',
    'rights.eraseConfirm': 'Numéro du point de livraison',
    'rights.eraseButton': 'Effacer définitivement',
    'rights.eraseMismatch': 'Le numéro saisi ne correspond pas.',
    'rights.erased': 'Données effacées ({n} valeurs). Un reçu horodaté a été émis.',
    'rights.account': 'Mes informations de compte',
    'rights.accountHint': 'Corrigez votre nom affiché ou votre adresse électronique.',
    'rights.displayName': 'Nom affiché',
    'rights.email': 'Adresse électronique (facultative)',
    'rights.save': 'Enregistrer',
    'rights.saved': 'Informations enregistrées.',
    'rights.password': 'Changer de mot de passe',
    'rights.oldPassword': 'Mot de passe actuel',
    'rights.newPassword': 'Nouveau mot de passe (au moins 12 caractères)',
    'rights.passwordSaved': 'Mot de passe changé. Vos autres sessions ont été fermées.',
    'rights.passwordBad': 'Le mot de passe actuel est incorrect.',
  },
  en: {
    'rights.title': 'My rights',
    'rights.export': 'Download all my data',
    'rights.exportHint':
      'A ZIP archive: your readings (CSV), your agreements, your signed receipts and the key to check them, the access log (JSON and CSV).',
    'rights.exportLink': 'Download the archive (ZIP)',
    'rights.erase': 'Erase all my data',
    'rights.eraseHint':
      'Deletes all your readings and ends your agreements. Only a record of the deletion is kept (without the data). To confirm, type your delivery point number: {prm}.',
    'rights.eraseConfirm': 'Delivery point number',
    'rights.eraseButton': 'Erase for good',
    'rights.eraseMismatch': 'The number typed does not match.',
    'rights.erased': 'Data erased ({n} values). A timestamped receipt was issued.',
    'rights.account': 'My account details',
    'rights.accountHint': 'Correct your display name or your e-mail address.',
    'rights.displayName': 'Display name',
    'rights.email': 'E-mail address (optional)',
    'rights.save': 'Save',
    'rights.saved': 'Details saved.',
    'rights.password': 'Change password',
    'rights.oldPassword': 'Current password',
    'rights.newPassword': 'New password (at least 12 characters)',
    'rights.passwordSaved': 'Password changed. Your other sessions were closed.',
    'rights.passwordBad': 'The current password is wrong.',
  },
});

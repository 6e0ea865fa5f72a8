// `#/authorize`: the consent screen an application sends the household to (the hub's OAuth2 authorisation server),
// and the page shown instead when the application or its return address cannot be trusted.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'authorize.title': 'Demande d’accès à vos données',
    'authorize.signIn':
      'Une application demande l’accès à vos données. Connectez-vous pour voir sa demande : rien ne sera partagé sans votre accord.',
    'authorize.heading': '{name} demande l’accès à vos données d’électricité',
    'authorize.lead':
      'Rien n’est partagé tant que vous n’avez pas coché une case et cliqué sur « Autoriser ». Chaque case est un accord séparé : ne cochez que ce que vous acceptez.',
    'authorize.who': 'Qui demande',
    'authorize.legalIdentity': 'Identité légale',
    'authorize.contact': 'Contact',
    'authorize.retention': 'Conservation promise',
    'authorize.retentionText': '{name} s’engage à conserver vos données au plus {months} mois.',
    'authorize.why': 'Pour quoi faire',
    'authorize.meter': 'Quel compteur partager',
    'authorize.meterOption': 'Point de livraison {prm}',
    'authorize.boxes': 'Ce que vous acceptez de partager',
    'authorize.boxesHint':
      'Aucune case n’est cochée d’avance. Chaque case dit ce que la fréquence choisie peut révéler de votre foyer.',
    'authorize.box': 'Vos données d’électricité, {step}',
    'authorize.boxPurpose': 'Pour : {purpose}',
    'authorize.boxData': 'Données : {data}',
    'authorize.boxReveals': 'Ce que cela peut révéler : {reveals}',
    'authorize.category.consumption': 'consommation d’électricité',
    'authorize.category.production': 'production d’électricité',
    'authorize.category.max-power': 'puissance maximale',
    'authorize.category.index': 'index du compteur',
    'authorize.duration': 'Durée de l’accord',
    'authorize.durationText': '{duration}, jusqu’au {until}.',
    'authorize.withdrawTitle': 'Changer d’avis',
    'authorize.withdrawText':
      'Vous pourrez retirer cet accord à tout moment dans « Mon espace », d’un seul clic. Le retrait prend effet immédiatement : {name} ne pourra plus rien lire.',
    'authorize.notHousehold':
      'Seul le foyer concerné peut répondre à cette demande : déconnectez-vous, puis connectez-vous avec le compte du foyer.',
    'authorize.grant': 'Autoriser',
    'authorize.deny': 'Refuser',
    'authorize.noneTicked': 'Cochez au moins une case pour autoriser. Pour ne rien partager, choisissez « Refuser ».',
    'authorize.busy': 'Un instant…',
    'authorize.leaving': 'Réponse enregistrée. Retour vers {name}…',
    'authorize.period.year': '{n} an',
    'authorize.period.years': '{n} ans',
    'authorize.period.month': '{n} mois',
    'authorize.period.months': '{n} mois',
    'authorize.period.week': '{n} semaine',
    'authorize.period.weeks': '{n} semaines',
    'authorize.period.day': '{n} jour',
    'authorize.period.days': '{n} jours',
    'authorize.period.and': ' et ',
    'authorize.error.title': 'Cette demande d’accès ne peut pas aboutir',
    'authorize.error.invalid_client':
      'L’application qui vous a envoyé ici n’est pas connue de ce hub, ou elle n’y est plus autorisée.',
    'authorize.error.invalid_redirect_uri':
      'L’application qui vous a envoyé ici a demandé à vous renvoyer vers une adresse qu’elle n’a pas déclarée à ce hub. Par précaution, vous n’y êtes pas renvoyé.',
    'authorize.error.other': 'Cette demande d’accès n’est pas valide.',
    'authorize.error.nothingShared':
      'Aucune donnée n’a été partagée. Vous pouvez fermer cette page, ou prévenir l’application que sa demande a échoué.',
    'authorize.error.home': 'Aller à mon tableau de bord',
    'error.code.OAUTH_INVALID_REQUEST':
      'Cette demande d’accès n’est pas valide ou n’est plus à jour. Retournez sur le site de l’application et recommencez.',
    'error.code.CONSENT_NOT_SUBJECT': 'Ce compteur n’est pas rattaché à votre compte : rien n’a été partagé.',
    'error.code.CONSENT_INVALID':
      'La page n’était plus à jour ; rien n’a été partagé. Rechargez la page et recommencez.',
  },
  en: {
    'authorize.title': 'Request to access your data',
    'authorize.signIn':
      'An application asks to access your data. Sign in to see its request: nothing will be shared without your agreement.',
    'authorize.heading': '{name} asks to access your electricity data',
    'authorize.lead':
      'Nothing is shared until you tick a box and click “Allow”. Each box is a separate agreement: tick only what you accept.',
    'authorize.who': 'Who is asking',
    'authorize.legalIdentity': 'Legal identity',
    'authorize.contact': 'Contact',
    'authorize.retention': 'Retention promised',
    'authorize.retentionText': '{name} undertakes to keep your data for at most {months} months.',
    'authorize.why': 'What for',
    'authorize.meter': 'Which meter to share',
    'authorize.meterOption': 'Usage point {prm}',
    'authorize.boxes': 'What you agree to share',
    'authorize.boxesHint':
      'No box is ticked in advance. Each box says what that frequency can reveal about your household.',
    'authorize.box': 'Your electricity data, {step}',
    'authorize.boxPurpose': 'For: {purpose}',
    'authorize.boxData': 'Data: {data}',
    'authorize.boxReveals': 'What it can reveal: {reveals}',
    'authorize.category.consumption': 'electricity consumption',
    'authorize.category.production': 'electricity production',
    'authorize.category.max-power': 'maximum power',
    'authorize.category.index': 'meter index',
    'authorize.duration': 'Duration of the agreement',
    'authorize.durationText': '{duration}, until {until}.',
    'authorize.withdrawTitle': 'Changing your mind',
    'authorize.withdrawText':
      'You can withdraw this agreement at any time under “My space”, in one click. Withdrawal takes effect at once: {name} will not be able to read anything more.',
    'authorize.notHousehold':
      'Only the household concerned can answer this request: sign out, then sign in with the household’s account.',
    'authorize.grant': 'Allow',
    'authorize.deny': 'Refuse',
    'authorize.noneTicked': 'Tick at least one box to allow. To share nothing, choose “Refuse”.',
    'authorize.busy': 'One moment…',
    'authorize.leaving': 'Answer recorded. Going back to {name}…',
    'authorize.period.year': '{n} year',
    'authorize.period.years': '{n} years',
    'authorize.period.month': '{n} month',
    'authorize.period.months': '{n} months',
    'authorize.period.week': '{n} week',
    'authorize.period.weeks': '{n} weeks',
    'authorize.period.day': '{n} day',
    'authorize.period.days': '{n} days',
    'authorize.period.and': ' and ',
    'authorize.error.title': 'This access request cannot go ahead',
    'authorize.error.invalid_client':
      'The application that sent you here is not known to this hub, or is no longer allowed on it.',
    'authorize.error.invalid_redirect_uri':
      'The application that sent you here asked to send you back to an address it has not declared to this hub. As a precaution, you are not sent there.',
    'authorize.error.other': 'This access request is not valid.',
    'authorize.error.nothingShared':
      'No data has been shared. You can close this page, or tell the application that its request failed.',
    'authorize.error.home': 'Go to my dashboard',
    'error.code.OAUTH_INVALID_REQUEST':
      'This access request is not valid or is out of date. Go back to the application’s site and start again.',
    'error.code.CONSENT_NOT_SUBJECT': 'This meter is not attached to your account: nothing was shared.',
    'error.code.CONSENT_INVALID': 'The page was out of date; nothing was shared. Reload the page and try again.',
  },
});

// `#/transparency` (public) and `#/register` (operator): the transparency report and the processing register.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'transparency.title': 'Rapport de transparence',
    'transparency.intro':
      'Nombre de demandes d’autorités reçues par ce hub, par type d’autorité et par suite donnée. Aucun foyer ni point de livraison n’y figure.',
    'transparency.type': 'Type d’autorité',
    'transparency.outcome': 'Suite donnée',
    'transparency.count': 'Nombre',
    'transparency.empty': 'Aucune demande d’autorité n’a été reçue.',
    'transparency.generated': 'Établi le {at}.',
    'transparency.accepted': 'acceptée',
    'transparency.refused': 'refusée',
    'transparency.pending': 'en cours d’examen',
    'register.title': 'Registre des activités de traitement',
    'register.intro':
      'Établi à partir de la configuration et du registre des consentements (RGPD art. 30). Il ne contient aucune donnée de consommation.',
    'register.forbidden': 'Cette page est réservée à l’opérateur du hub.',
  },
  en: {
    'transparency.title': 'Transparency report',
    'transparency.intro':
      'Number of requests from authorities received by this hub, by type of authority and outcome. No household or delivery point appears in it.',
    'transparency.type': 'Type of authority',
    'transparency.outcome': 'Outcome',
    'transparency.count': 'Count',
    'transparency.empty': 'No request from an authority has been received.',
    'transparency.generated': 'Made on {at}.',
    'transparency.accepted': 'accepted',
    'transparency.refused': 'refused',
    'transparency.pending': 'under review',
    'register.title': 'Record of processing activities',
    'register.intro':
      'Generated from the configuration and the consent ledger (GDPR art. 30). It holds no consumption data.',
    'register.forbidden': 'This page is for the hub operator only.',
  },
});

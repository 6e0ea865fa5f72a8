/**
 * @module consent/control-texts
 * Texts of the household controls screen (D. 224-27, R3, R10, R11), French first. Each control is one button; the
 * acknowledgement tells the household a receipt was issued (durable medium). No control asks for a reason (R3).
 */
import type { Lang } from './notices.ts';

export type ControlId =
  | 'stop-fine-recording'
  | 'resume-fine-recording'
  | 'purge-fine-history'
  | 'change-step'
  | 'delete-data'
  | 'extend-fine-retention'
  | 'withdraw'
  | 'export'
  | 'erase';

export interface ControlText {
  readonly label: string;
  readonly explain: string;
  readonly done: string;
}

export const CONTROL_TEXTS: Record<ControlId, Record<Lang, ControlText>> = {
  'stop-fine-recording': {
    fr: {
      label: 'Arrêter l’enregistrement détaillé',
      explain: 'Le hub ne garde plus que vos consommations par jour. Aucune justification n’est demandée.',
      done: 'Enregistrement détaillé arrêté. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Stop detailed recording',
      explain: 'The hub keeps only your daily use from now on. No reason is asked.',
      done: 'Detailed recording stopped. A timestamped receipt was issued.',
    },
  },
  'resume-fine-recording': {
    fr: {
      label: 'Reprendre l’enregistrement détaillé',
      explain: 'Le hub enregistre à nouveau vos données détaillées, chez vous uniquement.',
      done: 'Enregistrement détaillé repris. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Resume detailed recording',
      explain: 'The hub records your detailed data again, at home only.',
      done: 'Detailed recording resumed. A timestamped receipt was issued.',
    },
  },
  'purge-fine-history': {
    fr: {
      label: 'Effacer l’historique détaillé',
      explain: 'Supprime toutes les valeurs plus fines qu’un jour. Les totaux par jour restent.',
      done: 'Historique détaillé effacé. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Erase detailed history',
      explain: 'Deletes every value finer than a day. Daily totals remain.',
      done: 'Detailed history erased. A timestamped receipt was issued.',
    },
  },
  'change-step': {
    fr: {
      label: 'Changer la fréquence enregistrée',
      explain: 'Choisissez la fréquence la plus fine que le hub peut enregistrer.',
      done: 'Fréquence modifiée. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Change the recorded step',
      explain: 'Choose the finest step the hub may record.',
      done: 'Step changed. A timestamped receipt was issued.',
    },
  },
  'delete-data': {
    fr: {
      label: 'Supprimer des données',
      explain: 'Supprime vos données sur la période choisie, ou toutes.',
      done: 'Données supprimées. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Delete data',
      explain: 'Deletes your data over the chosen period, or all of it.',
      done: 'Data deleted. A timestamped receipt was issued.',
    },
  },
  'extend-fine-retention': {
    fr: {
      label: 'Garder l’historique détaillé plus longtemps',
      explain: 'Par défaut 12 mois ; vous pouvez choisir jusqu’à 24 mois.',
      done: 'Durée de conservation modifiée. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Keep detailed history longer',
      explain: '12 months by default; you may choose up to 24 months.',
      done: 'Retention changed. A timestamped receipt was issued.',
    },
  },
  withdraw: {
    fr: {
      label: 'Retirer cet accord',
      explain: 'La transmission à ce destinataire s’arrête immédiatement.',
      done: 'Accord retiré : plus aucune transmission. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Withdraw this agreement',
      explain: 'Transmission to this recipient stops immediately.',
      done: 'Agreement withdrawn: no further transmission. A timestamped receipt was issued.',
    },
  },
  export: {
    fr: {
      label: 'Télécharger toutes mes données',
      explain: 'Une archive ZIP (CSV et JSON) : relevés, accords, reçus, journal des accès.',
      done: 'Archive prête.',
    },
    en: {
      label: 'Download all my data',
      explain: 'A ZIP archive (CSV and JSON): readings, agreements, receipts, access log.',
      done: 'Archive ready.',
    },
  },
  erase: {
    fr: {
      label: 'Effacer toutes mes données',
      explain: 'Supprime tous vos relevés et met fin à vos accords. Seule une trace de la suppression est conservée.',
      done: 'Données effacées. Un reçu horodaté a été émis.',
    },
    en: {
      label: 'Erase all my data',
      explain: 'Deletes all your readings and ends your agreements. Only a record of the deletion is kept.',
      done: 'Data erased. A timestamped receipt was issued.',
    },
  },
};

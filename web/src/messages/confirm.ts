// The confirmation every destructive action shows: exactly what will go before it goes.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'confirm.title': 'Confirmer : {action}',
    'confirm.intro': 'Voici exactement ce que ce hub supprimera. Cela ne pourra pas être annulé.',
    'confirm.line': '{what}, {step} : {values} valeurs, du {from} au {to}',
    'confirm.lineAtMost': '{what}, {step} : au plus {values} valeurs, du {from} au {to}',
    'confirm.total': 'En tout : {values} valeurs supprimées.',
    'confirm.totalAtMost': 'En tout : au plus {values} valeurs supprimées.',
    'confirm.nothing': 'Ce hub ne détient aucune valeur concernée : rien ne sera supprimé.',
    'confirm.go': 'Supprimer définitivement',
    'confirm.cancel': 'Annuler',
  },
  en: {
    'confirm.title': 'Confirm: {action}',
    'confirm.intro': 'Here is exactly what this hub will delete. It cannot be undone.',
    'confirm.line': '{what}, {step}: {values} values, from {from} to {to}',
    'confirm.lineAtMost': '{what}, {step}: at most {values} values, from {from} to {to}',
    'confirm.total': 'In all: {values} values deleted.',
    'confirm.totalAtMost': 'In all: at most {values} values deleted.',
    'confirm.nothing': 'This hub holds no value concerned: nothing will be deleted.',
    'confirm.go': 'Delete for good',
    'confirm.cancel': 'Cancel',
  },
});

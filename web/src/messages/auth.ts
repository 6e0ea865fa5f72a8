// Login, first-start set-up and logout: the door to the household's data.
import { defineMessages } from './define.ts';

export default defineMessages({
  fr: {
    'auth.login.title': 'Connexion à votre hub',
    'auth.login.intro': 'Les données de votre compteur sont protégées : connectez-vous avec le compte de votre foyer.',
    'auth.username': 'Identifiant',
    'auth.password': 'Mot de passe',
    'auth.login.submit': 'Se connecter',
    'auth.login.bad': 'Identifiant ou mot de passe incorrect.',
    'auth.login.slow': 'Trop d’essais manqués : réessayez dans {seconds} s.',
    'auth.login.slowMinutes': 'Trop d’essais manqués : réessayez dans {minutes} min.',
    'auth.logout': 'Se déconnecter',
    'auth.signedAs': 'Connecté au compte {name}',
    'auth.busy': 'Un instant…',
    'auth.setup.title': 'Bienvenue : créez le compte de votre foyer',
    'auth.setup.intro':
      'C’est la première mise en route de ce hub. Ce compte sera le seul à pouvoir consulter les données de votre compteur ; vous pourrez ensuite décider vous-même de ce que vous partagez.',
    'auth.setup.name': 'Nom du foyer (facultatif)',
    'auth.setup.namePlaceholder': 'Famille Martin',
    'auth.setup.usernameHint': '3 à 64 caractères : lettres minuscules, chiffres, « . », « _ » ou « - ».',
    'auth.setup.passwordHint':
      'Au moins {n} caractères, sans votre identifiant. Une phrase facile à retenir convient bien.',
    'auth.setup.confirm': 'Confirmez le mot de passe',
    'auth.setup.mismatch': 'Les deux mots de passe ne sont pas identiques.',
    'auth.setup.submit': 'Créer le compte',
    'auth.setup.noToken':
      'Pour créer le compte, ouvrez le lien de première installation affiché par le hub au démarrage (commande « courant start »).',
    'auth.setup.badToken':
      'Ce lien de première installation n’est plus valable : redémarrez le hub pour en obtenir un nouveau.',
  },
  en: {
    'auth.login.title': 'Sign in to your hub',
    'auth.login.intro': 'Your meter data is protected: sign in with your household’s account.',
    'auth.username': 'Username',
    'auth.password': 'Password',
    'auth.login.submit': 'Sign in',
    'auth.login.bad': 'Wrong username or password.',
    'auth.login.slow': 'Too many failed attempts: try again in {seconds} s.',
    'auth.login.slowMinutes': 'Too many failed attempts: try again in {minutes} min.',
    'auth.logout': 'Sign out',
    'auth.signedAs': 'Signed in as {name}',
    'auth.busy': 'One moment…',
    'auth.setup.title': 'Welcome: create your household’s account',
    'auth.setup.intro':
      'This is the first start of this hub. This account will be the only one able to see your meter data; you will then decide yourself what you share.',
    'auth.setup.name': 'Household name (optional)',
    'auth.setup.namePlaceholder': 'The Martins',
    'auth.setup.usernameHint': '3 to 64 characters: lower-case letters, digits, ".", "_" or "-".',
    'auth.setup.passwordHint':
      'At least {n} characters, without your username. An easy-to-remember sentence works well.',
    'auth.setup.confirm': 'Confirm the password',
    'auth.setup.mismatch': 'The two passwords differ.',
    'auth.setup.submit': 'Create the account',
    'auth.setup.noToken':
      'To create the account, open the first-start link the hub printed when it started (the “courant start” command).',
    'auth.setup.badToken': 'This first-start link is no longer valid: restart the hub to get a new one.',
  },
});

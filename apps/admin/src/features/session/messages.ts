import { createTranslator } from '../../i18n/translate';

/** The English text of the session feature: signing in. */
export const sessionMessages = {
  'session.signIn.title': 'Sign in',
  'session.signIn.formLabel': 'Sign in',
  'session.signIn.failed': 'Sign-in failed',
  'session.signIn.withSso': 'Sign in with {provider}',
  'session.signIn.email': 'E-mail',
  'session.signIn.password': 'Password',
  'session.signIn.fieldError': '{field} {reason}',
  'session.signIn.submit': 'Sign in',
  'session.sso.sso_no_role':
    'Your account at the identity provider is in no group that grants a role here. Ask an administrator.',
  'session.sso.sso_disabled': 'This account is disabled.',
  'session.sso.sso_state': 'The sign-in took too long or was started in another browser. Try again.',
  'session.sso.sso_account_conflict':
    'An account with this e-mail address already exists and could not be linked. Ask an administrator.',
  'session.sso.sso_failed': 'Single sign-on failed. Try again, or ask an administrator.',
} as const;

export const t = createTranslator(sessionMessages);

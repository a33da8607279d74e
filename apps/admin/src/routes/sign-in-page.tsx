import { Alert, Button, Card, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { signInInputSchema } from '@modelgate/domain/auth/password';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useAuthOptions, useSignIn } from '../features/session/hooks';
import { t } from '../features/session/messages';
import { GraphqlRequestError } from '../lib/graphql-client';
import { translateDomainText } from '../i18n/domain-text';

type FieldErrors = Partial<Record<'email' | 'password', string>>;

/** What the API's /auth/oidc/callback sends back in `?error=` when it refuses a single sign-on. */
const SSO_ERRORS = ['sso_no_role', 'sso_disabled', 'sso_state', 'sso_account_conflict', 'sso_failed'] as const;
type SsoError = (typeof SSO_ERRORS)[number];

function ssoErrorMessage(code: string): string {
  const known = SSO_ERRORS.find((candidate): candidate is SsoError => candidate === code) ?? 'sso_failed';
  return t(`session.sso.${known}`);
}

export function SignInPage() {
  const signIn = useSignIn();
  const authOptions = useAuthOptions();
  const ssoError = new URLSearchParams(window.location.search).get('error');
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = signInInputSchema.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(
        Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), translateDomainText(issue.message)])),
      );
      return;
    }
    setFieldErrors({});
    signIn.mutate(parsed.data, { onSuccess: () => void navigate({ to: '/' }) });
  };

  const serverError = signIn.error instanceof GraphqlRequestError ? signIn.error : null;
  const singleSignOn = authOptions.data?.singleSignOn;
  const localAccountsEnabled = authOptions.data?.localAccountsEnabled ?? true;
  // The schema's messages finish a sentence that starts with the field's name: "E-mail must be an e-mail address".
  const emailError =
    fieldErrors.email && t('session.signIn.fieldError', { field: t('session.signIn.email'), reason: fieldErrors.email });
  const passwordError =
    fieldErrors.password && t('session.signIn.fieldError', { field: t('session.signIn.password'), reason: fieldErrors.password });

  return (
    <Stack maw={420}>
      <Title order={1} size="h2">
        {t('session.signIn.title')}
      </Title>
      {ssoError && (
        <Alert color="red" role="alert" title={t('session.signIn.failed')}>
          {ssoErrorMessage(ssoError)}
        </Alert>
      )}
      {singleSignOn?.enabled && (
        <Button component="a" href={singleSignOn.loginUrl} variant="default" size="md">
          {t('session.signIn.withSso', { provider: singleSignOn.label })}
        </Button>
      )}
      {localAccountsEnabled && (
        <Card withBorder padding="lg" component="form" aria-label={t('session.signIn.formLabel')} noValidate onSubmit={submit}>
          <Stack>
            {serverError && (
              <Alert color="red" role="alert" title={t('session.signIn.failed')}>
                {serverError.message}
              </Alert>
            )}
            <TextInput
              label={t('session.signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError}
            />
            <PasswordInput
              label={t('session.signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={passwordError}
            />
            <Button type="submit" loading={signIn.isPending}>
              {t('session.signIn.submit')}
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

import { Alert, Button, Card, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { signInInputSchema } from '@modelgate/domain/auth/password';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useAuthOptions, useSignIn } from '../features/session/hooks';
import { GraphqlRequestError } from '../lib/graphql-client';

type FieldErrors = Partial<Record<'email' | 'password', string>>;

/** What the API's /auth/oidc/callback sends back in `?error=` when it refuses a single sign-on. */
const SSO_ERRORS: Record<string, string> = {
  sso_no_role: 'Your account at the identity provider is in no group that grants a role here. Ask an administrator.',
  sso_disabled: 'This account is disabled.',
  sso_state: 'The sign-in took too long or was started in another browser. Try again.',
  sso_account_conflict: 'An account with this e-mail address already exists and could not be linked. Ask an administrator.',
  sso_failed: 'Single sign-on failed. Try again, or ask an administrator.',
};

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
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setFieldErrors({});
    signIn.mutate(parsed.data, { onSuccess: () => void navigate({ to: '/' }) });
  };

  const serverError = signIn.error instanceof GraphqlRequestError ? signIn.error : null;
  const singleSignOn = authOptions.data?.singleSignOn;
  const localAccountsEnabled = authOptions.data?.localAccountsEnabled ?? true;

  return (
    <Stack maw={420}>
      <Title order={1} size="h2">
        Sign in
      </Title>
      {ssoError && (
        <Alert color="red" role="alert" title="Sign-in failed">
          {SSO_ERRORS[ssoError] ?? SSO_ERRORS.sso_failed}
        </Alert>
      )}
      {singleSignOn?.enabled && (
        <Button component="a" href={singleSignOn.loginUrl} variant="default" size="md">
          Sign in with {singleSignOn.label}
        </Button>
      )}
      {localAccountsEnabled && (
        <Card withBorder padding="lg" component="form" aria-label="Sign in" noValidate onSubmit={submit}>
          <Stack>
            {serverError && (
              <Alert color="red" role="alert" title="Sign-in failed">
                {serverError.message}
              </Alert>
            )}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldErrors.email && `E-mail ${fieldErrors.email}`}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fieldErrors.password && `Password ${fieldErrors.password}`}
            />
            <Button type="submit" loading={signIn.isPending}>
              Sign in
            </Button>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

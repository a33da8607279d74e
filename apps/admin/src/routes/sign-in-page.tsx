import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { signInInputSchema } from '@modelgate/domain/auth/password';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useSignIn } from '../features/session/hooks';
import { GraphqlRequestError } from '../lib/graphql-client';

type FieldErrors = Partial<Record<'email' | 'password', string>>;

export function SignInPage() {
  const signIn = useSignIn();
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

  return (
    <Stack maw={420}>
      <Title order={1} size="h2">
        Sign in
      </Title>
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
          <Text size="xs" c="dimmed">
            Single sign-on with your identity provider is not available yet.
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}

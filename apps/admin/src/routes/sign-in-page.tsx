import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';

/** Placeholder until identity and access land (OIDC single sign-on and local accounts). */
export function SignInPage() {
  return (
    <Stack maw={420}>
      <Title order={1} size="h2">
        Sign in
      </Title>
      <Alert variant="light" title="Sign-in is not available yet">
        Accounts, single sign-on and roles are not built yet. Until then this admin app only reads public server status.
      </Alert>
      <Card
        withBorder
        padding="lg"
        component="form"
        aria-label="Sign-in form (disabled)"
        onSubmit={(event) => event.preventDefault()}
      >
        <Stack>
          <TextInput label="E-mail" type="email" autoComplete="username" disabled />
          <TextInput label="Password" type="password" autoComplete="current-password" disabled />
          <Button type="submit" disabled>
            Sign in
          </Button>
          <Text size="xs" c="dimmed">
            Single sign-on with your identity provider will appear here.
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}

import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

/** The only time anyone sees a token's secret: the server keeps just its hash. */
export function SecretDialog({ secret, name, onClose }: { secret: string | null; name: string; onClose: () => void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={`API token “${name}” created`} size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange" title="Copy it now" role="alert">
          You will not see this token again. Store it in your CI system’s secrets; if you lose it, revoke it and create a new one.
        </Alert>
        <Code block data-testid="api-token-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Code>
        <Text size="sm" c="dimmed">
          Send it as <Code>Authorization: Bearer {'<token>'}</Code>.
        </Text>
        <Group justify="space-between">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>I have stored it</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

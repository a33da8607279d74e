import { Stack, Text, Title } from '@mantine/core';
import { ApiTokensPanel } from '../features/api-tokens/components/api-tokens-panel';
import { useViewer } from '../features/session/hooks';

export function ApiTokensPage() {
  const viewer = useViewer();
  const roles = viewer.data?.roles ?? [];
  // Auditors read every token but never change anything; the API enforces the same.
  const canCreate = roles.some((role) => role !== 'AUDITOR');
  return (
    <Stack>
      <Title order={1} size="h2">
        API tokens
      </Title>
      <Text c="dimmed">
        Tokens let CI pipelines and scripts call the API with <code>Authorization: Bearer …</code>. Each carries only the scopes
        you give it and expires; only a hash is stored, so the token is shown once.
      </Text>
      <ApiTokensPanel teams={viewer.data?.teams ?? []} canCreate={canCreate} />
    </Stack>
  );
}

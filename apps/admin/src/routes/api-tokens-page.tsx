import { Code, Stack, Text, Title } from '@mantine/core';
import { ApiTokensPanel } from '../features/api-tokens/components/api-tokens-panel';
import { t } from '../features/api-tokens/messages';
import { useViewer } from '../features/session/hooks';
import { RichMessage } from '../features/system/rich-message';

const BEARER_HEADER = 'Authorization: Bearer …';

export function ApiTokensPage() {
  const viewer = useViewer();
  const roles = viewer.data?.roles ?? [];
  // Auditors read every token but never change anything; the API enforces the same.
  const canCreate = roles.some((role) => role !== 'AUDITOR');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('apiTokens.title')}
      </Title>
      <Text c="dimmed">
        <RichMessage text={t('apiTokens.intro')} values={{ header: <Code>{BEARER_HEADER}</Code> }} />
      </Text>
      <ApiTokensPanel teams={viewer.data?.teams ?? []} canCreate={canCreate} />
    </Stack>
  );
}

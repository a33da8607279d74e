import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { RichMessage } from '../../system/rich-message';
import { t } from '../messages';

const BEARER_HEADER = 'Authorization: Bearer <token>';

/** The only time anyone sees a token's secret: the server keeps just its hash. */
export function SecretDialog({ secret, name, onClose }: { secret: string | null; name: string; onClose: () => void }) {
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={t('apiTokens.secret.title', { name })}
      size="lg"
      closeOnClickOutside={false}
    >
      <Stack>
        <Alert color="orange" title={t('apiTokens.secret.copyNow')} role="alert">
          {t('apiTokens.secret.warning')}
        </Alert>
        <Code block data-testid="api-token-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Code>
        <Text size="sm" c="dimmed">
          <RichMessage text={t('apiTokens.secret.usage')} values={{ header: <Code>{BEARER_HEADER}</Code> }} />
        </Text>
        <Group justify="space-between">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'teal' : 'blue'} onClick={copy}>
                {copied ? t('apiTokens.secret.copied') : t('apiTokens.secret.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('apiTokens.secret.stored')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

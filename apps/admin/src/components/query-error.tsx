import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { t } from '../i18n/common-messages';
import { GraphqlRequestError } from '../lib/graphql-client';

/** The one error state for a failed read: what went wrong, the request id if any, and a retry. */
export function QueryError({ title, error, onRetry }: { title: string; error: Error; onRetry: () => void }) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm">{error.message}</Text>
          <Button size="xs" variant="light" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Group>
        {error instanceof GraphqlRequestError && error.requestId && (
          <Text size="xs">{t('common.requestId', { requestId: error.requestId })}</Text>
        )}
      </Stack>
    </Alert>
  );
}

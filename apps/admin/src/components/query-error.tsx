import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { GraphqlRequestError } from '../lib/graphql-client';

/** The one error state for a failed read: what went wrong, the request id if any, and a retry. */
export function QueryError({ title, error, onRetry }: { title: string; error: Error; onRetry: () => void }) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm">{error.message}</Text>
          <Button size="xs" variant="light" onClick={onRetry}>
            Retry
          </Button>
        </Group>
        {error instanceof GraphqlRequestError && error.requestId && <Text size="xs">Request id: {error.requestId}</Text>}
      </Stack>
    </Alert>
  );
}

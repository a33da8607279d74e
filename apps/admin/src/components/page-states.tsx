import { Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n/common-messages';

export { QueryError as ErrorState } from './query-error';

/**
 * The shared empty and loading states. Every list and page uses these (and `ErrorState` for a failed read), so
 * people learn them once: a skeleton in the shape of what is coming, announced to screen readers; an empty
 * state that says what is missing and offers the next step.
 */
export function LoadingState({ what, rows = 6, height = 36 }: { what: string; rows?: number; height?: number }) {
  return (
    <Stack role="status" aria-busy="true" aria-label={t('common.loading', { what })} gap="xs" data-state="loading">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={height} />
      ))}
    </Stack>
  );
}

export function EmptyState({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="flex-start" gap="xs" py="lg" data-state="empty">
      <Text fw={500}>{title}</Text>
      {description && (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}
      {action}
    </Stack>
  );
}

import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { t } from '../messages';

/**
 * "Discard your changes?" in place of a form's buttons, when someone cancels or closes it with changes in it. Focus
 * moves to "Keep editing", the safe answer.
 */
export function DiscardPrompt({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <Alert color="orange" role="alert" title={t('approvals.discard.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('approvals.discard.body')}</Text>
        <Group justify="flex-end">
          <Button ref={keep} variant="default" onClick={onKeep}>
            {t('approvals.discard.keep')}
          </Button>
          <Button color="red" onClick={onDiscard}>
            {t('approvals.discard.discard')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

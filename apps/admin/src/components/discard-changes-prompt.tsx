import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { t } from '../i18n/common-messages';

/**
 * "Discard your changes?" in place of a dialog's or form's buttons when it is cancelled or closed with unsaved
 * input. Focus moves to "Keep editing", the safe answer. (Mantine names the alert dialog by its title.)
 */
export function DiscardChangesPrompt({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <Alert color="orange" role="alertdialog" title={t('common.discardChanges.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('common.discardChanges.body')}</Text>
        <Group justify="flex-end">
          <Button ref={keep} variant="default" onClick={onKeep}>
            {t('common.discardChanges.keep')}
          </Button>
          <Button color="red" onClick={onDiscard}>
            {t('common.discardChanges.discard')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

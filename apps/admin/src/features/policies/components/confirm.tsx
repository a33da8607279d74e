import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { DiscardChangesPrompt } from '../../../components/discard-changes-prompt';
import { t } from '../messages';

/** Asks before a destructive step: says what will happen, and offers a safe default (Cancel has the focus). */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered zIndex={300}>
      <Stack>
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('policies.confirm.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * A dialog's close (Cancel, Escape, the close button) asks first, inside the dialog, when it holds unsaved input;
 * Escape again or "Keep editing" goes back to the form as it was. Render `prompt` in place of the dialog's buttons
 * while `asking`.
 */
export function useDirtyClose(dirty: boolean, close: () => void) {
  const [asking, setAsking] = useState(false);
  const requestClose = () => {
    if (asking) setAsking(false);
    else if (dirty) setAsking(true);
    else close();
  };
  const prompt = <DiscardChangesPrompt onKeep={() => setAsking(false)} onDiscard={close} />;
  return { asking, requestClose, prompt };
}

import { Button, Group, Modal, Text } from '@mantine/core';
import { useBlocker } from '@tanstack/react-router';
import { t } from '../i18n/common-messages';

/**
 * Asks before leaving a form with unsaved changes: in the app (links, back and forward) with a dialog, and when
 * the tab is closed or reloaded with the browser's own prompt. A form that navigates after saving passes
 * `ignoreBlocker: true` to `navigate`, since its state still reads "changed" in that moment.
 */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) => when && current.pathname !== next.pathname,
    enableBeforeUnload: when,
    withResolver: true,
  });
  return (
    <Modal
      opened={blocker.status === 'blocked'}
      onClose={() => blocker.reset?.()}
      title={t('common.unsavedChanges.title')}
      centered
    >
      <Text size="sm">{t('common.unsavedChanges.body')}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          {t('common.unsavedChanges.stay')}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          {t('common.unsavedChanges.leave')}
        </Button>
      </Group>
    </Modal>
  );
}

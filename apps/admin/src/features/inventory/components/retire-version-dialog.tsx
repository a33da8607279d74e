import { Button, Group, Stack, Text } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import { useRetireModelVersion } from '../hooks';
import { versionTitle } from '../labels';
import { t } from '../messages';
import { FormError } from './form-parts';
import type { VersionDetail } from './version-facts';

/** Asks before taking a version out of the inventory; the API refuses while deployments are active. */
export function RetireVersionDialog({
  version,
  onClose,
  onReload,
}: {
  version: VersionDetail;
  onClose: () => void;
  onReload: () => void;
}) {
  const retire = useRetireModelVersion();
  const title = versionTitle(version);
  return (
    <Dialog opened onClose={onClose} title={t('inventory.retire.title', { title })}>
      <Stack>
        <Text size="sm">
          {t('inventory.retire.body')}
          {version.deploymentCount > 0 && ` ${t('inventory.retire.activeDeployments', { count: version.deploymentCount })}`}
        </Text>
        <FormError error={retire.error} title={t('inventory.retire.failed')} onReload={onReload} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('inventory.cancel')}
          </Button>
          <Button
            color="red"
            loading={retire.isPending}
            onClick={() =>
              retire.mutate(
                { id: version.id, expectedVersion: version.version },
                {
                  onSuccess: () => {
                    showNotice(t('inventory.retire.done'), title);
                    onClose();
                  },
                },
              )
            }
          >
            {t('inventory.retire.confirm')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

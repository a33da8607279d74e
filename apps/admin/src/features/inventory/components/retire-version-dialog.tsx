import { Button, Group, Stack, Text } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import { useRetireModelVersion } from '../hooks';
import { versionTitle } from '../labels';
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
    <Dialog opened onClose={onClose} title={`Retire ${title}?`}>
      <Stack>
        <Text size="sm">
          A retired version leaves the inventory list and cannot get new deployments. Its history and audit trail stay.
          {version.deploymentCount > 0 &&
            ` It still has ${version.deploymentCount} active deployment${version.deploymentCount === 1 ? '' : 's'}; retire those first.`}
        </Text>
        <FormError error={retire.error} title="The version was not retired" onReload={onReload} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={retire.isPending}
            onClick={() =>
              retire.mutate(
                { id: version.id, expectedVersion: version.version },
                {
                  onSuccess: () => {
                    showNotice('Model version retired', title);
                    onClose();
                  },
                },
              )
            }
          >
            Retire version
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

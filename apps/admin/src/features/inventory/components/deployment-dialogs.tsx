import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { showNotice } from '../../../components/notices';
import { QueryError } from '../../../components/query-error';
import type { DeploymentRowFragment } from '../../../gql/graphql';
import { useInvalidateInventory, useRetireDeployment } from '../hooks';
import { environmentLabels, versionTitle } from '../labels';
import { inventoryQueries } from '../queries';
import { DeploymentForm } from './deployment-form';
import { FormError } from './form-parts';
import { HistoryTable } from './history-section';

/** The mutation's error state shows the failure; the promise needs no more. */
const ignoreShownError = () => undefined;

/** Edits a deployment as it is when the dialog opens; a reload after a conflict starts again from the current record. */
export function EditDeploymentDialog({ deployment, onClose }: { deployment: DeploymentRowFragment; onClose: () => void }) {
  const detail = useQuery(inventoryQueries.deploymentDetail(deployment.id));
  const [reloads, setReloads] = useState(0);
  return (
    <Dialog opened onClose={onClose} title={`Edit ${deployment.application}`} size="xl">
      {detail.isPending ? (
        <Skeleton height={400} role="status" aria-label="Loading the deployment" />
      ) : detail.isError ? (
        <QueryError title="Could not load the deployment" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data.status === 'RETIRED' ? (
        <Text size="sm">This deployment has been retired; it can no longer be changed.</Text>
      ) : (
        <DeploymentForm
          key={reloads}
          deployment={detail.data}
          onDone={onClose}
          onReload={() => void detail.refetch().then(() => setReloads((count) => count + 1))}
        />
      )}
    </Dialog>
  );
}

/** Asks before marking a deployment as no longer running; it stays in the inventory with its history. */
export function RetireDeploymentDialog({ deployment, onClose }: { deployment: DeploymentRowFragment; onClose: () => void }) {
  const retire = useRetireDeployment();
  const reload = useInvalidateInventory();
  return (
    <Dialog opened onClose={onClose} title={`Retire ${deployment.application}?`}>
      <Stack>
        <Text size="sm">
          The deployment of {versionTitle(deployment.modelVersion)} for {deployment.team.name} in{' '}
          {environmentLabels[deployment.environment].toLowerCase()} will be marked retired. It stays in the inventory with its
          history, and can no longer be changed.
        </Text>
        <FormError
          error={retire.error}
          title="The deployment was not retired"
          conflictMessage="Someone changed this deployment since you opened it — reload to see their change"
          onReload={() => {
            retire.reset();
            void reload();
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={retire.isPending}
            onClick={() =>
              // A promise, not mutate's callbacks: the retired deployment may leave a filtered list (and this dialog) first.
              void retire.mutateAsync({ id: deployment.id, expectedVersion: deployment.version }).then(() => {
                showNotice('Deployment retired', deployment.application);
                onClose();
              }, ignoreShownError)
            }
          >
            Retire deployment
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** Who changed a deployment, when and how. */
export function DeploymentHistoryDialog({ deployment, onClose }: { deployment: DeploymentRowFragment; onClose: () => void }) {
  const detail = useQuery(inventoryQueries.deploymentDetail(deployment.id));
  const label = `History of ${deployment.application}`;
  return (
    <Dialog opened onClose={onClose} title={label} size="80rem">
      {detail.isPending ? (
        <Skeleton height={200} role="status" aria-label="Loading the history" />
      ) : detail.isError ? (
        <QueryError title="Could not load the history" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <HistoryTable history={detail.data.history} label={label} />
      )}
    </Dialog>
  );
}

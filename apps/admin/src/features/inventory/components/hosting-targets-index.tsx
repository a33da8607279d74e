import { Alert, Button, Group, Skeleton, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { showNotice } from '../../../components/notices';
import { QueryError } from '../../../components/query-error';
import { serverFieldErrors } from '../form-errors';
import { useInvalidateInventory, useRetireHostingTarget } from '../hooks';
import { countryLabel, hostingModeLabels, trainsOnInputsLabels } from '../labels';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { FormError } from './form-parts';
import { HostingTargetForm, type HostingTarget } from './hosting-target-form';

/** The mutation's error state shows the failure; the promise needs no more. */
const ignoreShownError = () => undefined;

type Dialog = { kind: 'edit' | 'retire'; target: HostingTarget };

function retention(target: HostingTarget): string {
  if (target.retentionDays === null) return 'Unknown';
  return `${target.retentionDays} ${target.retentionDays === 1 ? 'day' : 'days'}`;
}

/** Edits a hosting target as it is when the dialog opens; a reload after a conflict starts again from the current one. */
function EditHostingTargetDialog({
  target,
  onReload,
  onClose,
}: {
  target: HostingTarget;
  onReload: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [reloads, setReloads] = useState(0);
  return (
    <Dialog opened onClose={onClose} title={`Edit ${target.name}`} size="xl">
      <HostingTargetForm
        key={reloads}
        target={target}
        onSaved={onClose}
        onCancel={onClose}
        onReload={() => void onReload().then(() => setReloads((count) => count + 1))}
      />
    </Dialog>
  );
}

/** Asks before retiring a hosting target; the API refuses while an active deployment still runs there. */
function RetireHostingTargetDialog({ target, onClose }: { target: HostingTarget; onClose: () => void }) {
  const retire = useRetireHostingTarget();
  const reload = useInvalidateInventory();
  // The server explains a refusal on the record itself (`id`), e.g. how many active deployments still use it.
  const refusal = serverFieldErrors(retire.error).id;
  return (
    <Dialog opened onClose={onClose} title={`Retire ${target.name}?`}>
      <Stack>
        <Text size="sm">
          A retired hosting target can no longer be chosen for new deployments. Its facts and history stay in the inventory.
        </Text>
        {refusal && (
          <Alert color="red" role="alert" title="The hosting target was not retired">
            {target.name} {refusal}.
          </Alert>
        )}
        <FormError
          error={retire.error}
          title="The hosting target was not retired"
          conflictMessage="Someone changed this hosting target since you opened it — reload to see their change"
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
              // A promise, not mutate's callbacks: the retired target may leave the list (and this dialog) first.
              void retire.mutateAsync({ id: target.id, expectedVersion: target.version }).then(() => {
                showNotice('Hosting target retired', target.name);
                onClose();
              }, ignoreShownError)
            }
          >
            Retire hosting target
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function HostingTargetsTable({ targets, onOpen }: { targets: readonly HostingTarget[]; onOpen: (dialog: Dialog) => void }) {
  const { canEditHostingTargets, canRetireHostingTargets } = useInventoryPermissions();
  const withActions = canEditHostingTargets || canRetireHostingTargets;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover data-testid="hosting-targets" aria-label="Hosting targets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Mode</Table.Th>
            <Table.Th>Operator</Table.Th>
            <Table.Th>Region</Table.Th>
            <Table.Th>Operator country</Table.Th>
            <Table.Th>Trains on inputs</Table.Th>
            <Table.Th>Retention</Table.Th>
            <Table.Th>Zero-data retention</Table.Th>
            <Table.Th>Status</Table.Th>
            {withActions && (
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets.map((target) => (
            <Table.Tr key={target.id}>
              <Table.Td>{target.name}</Table.Td>
              <Table.Td>{hostingModeLabels[target.mode]}</Table.Td>
              <Table.Td>{target.operator}</Table.Td>
              <Table.Td>{target.region ?? '—'}</Table.Td>
              <Table.Td>{countryLabel(target.country)}</Table.Td>
              <Table.Td>{trainsOnInputsLabels[target.trainsOnInputs]}</Table.Td>
              <Table.Td>{retention(target)}</Table.Td>
              <Table.Td>{target.zeroDataRetention ? 'Yes' : 'No'}</Table.Td>
              <Table.Td>
                {target.retiredAt ? (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    Retired {target.retiredAt.slice(0, 10)}
                  </Text>
                ) : (
                  <Text size="sm" fw={500} c="teal">
                    Active
                  </Text>
                )}
              </Table.Td>
              {withActions && (
                <Table.Td>
                  {!target.retiredAt && (
                    <Group gap={4} wrap="nowrap">
                      {canEditHostingTargets && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={`Edit ${target.name}`}
                          onClick={() => onOpen({ kind: 'edit', target })}
                        >
                          Edit
                        </Button>
                      )}
                      {canRetireHostingTargets && (
                        <Button
                          size="compact-xs"
                          variant="outline"
                          color="red"
                          aria-label={`Retire ${target.name}`}
                          onClick={() => onOpen({ kind: 'retire', target })}
                        >
                          Retire
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Where models run: each place with what its operator does with the data sent to it. */
export function HostingTargetsIndex() {
  const { canEditHostingTargets } = useInventoryPermissions();
  const [showRetired, setShowRetired] = useState(false);
  const [adding, setAdding] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const targets = useQuery(inventoryQueries.hostingTargets(showRetired));
  // The open dialog follows the row as it is now (a reload after a conflict shows the current record), and
  // stays open on the row as it was when a change takes it out of the list.
  const selected = dialog && (targets.data?.find((target) => target.id === dialog.target.id) ?? dialog.target);
  const close = () => setDialog(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          Hosting targets
        </Title>
        {canEditHostingTargets && !adding && <Button onClick={() => setAdding(true)}>New hosting target</Button>}
      </Group>
      {adding && <HostingTargetForm onSaved={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      <Switch label="Show retired" checked={showRetired} onChange={(event) => setShowRetired(event.currentTarget.checked)} />
      {targets.isPending ? (
        <Skeleton height={240} role="status" aria-label="Loading hosting targets" />
      ) : targets.isError ? (
        <QueryError title="Could not load hosting targets" error={targets.error} onRetry={() => void targets.refetch()} />
      ) : targets.data.length === 0 ? (
        <Text c="dimmed">
          {showRetired ? 'No hosting targets yet.' : 'No active hosting targets.'} They are added here or while registering a
          deployment.
        </Text>
      ) : (
        <HostingTargetsTable targets={targets.data} onOpen={setDialog} />
      )}
      {selected && dialog?.kind === 'edit' && (
        <EditHostingTargetDialog target={selected} onReload={() => targets.refetch()} onClose={close} />
      )}
      {selected && dialog?.kind === 'retire' && <RetireHostingTargetDialog target={selected} onClose={close} />}
    </Stack>
  );
}

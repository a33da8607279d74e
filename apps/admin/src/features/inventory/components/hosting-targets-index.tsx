import { Alert, Button, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { useSortInUrl } from '../../../components/data-table/use-sort-in-url';
import type { HostingSearch } from '../search';
import { DateTime } from '../../../components/date-time';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import { EmptyState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import { formatCountry } from '../../../i18n/format';
import { t, tWith } from '../deployments-messages';
import { serverFieldErrors } from '../form-errors';
import { useInvalidateInventory, useRetireHostingTarget } from '../hooks';
import { hostingModeLabels, trainsOnInputsLabels } from '../labels';
import { useInventoryPermissions } from '../permissions';
import { inventoryQueries } from '../queries';
import { FormDialog } from './deployment-dialogs';
import { FormError } from './form-parts';
import { HostingTargetForm, type HostingTarget } from './hosting-target-form';

/** The mutation's error state shows the failure; the promise needs no more. */
const ignoreShownError = () => undefined;

type OpenDialog = { kind: 'edit' | 'retire'; target: HostingTarget };

const yesNo = (value: boolean) => (value ? t('deployments.yes') : t('deployments.no'));

export function retention(target: HostingTarget): string {
  if (target.retentionDays === null) return t('deployments.unknown');
  return t('deployments.hosting.retention', { count: target.retentionDays });
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
    <FormDialog title={t('deployments.hosting.editTitle', { name: target.name })} size="xl" onClose={onClose}>
      {({ onDirtyChange, onCancel, onDone }) => (
        <HostingTargetForm
          key={reloads}
          target={target}
          onDirtyChange={onDirtyChange}
          onSaved={onDone}
          onCancel={onCancel}
          onReload={() => void onReload().then(() => setReloads((count) => count + 1))}
        />
      )}
    </FormDialog>
  );
}

/** Asks before retiring a hosting target; the API refuses while an active deployment still runs there. */
function RetireHostingTargetDialog({ target, onClose }: { target: HostingTarget; onClose: () => void }) {
  const retire = useRetireHostingTarget();
  const reload = useInvalidateInventory();
  // The server explains a refusal on the record itself (`id`), e.g. how many active deployments still use it.
  const refusal = serverFieldErrors(retire.error).id;
  return (
    <Dialog opened onClose={onClose} title={t('deployments.hosting.retireTitle', { name: target.name })}>
      <Stack>
        <Text size="sm">{t('deployments.hosting.retireBody')}</Text>
        {refusal && (
          <Alert color="red" role="alert" title={t('deployments.hosting.notRetired')}>
            {t('deployments.hosting.retireRefused', { name: target.name, reason: refusal })}
          </Alert>
        )}
        <FormError
          error={retire.error}
          title={t('deployments.hosting.notRetired')}
          conflictMessage={t('deployments.hosting.conflict')}
          onReload={() => {
            retire.reset();
            void reload();
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('deployments.cancel')}
          </Button>
          <Button
            color="red"
            loading={retire.isPending}
            onClick={() =>
              // A promise, not mutate's callbacks: the retired target may leave the list (and this dialog) first.
              void retire.mutateAsync({ id: target.id, expectedVersion: target.version }).then(() => {
                showNotice(t('deployments.hosting.retiredNotice'), target.name);
                onClose();
              }, ignoreShownError)
            }
          >
            {t('deployments.hosting.retireConfirm')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function RowActions({ target, onOpen }: { target: HostingTarget; onOpen: (dialog: OpenDialog) => void }) {
  const { canEditHostingTargets, canRetireHostingTargets } = useInventoryPermissions();
  if (target.retiredAt) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {canEditHostingTargets && (
        <Button
          size="compact-xs"
          variant="default"
          aria-label={t('deployments.hosting.editLabel', { name: target.name })}
          onClick={() => onOpen({ kind: 'edit', target })}
        >
          {t('deployments.hosting.editButton')}
        </Button>
      )}
      {canRetireHostingTargets && (
        <Button
          size="compact-xs"
          variant="outline"
          color="red"
          aria-label={t('deployments.hosting.retireLabel', { name: target.name })}
          onClick={() => onOpen({ kind: 'retire', target })}
        >
          {t('deployments.hosting.retireButton')}
        </Button>
      )}
    </Group>
  );
}

function columnsOf(withActions: boolean, onOpen: (dialog: OpenDialog) => void): DataColumn<HostingTarget>[] {
  const columns: DataColumn<HostingTarget>[] = [
    {
      id: 'name',
      header: t('deployments.hosting.table.name'),
      value: (target) => target.name,
      hideable: false,
      cell: (target) => (
        <AnchorLink to="/inventory/hosting/$targetId" params={{ targetId: target.id }} size="sm">
          {target.name}
        </AnchorLink>
      ),
    },
    { id: 'mode', header: t('deployments.hosting.table.mode'), value: (target) => hostingModeLabels[target.mode] },
    { id: 'operator', header: t('deployments.hosting.table.operator'), value: (target) => target.operator },
    { id: 'region', header: t('deployments.hosting.table.region'), value: (target) => target.region },
    { id: 'country', header: t('deployments.hosting.table.country'), value: (target) => formatCountry(target.country) },
    {
      id: 'trainsOnInputs',
      header: t('deployments.hosting.table.trainsOnInputs'),
      value: (target) => trainsOnInputsLabels[target.trainsOnInputs],
    },
    {
      id: 'retention',
      header: t('deployments.hosting.table.retention'),
      value: (target) => target.retentionDays,
      cell: retention,
      align: 'right',
    },
    {
      id: 'zeroDataRetention',
      header: t('deployments.hosting.table.zeroDataRetention'),
      value: (target) => yesNo(target.zeroDataRetention),
    },
    {
      id: 'status',
      header: t('deployments.hosting.table.status'),
      value: (target) => (target.retiredAt ? t('deployments.hosting.retired') : t('deployments.hosting.active')),
      cell: (target) =>
        target.retiredAt ? (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {tWith('deployments.hosting.retiredOn', { date: <DateTime value={target.retiredAt} format="day" /> })}
          </Text>
        ) : (
          <Text size="sm" fw={500} c="teal">
            {t('deployments.hosting.active')}
          </Text>
        ),
    },
    {
      id: 'retiredOn',
      header: t('deployments.hosting.table.retiredOn'),
      value: (target) => (target.retiredAt ? new Date(target.retiredAt) : null),
      cell: (target) => <DateTime value={target.retiredAt} format="day" />,
      defaultHidden: true,
    },
  ];
  if (!withActions) return columns;
  return [
    ...columns,
    {
      id: 'actions',
      header: t('deployments.hosting.table.actions'),
      value: () => null,
      exported: false,
      sortable: false,
      hideable: false,
      cell: (target) => <RowActions target={target} onOpen={onOpen} />,
    },
  ];
}

/** Where models run: each place with what its operator does with the data sent to it. */
export function HostingTargetsIndex({
  search,
  onSearchChange,
}: {
  search: HostingSearch;
  onSearchChange: (search: HostingSearch) => void;
}) {
  const sortInUrl = useSortInUrl();
  const { canEditHostingTargets, canRetireHostingTargets } = useInventoryPermissions();
  const showRetired = search.retired === true;
  const [adding, setAdding] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const targets = useQuery(inventoryQueries.hostingTargets(showRetired));
  // The open dialog follows the row as it is now (a reload after a conflict shows the current record), and
  // stays open on the row as it was when a change takes it out of the list.
  const selected = dialog && (targets.data?.find((target) => target.id === dialog.target.id) ?? dialog.target);
  const close = () => setDialog(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('deployments.hosting.title')}
        </Title>
        {canEditHostingTargets && !adding && <Button onClick={() => setAdding(true)}>{t('deployments.hosting.new')}</Button>}
      </Group>
      {adding && <HostingTargetForm onSaved={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      <DataTable
        id="hosting-targets"
        {...sortInUrl}
        label={t('deployments.hosting.table.label')}
        columns={columnsOf(canEditHostingTargets || canRetireHostingTargets, setDialog)}
        rows={targets.data ?? []}
        rowKey={(target) => target.id}
        minWidth={1100}
        filters={
          <Switch
            label={t('deployments.hosting.showRetired')}
            checked={showRetired}
            onChange={(event) => onSearchChange({ ...search, retired: event.currentTarget.checked || undefined })}
          />
        }
        isLoading={targets.isPending}
        error={targets.isError ? targets.error : null}
        errorTitle={t('deployments.hosting.error')}
        onRetry={() => void targets.refetch()}
        empty={
          <EmptyState
            title={showRetired ? t('deployments.hosting.emptyAll') : t('deployments.hosting.emptyActive')}
            description={t('deployments.hosting.emptyDescription')}
          />
        }
      />
      {selected && dialog?.kind === 'edit' && (
        <EditHostingTargetDialog target={selected} onReload={() => targets.refetch()} onClose={close} />
      )}
      {selected && dialog?.kind === 'retire' && <RetireHostingTargetDialog target={selected} onClose={close} />}
    </Stack>
  );
}

import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { DiscardChangesPrompt } from '../../../components/discard-changes-prompt';
import { DateTime } from '../../../components/date-time';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import type { DeploymentDetailQuery, DeploymentRowFragment, RecordChangeEntryFragment } from '../../../gql/graphql';
import { t, tWith } from '../deployments-messages';
import { useInvalidateInventory, useRetireDeployment } from '../hooks';
import { channelLabels, environmentLabels, registeredViaLabels, versionTitle } from '../labels';
import { inventoryQueries } from '../queries';
import { DeploymentForm } from './deployment-form';
import { FormError } from './form-parts';
import { HistoryTable } from './history-section';
import type { VersionOption } from './model-version-select';

/** The mutation's error state shows the failure; the promise needs no more. */
const ignoreShownError = () => undefined;

/** What a form inside a `FormDialog` is given. */
export type FormDialogControls = {
  /** The form reports whether it holds unsaved changes. */
  onDirtyChange: (dirty: boolean) => void;
  /** Cancel: closes the dialog, after asking when there are unsaved changes. */
  onCancel: () => void;
  /** After a save: closes the dialog at once. */
  onDone: () => void;
};

/**
 * A dialog holding a form. Closing it (Escape, the close button, a click outside, Cancel) with unsaved changes first
 * asks, inside the dialog, whether to discard them; Escape or "Keep editing" go back to the form as it was. Leaving the page
 * meanwhile is guarded too. Render it only while open (`{open && <FormDialog … />}`).
 */
export function FormDialog({
  title,
  size,
  onClose,
  children,
}: {
  title: string;
  size?: string;
  onClose: () => void;
  children: (controls: FormDialogControls) => ReactNode;
}) {
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Where focus was when the question came up (a field, Cancel, the close button): keeping editing returns there.
  const [returnFocus, setReturnFocus] = useState<HTMLElement | null>(null);
  const keepEditing = () => {
    setConfirming(false);
    window.setTimeout(() => returnFocus?.focus(), 0);
  };
  const requestClose = () => {
    if (confirming) keepEditing();
    else if (dirty) {
      setReturnFocus(document.activeElement instanceof HTMLElement ? document.activeElement : null);
      setConfirming(true);
    } else onClose();
  };
  return (
    <Dialog opened onClose={requestClose} title={title} size={size}>
      <UnsavedChangesGuard when={dirty} />
      {confirming && <DiscardChangesPrompt onKeep={keepEditing} onDiscard={onClose} />}
      {/* Hidden, not unmounted, while the question is asked: keeping editing finds the form as it was. */}
      <Box display={confirming ? 'none' : undefined}>
        {children({ onDirtyChange: setDirty, onCancel: requestClose, onDone: onClose })}
      </Box>
    </Dialog>
  );
}

/** Registers a deployment, from the Deployments page or from a version's page (the version filled in). */
export function RegisterDeploymentDialog({ initialVersion, onClose }: { initialVersion?: VersionOption; onClose: () => void }) {
  return (
    <FormDialog title={t('deployments.form.registerLabel')} size="xl" onClose={onClose}>
      {(controls) => <DeploymentForm initialVersion={initialVersion} {...controls} />}
    </FormDialog>
  );
}

type History = readonly RecordChangeEntryFragment[];

/** When the deployment was retired and, from its history (newest first), by whom and through which channel. */
function RetiredBy({ retiredAt, history }: { retiredAt: string | null; history: History }) {
  const entry = history.find((change) => change.action.endsWith('.retire'));
  const when = entry?.occurredAt ?? retiredAt;
  if (!when) return null;
  return (
    <Text size="sm" data-testid="deployment-retired-by">
      {entry
        ? tWith('deployments.history.retiredBy', {
            date: <DateTime value={when} />,
            person: entry.actorLabel ?? t('deployments.unknown'),
            channel: channelLabels[entry.channel] ?? entry.channel,
          })
        : tWith('deployments.history.retiredOn', { date: <DateTime value={when} /> })}
    </Text>
  );
}

/** Edits a deployment as it is when the dialog opens; a reload after a conflict starts again from the current record. */
export function EditDeploymentDialog({ deployment, onClose }: { deployment: DeploymentRowFragment; onClose: () => void }) {
  const detail = useQuery(inventoryQueries.deploymentDetail(deployment.id));
  const [reloads, setReloads] = useState(0);
  return (
    <FormDialog title={t('deployments.edit.title', { application: deployment.application })} size="xl" onClose={onClose}>
      {(controls) =>
        detail.isPending ? (
          <LoadingState what={t('deployments.edit.loading')} rows={8} />
        ) : detail.isError ? (
          <ErrorState title={t('deployments.edit.error')} error={detail.error} onRetry={() => void detail.refetch()} />
        ) : detail.data.status === 'RETIRED' ? (
          <Stack gap="xs">
            <Text size="sm">{t('deployments.edit.retired')}</Text>
            <RetiredBy retiredAt={detail.data.retiredAt} history={detail.data.history} />
          </Stack>
        ) : (
          <DeploymentForm
            key={reloads}
            deployment={detail.data}
            {...controls}
            onReload={() => void detail.refetch().then(() => setReloads((count) => count + 1))}
          />
        )
      }
    </FormDialog>
  );
}

/** Asks before marking a deployment as no longer running; it stays in the inventory with its history. */
export function RetireDeploymentDialog({ deployment, onClose }: { deployment: DeploymentRowFragment; onClose: () => void }) {
  const retire = useRetireDeployment();
  const reload = useInvalidateInventory();
  return (
    <Dialog opened onClose={onClose} title={t('deployments.retire.title', { application: deployment.application })}>
      <Stack>
        <Text size="sm">
          {t('deployments.retire.body', {
            version: versionTitle(deployment.modelVersion),
            team: deployment.team.name,
            environment: environmentLabels[deployment.environment].toLowerCase(),
          })}
        </Text>
        <FormError
          error={retire.error}
          title={t('deployments.retire.failed')}
          conflictMessage={t('deployments.retire.conflict')}
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
              // A promise, not mutate's callbacks: the retired deployment may leave a filtered list (and this dialog) first.
              void retire.mutateAsync({ id: deployment.id, expectedVersion: deployment.version }).then(() => {
                showNotice(t('deployments.retire.done'), deployment.application);
                onClose();
              }, ignoreShownError)
            }
          >
            {t('deployments.retire.confirm')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** Who registered the deployment, and how; who retired it, if anyone. */
export function HistorySummary({ deployment }: { deployment: NonNullable<DeploymentDetailQuery['deployment']> }) {
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t('deployments.history.registeredBy', {
          person: deployment.registeredBy?.displayName ?? t('deployments.unknown'),
          channel: registeredViaLabels[deployment.registeredVia] ?? deployment.registeredVia,
        })}
      </Text>
      {deployment.status === 'RETIRED' && <RetiredBy retiredAt={deployment.retiredAt} history={deployment.history} />}
    </Stack>
  );
}

/** Who changed a deployment, when and how. */
export function DeploymentHistoryDialog({ deployment, onClose }: { deployment: DeploymentRowFragment; onClose: () => void }) {
  const detail = useQuery(inventoryQueries.deploymentDetail(deployment.id));
  const label = t('deployments.history.title', { application: deployment.application });
  return (
    <Dialog opened onClose={onClose} title={label} size="80rem">
      {detail.isPending ? (
        <LoadingState what={t('deployments.history.loading')} rows={4} />
      ) : detail.isError ? (
        <ErrorState title={t('deployments.history.error')} error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Stack>
          <HistorySummary deployment={detail.data} />
          <HistoryTable history={detail.data.history} label={label} />
        </Stack>
      )}
    </Dialog>
  );
}

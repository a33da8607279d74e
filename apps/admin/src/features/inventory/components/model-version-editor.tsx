import { AnchorLink } from '../../../components/router-links';
import { Alert, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { versionTitle } from '../labels';
import { t } from '../messages';
import { inventoryQueries } from '../queries';
import { discoveryQueries } from '../../discovery/queries';
import { ModelVersionForm, type FindingDraft } from './model-version-form';

/** Registers a version; from a scan finding (`findingId`), the form starts with what the finding tells. */
export function RegisterModelVersion({ findingId }: { findingId?: string }) {
  const navigate = useNavigate();
  const draft = useQuery({ ...discoveryQueries.registrationDraft(findingId ?? ''), enabled: Boolean(findingId) });
  const form = (initialDraft?: FindingDraft) => (
    <ModelVersionForm
      initialDraft={initialDraft}
      // Saved: the form still reads "changed" in this moment, so its guard is told to let this navigation pass.
      onSaved={(id) => void navigate({ to: '/inventory/versions/$versionId', params: { versionId: id }, ignoreBlocker: true })}
      onCancel={() => void navigate({ to: '/inventory' })}
    />
  );
  return (
    <Stack>
      <AnchorLink to="/inventory" size="sm">
        {t('inventory.detail.back')}
      </AnchorLink>
      <Title order={2}>{t('inventory.form.registerTitle')}</Title>
      {!findingId ? (
        form()
      ) : draft.isPending ? (
        <LoadingState what={t('inventory.form.findingWhat')} rows={8} height={44} />
      ) : draft.isError ? (
        <ErrorState title={t('inventory.form.findingFailed')} error={draft.error} onRetry={() => void draft.refetch()} />
      ) : (
        <>
          <Alert color="blue" title={t('inventory.form.fromFinding.title')}>
            <Text size="sm">{t('inventory.form.fromFinding.body')}</Text>
            <List size="sm" mt={4}>
              {draft.data.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          </Alert>
          {form(draft.data)}
        </>
      )}
    </Stack>
  );
}

/** Edits the facts of a version as they were when the page loaded. */
export function EditModelVersion({ versionId }: { versionId: string }) {
  const navigate = useNavigate();
  const detail = useQuery(inventoryQueries.versionDetail(versionId));
  const toDetail = (afterSave: boolean) =>
    void navigate({ to: '/inventory/versions/$versionId', params: { versionId }, ignoreBlocker: afterSave });
  if (detail.isPending) return <LoadingState what={t('inventory.detail.loadingWhat')} rows={8} height={44} />;
  if (detail.isError) {
    return <ErrorState title={t('inventory.detail.loadFailed')} error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const title = versionTitle(detail.data);
  return (
    <Stack>
      <AnchorLink to="/inventory/versions/$versionId" params={{ versionId }} size="sm">
        {t('inventory.form.backTo', { title })}
      </AnchorLink>
      <Title order={2}>{t('inventory.form.editTitle', { title })}</Title>
      {/* A reload after a conflict starts the form again from the current record. */}
      <ModelVersionForm
        key={detail.data.version}
        version={detail.data}
        onSaved={() => toDetail(true)}
        onCancel={() => toDetail(false)}
        onReload={() => void detail.refetch()}
      />
    </Stack>
  );
}

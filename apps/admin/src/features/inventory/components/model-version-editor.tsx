import { AnchorLink } from '../../../components/router-links';
import { Alert, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { QueryError } from '../../../components/query-error';
import { versionTitle } from '../labels';
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
      onSaved={(id) => void navigate({ to: '/inventory/versions/$versionId', params: { versionId: id } })}
      onCancel={() => void navigate({ to: '/inventory' })}
    />
  );
  return (
    <Stack>
      <AnchorLink to="/inventory" size="sm">
        ← All model versions
      </AnchorLink>
      <Title order={2}>Register model version</Title>
      {!findingId ? (
        form()
      ) : draft.isPending ? (
        <Skeleton height={400} role="status" aria-label="Loading the scan finding" />
      ) : draft.isError ? (
        <QueryError title="Could not read the scan finding" error={draft.error} onRetry={() => void draft.refetch()} />
      ) : (
        <>
          <Alert color="blue" title="Drafted from a scan finding">
            <Text size="sm">Check every field before you register: nothing is saved until you do.</Text>
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
  const toDetail = () => void navigate({ to: '/inventory/versions/$versionId', params: { versionId } });
  if (detail.isPending) return <Skeleton height={400} role="status" aria-label="Loading the model version" />;
  if (detail.isError) {
    return <QueryError title="Could not load the model version" error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return (
    <Stack>
      <AnchorLink to="/inventory/versions/$versionId" params={{ versionId }} size="sm">
        ← Back to {versionTitle(detail.data)}
      </AnchorLink>
      <Title order={2}>Edit {versionTitle(detail.data)}</Title>
      {/* A reload after a conflict starts the form again from the current record. */}
      <ModelVersionForm
        key={detail.data.version}
        version={detail.data}
        onSaved={toDetail}
        onCancel={toDetail}
        onReload={() => void detail.refetch()}
      />
    </Stack>
  );
}

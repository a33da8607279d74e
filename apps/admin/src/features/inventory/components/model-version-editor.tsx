import { AnchorLink } from '../../../components/router-links';
import { Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { QueryError } from '../../../components/query-error';
import { versionTitle } from '../labels';
import { inventoryQueries } from '../queries';
import { ModelVersionForm } from './model-version-form';

export function RegisterModelVersion() {
  const navigate = useNavigate();
  return (
    <Stack>
      <AnchorLink to="/inventory" size="sm">
        ← All model versions
      </AnchorLink>
      <Title order={2}>Register model version</Title>
      <ModelVersionForm
        onSaved={(id) => void navigate({ to: '/inventory/versions/$versionId', params: { versionId: id } })}
        onCancel={() => void navigate({ to: '/inventory' })}
      />
    </Stack>
  );
}

/** Edits the facts of a version as they were when the page loaded. */
export function EditModelVersion({ versionId }: { versionId: string }) {
  const navigate = useNavigate();
  const detail = useQuery(inventoryQueries.versionDetail(versionId));
  const toDetail = () => void navigate({ to: '/inventory/versions/$versionId', params: { versionId } });
  if (detail.isPending) return <Skeleton height={400} aria-label="Loading the model version" />;
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

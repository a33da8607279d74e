import { Badge, Button, Code, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { policySetSchema } from '@modelgate/domain/policy';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import type { TableSort } from '../../../components/data-table/table-view';
import { DateTime } from '../../../components/date-time';
import { showNotice } from '../../../components/notices';
import { EmptyState, ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { PolicyVersionFieldsFragment } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { useDraftPolicyVersion } from '../hooks';
import { versionStatusColors, versionStatusLabels } from '../labels';
import { t } from '../messages';
import { usePolicyPermissions } from '../permissions';
import { policyQueries } from '../queries';
import { tableSortOf, withTableSort, type PoliciesSearch, type PolicyTab } from '../search';
import { ExceptionsPanel } from './exceptions-panel';
import { GatePanel } from './gate-panel';
import { PolicyReadable } from './rule-list';
import { ViolationsPanel } from './violations-panel';

/** The sort of the open tab's table, kept in the URL with the tab's other filters. */
export type TableSortProps = { sort?: TableSort; onSortChange: (sort: TableSort | undefined) => void };

function NewDraftButton() {
  const inForce = useQuery(policyQueries.inForce());
  const draft = useDraftPolicyVersion();
  const navigate = useNavigate();
  return (
    <Stack gap={4} align="flex-end">
      <Button
        loading={draft.isPending}
        disabled={!inForce.data}
        onClick={() =>
          inForce.data &&
          draft.mutate(
            { policy: inForce.data.policy, note: null },
            {
              onSuccess: ({ draftPolicyVersion: created }) => {
                showNotice(t('policies.draft.created'), t('policies.draft.createdBody', { number: created.number }));
                void navigate({ to: '/policies/versions/$versionId', params: { versionId: created.id } });
              },
            },
          )
        }
      >
        {t('policies.draft.new')}
      </Button>
      <FormError error={draft.error} title={t('policies.draft.failed')} />
    </Stack>
  );
}

function RulesInForce(props: TableSortProps) {
  const inForce = useQuery(policyQueries.inForce());
  if (inForce.isPending) return <LoadingState what={t('policies.inForce.what')} />;
  if (inForce.isError) {
    return <ErrorState title={t('policies.inForce.failed')} error={inForce.error} onRetry={() => void inForce.refetch()} />;
  }
  const parsed = policySetSchema.safeParse(inForce.data.policy);
  return (
    <Stack>
      <Text size="sm" data-testid="policy-in-force">
        {inForce.data.number === 0
          ? t('policies.inForce.default')
          : t('policies.inForce.version', { number: inForce.data.number })}{' '}
        {t('policies.inForce.scope')}
      </Text>
      {parsed.success ? (
        <PolicyReadable policy={parsed.data} tableId="policy-in-force" {...props} />
      ) : (
        <Code block>{JSON.stringify(inForce.data.policy, null, 2)}</Code>
      )}
    </Stack>
  );
}

type Version = PolicyVersionFieldsFragment;

const versionColumns: DataColumn<Version>[] = [
  {
    id: 'version',
    header: t('policies.versions.column.version'),
    value: (version) => version.number,
    hideable: false,
    cell: (version) => (
      <AnchorLink to="/policies/versions/$versionId" params={{ versionId: version.id }}>
        {t('policies.versions.name', { number: version.number })}
      </AnchorLink>
    ),
  },
  {
    id: 'status',
    header: t('policies.versions.column.status'),
    value: (version) => versionStatusLabels[version.status] ?? version.status,
    cell: (version) => (
      <Badge color={versionStatusColors[version.status] ?? 'gray'} variant="light" tt="none">
        {versionStatusLabels[version.status] ?? version.status}
      </Badge>
    ),
  },
  { id: 'note', header: t('policies.versions.column.note'), value: (version) => version.note, sortable: false },
  {
    id: 'draftedBy',
    header: t('policies.versions.column.draftedBy'),
    value: (version) => version.draftedBy?.displayName,
  },
  {
    id: 'drafted',
    header: t('policies.versions.column.drafted'),
    value: (version) => new Date(version.createdAt),
    cell: (version) => <DateTime value={version.createdAt} format="dateTime" />,
  },
  {
    id: 'activatedBy',
    header: t('policies.versions.column.activatedBy'),
    value: (version) => (version.activatedAt ? version.activatedBy?.displayName : null),
  },
  {
    id: 'activated',
    header: t('policies.versions.column.activated'),
    value: (version) => (version.activatedAt ? new Date(version.activatedAt) : null),
    cell: (version) => <DateTime value={version.activatedAt} format="dateTime" />,
  },
  {
    id: 'updated',
    header: t('policies.versions.column.updated'),
    value: (version) => new Date(version.updatedAt),
    cell: (version) => <DateTime value={version.updatedAt} format="dateTime" />,
    defaultHidden: true,
  },
];

function VersionsList(props: TableSortProps) {
  const versions = useQuery(policyQueries.versions());
  return (
    <DataTable
      id="policy-versions"
      label={t('policies.versions.label')}
      columns={versionColumns}
      rows={versions.data ?? []}
      rowKey={(version) => version.id}
      isLoading={versions.isPending}
      error={versions.error}
      errorTitle={t('policies.versions.failed')}
      onRetry={() => void versions.refetch()}
      {...props}
      empty={<EmptyState title={t('policies.versions.empty')} description={t('policies.versions.emptyHint')} />}
    />
  );
}

const tabLabels: Record<PolicyTab, string> = {
  rules: t('policies.tab.rules'),
  versions: t('policies.tab.versions'),
  exceptions: t('policies.tab.exceptions'),
  violations: t('policies.tab.violations'),
  gate: t('policies.tab.gate'),
};

/** The policy in force, its versions, exceptions, violations, and the gate's answer to any question. */
export function PoliciesHome({
  search,
  onSearchChange,
}: {
  search: PoliciesSearch;
  onSearchChange: (next: PoliciesSearch) => void;
}) {
  const permissions = usePolicyPermissions();
  const tabs = (Object.keys(tabLabels) as PolicyTab[]).filter((tab) => tab !== 'gate' || permissions.canAsk);
  const tab = search.tab && tabs.includes(search.tab) ? search.tab : 'rules';
  const sortProps: TableSortProps = {
    sort: tableSortOf(search),
    onSortChange: (sort) => onSearchChange(withTableSort(search, sort)),
  };
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {t('policies.title')}
        </Title>
        {permissions.canManage && <NewDraftButton />}
      </Group>
      {/* A tab's filters and sort belong to its table: changing tabs starts the new one from its own order. */}
      <Tabs value={tab} onChange={(next) => next && onSearchChange({ tab: next as PolicyTab })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {tabLabels[key]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <RulesInForce {...sortProps} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <VersionsList {...sortProps} />
        </Tabs.Panel>
        <Tabs.Panel value="exceptions" pt="md">
          <ExceptionsPanel
            {...sortProps}
            state={search.state}
            onStateChange={(state) => onSearchChange({ ...search, state, exception: undefined })}
            only={search.exception}
            onShowAll={() => onSearchChange({ ...search, exception: undefined })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="violations" pt="md">
          <ViolationsPanel
            {...sortProps}
            openOnly={search.violations !== 'all'}
            onOpenOnlyChange={(openOnly) => onSearchChange({ ...search, violations: openOnly ? undefined : 'all' })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="gate" pt="md">
          <GatePanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

import { Badge, Button, Group, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { policySetSchema } from '@modelgate/domain/policy';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { showNotice } from '../../../components/notices';
import { QueryError } from '../../../components/query-error';
import { AnchorLink } from '../../../components/router-links';
import { FormError } from '../../inventory/components/form-parts';
import { useDraftPolicyVersion } from '../hooks';
import { versionStatusColors, versionStatusLabels } from '../labels';
import { usePolicyPermissions } from '../permissions';
import { policyQueries } from '../queries';
import type { PoliciesSearch, PolicyTab } from '../search';
import { ExceptionsPanel } from './exceptions-panel';
import { GatePanel } from './gate-panel';
import { PolicyReadable } from './rule-list';
import { ViolationsPanel } from './violations-panel';

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
                showNotice('Draft created', `Policy version ${created.number}`);
                void navigate({ to: '/policies/versions/$versionId', params: { versionId: created.id } });
              },
            },
          )
        }
      >
        Draft a new version
      </Button>
      <FormError error={draft.error} title="No draft was created" />
    </Stack>
  );
}

function RulesInForce() {
  const inForce = useQuery(policyQueries.inForce());
  if (inForce.isPending) return <Skeleton height={300} role="status" aria-label="Loading the policy" />;
  if (inForce.isError) {
    return <QueryError title="Could not load the policy" error={inForce.error} onRetry={() => void inForce.refetch()} />;
  }
  const parsed = policySetSchema.safeParse(inForce.data.policy);
  return (
    <Stack>
      <Text size="sm" data-testid="policy-in-force">
        {inForce.data.number === 0
          ? 'The default policy is in force: no compliance officer has activated a version of their own yet.'
          : `Policy version ${inForce.data.number} is in force.`}{' '}
        Every decision of the CI gate and every deployment registration is made under it.
      </Text>
      {parsed.success ? <PolicyReadable policy={parsed.data} /> : <Text>{JSON.stringify(inForce.data.policy)}</Text>}
    </Stack>
  );
}

function VersionsList() {
  const versions = useQuery(policyQueries.versions());
  if (versions.isPending) return <Skeleton height={200} role="status" aria-label="Loading policy versions" />;
  if (versions.isError) {
    return <QueryError title="Could not load the versions" error={versions.error} onRetry={() => void versions.refetch()} />;
  }
  if (versions.data.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No version has been drafted yet; the default policy is in force.
      </Text>
    );
  }
  return (
    <Table striped aria-label="Policy versions" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Note</Table.Th>
          <Table.Th>Drafted by</Table.Th>
          <Table.Th>Activated</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.data.map((version) => (
          <Table.Tr key={version.id}>
            <Table.Td>
              <AnchorLink to="/policies/versions/$versionId" params={{ versionId: version.id }}>
                Version {version.number}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <Badge color={versionStatusColors[version.status] ?? 'gray'} variant="light" tt="none">
                {versionStatusLabels[version.status] ?? version.status}
              </Badge>
            </Table.Td>
            <Table.Td>{version.note ?? '—'}</Table.Td>
            <Table.Td>
              {version.draftedBy?.displayName ?? '—'}, {version.createdAt.slice(0, 10)}
            </Table.Td>
            <Table.Td>
              {version.activatedAt ? `${version.activatedBy?.displayName ?? '—'}, ${version.activatedAt.slice(0, 10)}` : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const tabLabels: Record<PolicyTab, string> = {
  rules: 'Rules in force',
  versions: 'Versions',
  exceptions: 'Exceptions',
  violations: 'Violations',
  gate: 'Ask the gate',
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
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          Policies
        </Title>
        {permissions.canManage && <NewDraftButton />}
      </Group>
      <Tabs value={tab} onChange={(next) => next && onSearchChange({ tab: next as PolicyTab })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {tabLabels[key]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <RulesInForce />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <VersionsList />
        </Tabs.Panel>
        <Tabs.Panel value="exceptions" pt="md">
          <ExceptionsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="violations" pt="md">
          <ViolationsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="gate" pt="md">
          <GatePanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

import { Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { describePolicyCondition, type PolicyRule, type PolicySet } from '@modelgate/domain/policy';
import { countryLabel } from '../../inventory/labels';
import { categoryLabel } from '../../approvals/labels';
import { outcomeColors, outcomeLabels } from '../labels';

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <Badge color={outcomeColors[outcome] ?? 'gray'} variant="light" tt="none">
      {outcomeLabels[outcome] ?? outcome}
    </Badge>
  );
}

/** One rule in words: when it matches, what it decides, and the reason people are shown. */
export function RuleSummary({ rule }: { rule: PolicyRule }) {
  return (
    <Paper withBorder p="md" component="article" aria-label={`Rule ${rule.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Text fw={600}>{rule.name}</Text>
            <Code>{rule.id}</Code>
          </Stack>
          <OutcomeBadge outcome={rule.outcome} />
        </Group>
        {rule.description && <Text size="sm">{rule.description}</Text>}
        <Text size="sm">
          <Text span fw={500}>
            When{' '}
          </Text>
          {describePolicyCondition(rule.when)}
        </Text>
        {rule.outcome === 'REQUIRE_REVIEW' && (
          <Text size="sm">
            <Text span fw={500}>
              Asks for{' '}
            </Text>
            {rule.reviewCategories.map(categoryLabel).join(', ') || 'no particular review'}
            {rule.approvers ? `; at least ${rule.approvers} approvers` : ''}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          Reason shown: {rule.reason}
        </Text>
      </Stack>
    </Paper>
  );
}

export function CountryGroupsTable({ groups }: { groups: PolicySet['countryGroups'] }) {
  const entries = Object.entries(groups);
  if (entries.length === 0) return <Text size="sm">No country groups.</Text>;
  return (
    <Table withTableBorder aria-label="Country groups" verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={220}>Group</Table.Th>
          <Table.Th>Countries</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([name, countries]) => (
          <Table.Tr key={name}>
            <Table.Td>
              <Code>{name}</Code>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{countries.map(countryLabel).join(', ')}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A whole policy, readable: its country groups and every rule in order. */
export function PolicyReadable({ policy }: { policy: PolicySet }) {
  return (
    <Stack>
      <Title order={2} size="h4">
        Country groups
      </Title>
      <CountryGroupsTable groups={policy.countryGroups} />
      <Title order={2} size="h4">
        Rules{' '}
        <Text span c="dimmed">
          {policy.rules.length}
        </Text>
      </Title>
      {policy.rules.map((rule) => (
        <RuleSummary key={rule.id} rule={rule} />
      ))}
    </Stack>
  );
}

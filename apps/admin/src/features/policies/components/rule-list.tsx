import { Box, Code, Stack, Text, Title } from '@mantine/core';
import type { PolicyRule, PolicySet } from '@modelgate/domain/policy';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import type { TableSort } from '../../../components/data-table/table-view';
import { EmptyState } from '../../../components/page-states';
import { formatCountry } from '../../../i18n/format';
import { categoryLabel } from '../../approvals/labels';
import { describeCondition } from '../describe';
import { outcomeLabels } from '../labels';
import { t } from '../messages';
import { OutcomeBadge } from './why';

export { OutcomeBadge } from './why';

type RuleRow = { rule: PolicyRule; position: number };

/** What a review rule asks for, in words. */
function asksFor(rule: PolicyRule): string {
  if (rule.outcome !== 'REQUIRE_REVIEW') return '';
  const reviews = rule.reviewCategories.map(categoryLabel).join(', ') || t('policies.rules.noParticularReview');
  return rule.approvers ? t('policies.rules.asksForWithApprovers', { reviews, count: rule.approvers }) : reviews;
}

const ruleColumns: DataColumn<RuleRow>[] = [
  {
    id: 'position',
    header: t('policies.rules.column.position'),
    value: (row) => row.position,
    width: '56px',
    align: 'right',
  },
  {
    id: 'rule',
    header: t('policies.rules.column.rule'),
    value: (row) => row.rule.name,
    hideable: false,
    // The rule's name and id as one article, so it can be found (and read) by its id.
    cell: (row) => (
      <Box component="article" aria-label={t('policies.rules.article', { id: row.rule.id })}>
        <Text size="sm" fw={600}>
          {row.rule.name}
        </Text>
        <Code>{row.rule.id}</Code>
        {row.rule.description && (
          <Text size="xs" c="dimmed" mt={4}>
            {row.rule.description}
          </Text>
        )}
      </Box>
    ),
  },
  { id: 'id', header: t('policies.rules.column.id'), value: (row) => row.rule.id, defaultHidden: true },
  {
    id: 'outcome',
    header: t('policies.rules.column.outcome'),
    value: (row) => outcomeLabels[row.rule.outcome] ?? row.rule.outcome,
    width: '150px',
    cell: (row) => <OutcomeBadge outcome={row.rule.outcome} />,
  },
  {
    id: 'when',
    header: t('policies.rules.column.when'),
    value: (row) => describeCondition(row.rule.when),
    sortable: false,
    cell: (row) => <Text size="sm">{describeCondition(row.rule.when)}</Text>,
  },
  {
    id: 'asksFor',
    header: t('policies.rules.column.asksFor'),
    value: (row) => asksFor(row.rule),
    sortable: false,
  },
  {
    id: 'reason',
    header: t('policies.rules.column.reason'),
    value: (row) => row.rule.reason,
    sortable: false,
    cell: (row) => (
      <Text size="sm" c="dimmed">
        {row.rule.reason}
      </Text>
    ),
  },
];

type GroupRow = { name: string; countries: readonly string[] };

const countriesText = (row: GroupRow) => row.countries.map(formatCountry).join(', ');

const groupColumns: DataColumn<GroupRow>[] = [
  {
    id: 'group',
    header: t('policies.groups.column.group'),
    value: (row) => row.name,
    hideable: false,
    width: '220px',
    cell: (row) => <Code>{row.name}</Code>,
  },
  {
    id: 'count',
    header: t('policies.groups.column.count'),
    value: (row) => row.countries.length,
    width: '110px',
    align: 'right',
  },
  {
    id: 'countries',
    header: t('policies.groups.column.countries'),
    value: countriesText,
    sortable: false,
    cell: (row) => <Text size="sm">{countriesText(row)}</Text>,
  },
];

export function CountryGroupsTable({ groups, tableId }: { groups: PolicySet['countryGroups']; tableId: string }) {
  const rows = Object.entries(groups).map(([name, countries]) => ({ name, countries }));
  return (
    <DataTable
      id={tableId}
      label={t('policies.groups.label')}
      columns={groupColumns}
      rows={rows}
      rowKey={(row) => row.name}
      minWidth={500}
      empty={<EmptyState title={t('policies.groups.empty')} description={t('policies.groups.emptyHint')} />}
    />
  );
}

/**
 * A whole policy, readable: its country groups, and every rule in order with its condition in words, what it
 * decides and the reason people are shown.
 */
export function PolicyReadable({
  policy,
  tableId,
  sort,
  onSortChange,
}: {
  policy: PolicySet;
  /** Names the tables' saved column choices and CSV files. */
  tableId: string;
  sort?: TableSort;
  onSortChange?: (sort: TableSort | undefined) => void;
}) {
  const rows = policy.rules.map((rule, index) => ({ rule, position: index + 1 }));
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('policies.rules.title')}{' '}
        <Text span c="dimmed">
          {policy.rules.length}
        </Text>
      </Title>
      <Text size="sm" c="dimmed">
        {t('policies.rules.howDecided')}
      </Text>
      <DataTable
        id={`${tableId}-rules`}
        label={t('policies.rules.label')}
        columns={ruleColumns}
        rows={rows}
        rowKey={(row) => row.rule.id}
        sort={sort}
        onSortChange={onSortChange}
        minWidth={900}
        empty={<EmptyState title={t('policies.rules.empty')} description={t('policies.rules.emptyHint')} />}
      />
      <Title order={2} size="h4">
        {t('policies.groups.title')}
      </Title>
      <CountryGroupsTable groups={policy.countryGroups} tableId={`${tableId}-country-groups`} />
    </Stack>
  );
}

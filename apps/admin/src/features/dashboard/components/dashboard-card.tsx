import { Box, Card, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { EmptyState } from '../../../components/page-states';
import type { DashboardLink } from '../links';
import { t } from '../messages';
import { TargetLink } from './target-link';

/** The chart's figures as a table: the first cell of each row names it. */
export type TableAlternative = { columns: readonly string[]; rows: ReadonlyArray<{ key: string; cells: readonly ReactNode[] }> };

type DashboardCardProps = {
  testId: string;
  title: string;
  /** The figures that matter in words, so no one depends on reading the chart. */
  summary: ReactNode;
  table: TableAlternative;
  link: DashboardLink;
  /** Shown instead of the chart and its table when there is nothing to chart. */
  empty?: string | false;
  children: ReactNode;
};

export function DashboardCard({ testId, title, summary, table, link, empty, children }: DashboardCardProps) {
  const titleId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId} data-testid={testId}>
      <Stack gap="sm" h="100%">
        <Title order={3} size="h4" id={titleId}>
          {title}
        </Title>
        <Text size="sm">{summary}</Text>
        {empty ? (
          <EmptyState title={empty} />
        ) : (
          <>
            {children}
            <DataTable caption={title} table={table} />
          </>
        )}
        <Box mt="auto">
          <TargetLink target={link.target}>{link.label}</TargetLink>
        </Box>
      </Stack>
    </Card>
  );
}

/** Collapsed by default, so the chart stays the first thing seen; screen readers and keyboards open it like any disclosure. */
function DataTable({ caption, table }: { caption: string; table: TableAlternative }) {
  return (
    <details>
      <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>
        {t('dashboard.card.showAsTable')}
        <VisuallyHidden>{t('dashboard.card.showAsTableOf', { title: caption })}</VisuallyHidden>
      </Text>
      <Table mt="xs" striped withTableBorder captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column) => (
              <Table.Th key={column} scope="col">
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <Table.Th key={index} scope="row" fw="normal">
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={index}>{cell}</Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}

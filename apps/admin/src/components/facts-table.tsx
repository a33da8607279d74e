import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export type Fact = readonly [label: string, value: ReactNode];

/**
 * One record's facts as a two-column table, a label heading each row: the top of a page showing one thing. A
 * short list of one record, so a plain table rather than a `DataTable`.
 */
export function FactsTable({ label, facts, labelWidth = 200 }: { label: string; facts: readonly Fact[]; labelWidth?: number }) {
  return (
    <Table variant="vertical" withTableBorder aria-label={label}>
      <Table.Tbody>
        {facts.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w={labelWidth}>{name}</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

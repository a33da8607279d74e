import { AnchorLink } from '../../../components/router-links';
import { Badge, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ModelVersionsQuery } from '../../../gql/graphql';
import { countryLabel, distributionLabels, versionTitle } from '../labels';
import { LicenseClassBadge } from './license-class-badge';

export type VersionRow = ModelVersionsQuery['modelVersions']['edges'][number]['node'];

const COLUMNS = 7;
const ESTIMATED_ROW_HEIGHT = 56;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 30;

function EffectiveOrigin({ row }: { row: VersionRow }) {
  const differs = row.effectiveOrigin.some((code) => code !== row.developerCountry);
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{row.effectiveOrigin.join(', ') || '—'}</Text>
      {differs && (
        <Badge size="xs" color="orange" variant="outline" tt="none" title="Its bases were developed in other countries">
          differs<span className="visually-hidden"> from the developer country</span>
        </Badge>
      )}
    </Group>
  );
}

function LicenseCell({ row }: { row: VersionRow }) {
  return (
    <Stack gap={2}>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {row.concludedLicense ?? row.declaredLicense}
        {row.concludedLicense && row.concludedLicense !== row.declaredLicense && (
          <Text span size="xs" c="dimmed">
            {' '}
            (declared {row.declaredLicense})
          </Text>
        )}
      </Text>
      <LicenseClassBadge licenseClass={row.licenseClass} />
    </Stack>
  );
}

function VersionTableRow({ row }: { row: VersionRow }) {
  return (
    <>
      <Table.Td>
        <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: row.id }} fw={500}>
          {versionTitle(row)}
        </AnchorLink>
        {row.retiredAt && (
          <Badge size="xs" color="gray" ml={6}>
            Retired
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{row.provider.name}</Table.Td>
      <Table.Td>{countryLabel(row.developerCountry)}</Table.Td>
      <Table.Td>
        <EffectiveOrigin row={row} />
      </Table.Td>
      <Table.Td>{distributionLabels[row.distribution]}</Table.Td>
      <Table.Td>
        <LicenseCell row={row} />
      </Table.Td>
      <Table.Td ta="right">{row.deploymentCount}</Table.Td>
    </>
  );
}

/**
 * Renders only the rows in view (plus a margin) inside a scrolling box, and asks for the next page
 * when the view nears the last loaded row, so ten thousand versions scroll as smoothly as ten.
 */
export function VersionTable({
  rows,
  totalCount,
  hasNextPage,
  isFetchingNextPage,
  onNeedMore,
}: {
  rows: readonly VersionRow[];
  totalCount: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onNeedMore: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions the React compiler must not memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) onNeedMore();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, onNeedMore]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <Stack gap="xs">
      <div
        ref={scrollRef}
        style={{ height: 'max(420px, calc(100vh - 330px))', overflow: 'auto' }}
        tabIndex={0}
        aria-label="Model versions, scrollable"
      >
        <Table
          stickyHeader
          highlightOnHover
          data-testid="model-versions"
          aria-rowcount={totalCount + 1}
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th w="19%">Model version</Table.Th>
              <Table.Th w="12%">Provider</Table.Th>
              <Table.Th w="12%">Developer country</Table.Th>
              <Table.Th w="14%">Effective origin</Table.Th>
              <Table.Th w="11%">Distribution</Table.Th>
              <Table.Th w="20%">License</Table.Th>
              <Table.Th w="12%" ta="right">
                Deployments
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true" style={{ height: paddingTop }}>
                <td colSpan={COLUMNS} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <Table.Tr key={item.key} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                  <VersionTableRow row={row} />
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" style={{ height: paddingBottom }}>
                <td colSpan={COLUMNS} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {isFetchingNextPage && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Loading more versions…</Text>
        </Group>
      )}
    </Stack>
  );
}

import { Badge, Group } from '@mantine/core';
import type { ScanFindingStatus } from '../../../gql/graphql';
import { findingStatusCount, findingStatusInfo } from '../labels';

export type StatusCountsOf = {
  approvedCount: number;
  notApprovedCount: number;
  unknownCount: number;
  informationalCount: number;
};

export function statusCountEntries(counts: StatusCountsOf): [ScanFindingStatus, number][] {
  return [
    ['UNKNOWN', counts.unknownCount],
    ['REGISTERED_NOT_APPROVED', counts.notApprovedCount],
    ['APPROVED', counts.approvedCount],
    ['INFORMATIONAL', counts.informationalCount],
  ];
}

/** The counts in words, one after another: what the CSV of a list holds. */
export const statusCountsText = (counts: StatusCountsOf): string =>
  statusCountEntries(counts)
    .map(([status, count]) => findingStatusCount(status, count))
    .join(', ');

/** The number of findings in each status, as badges that say their status in words. */
export function StatusCounts({ counts }: { counts: StatusCountsOf }) {
  return (
    <Group gap={6}>
      {statusCountEntries(counts).map(([status, count]) => (
        <Badge key={status} color={findingStatusInfo(status).color} variant={count ? 'light' : 'outline'} tt="none">
          {findingStatusCount(status, count)}
        </Badge>
      ))}
    </Group>
  );
}

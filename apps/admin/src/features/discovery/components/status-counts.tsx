import { Badge, Group } from '@mantine/core';
import type { ScanFindingStatus } from '../../../gql/graphql';
import { findingStatusInfo } from '../labels';

type Counts = { approvedCount: number; notApprovedCount: number; unknownCount: number; informationalCount: number };

/** The number of findings in each status, as badges that say their status in words. */
export function StatusCounts({ counts }: { counts: Counts }) {
  const entries: [ScanFindingStatus, number][] = [
    ['UNKNOWN', counts.unknownCount],
    ['REGISTERED_NOT_APPROVED', counts.notApprovedCount],
    ['APPROVED', counts.approvedCount],
    ['INFORMATIONAL', counts.informationalCount],
  ];
  return (
    <Group gap={6}>
      {entries.map(([status, count]) => (
        <Badge key={status} color={findingStatusInfo[status].color} variant={count ? 'light' : 'outline'} tt="none">
          {count} {findingStatusInfo[status].label.toLowerCase()}
        </Badge>
      ))}
    </Group>
  );
}

import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links';
import type { ApprovalRequestRowFragment } from '../../../gql/graphql';
import { dataClassificationLabels, environmentLabels, versionTitle } from '../../inventory/labels';
import { categoryLabel, day, daysBetween } from '../labels';
import { RequestBadges } from './approval-badges';

type Row = ApprovalRequestRowFragment;

/** The viewer's open reviews on the request, most urgent first. */
function myOpenReviews(row: Row, viewerId: string | null) {
  return row.reviews
    .filter((review) => review.status === 'ASSIGNED' && review.reviewer.id === viewerId)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Overdue first, then the review due soonest, then the oldest submission: the order a reviewer works in. */
export function sortForQueue(rows: readonly Row[], viewerId: string | null): Row[] {
  const key = (row: Row) => {
    const mine = myOpenReviews(row, viewerId)[0];
    return { overdue: mine?.overdue ? 0 : 1, due: mine?.dueAt ?? '9999', submitted: row.submittedAt ?? row.createdAt };
  };
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka.overdue - kb.overdue || ka.due.localeCompare(kb.due) || ka.submitted.localeCompare(kb.submitted);
  });
}

function DueCell({ row, viewerId, now }: { row: Row; viewerId: string | null; now: Date }) {
  const mine = myOpenReviews(row, viewerId);
  const open = mine.length > 0 ? mine : row.reviews.filter((review) => review.status === 'ASSIGNED');
  const next = [...open].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (!next) return <Text size="sm">—</Text>;
  const days = daysBetween(now, new Date(next.dueAt));
  const label = next.overdue ? `Overdue by ${Math.max(1, -days)} d` : days <= 0 ? 'Due today' : `Due in ${days} d`;
  return (
    <Tooltip label={`${categoryLabel(next.category)} review by ${next.reviewer.displayName}, due ${next.dueAt}`}>
      <Badge color={next.overdue ? 'red' : 'gray'} variant={next.overdue ? 'filled' : 'light'} tt="none">
        {label}
      </Badge>
    </Tooltip>
  );
}

function ageInDays(row: Row, now: Date): string {
  const since = row.submittedAt ?? row.createdAt;
  const days = daysBetween(new Date(since), now);
  return days <= 0 ? 'today' : `${days} d`;
}

/** Approval requests with their model, team, scope, state, tier, progress and what is due. */
export function RequestTable({
  rows,
  viewerId,
  label,
  showValidity = false,
}: {
  rows: readonly Row[];
  viewerId: string | null;
  label: string;
  showValidity?: boolean;
}) {
  const now = new Date();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Request</Table.Th>
            <Table.Th>Model version</Table.Th>
            <Table.Th>Team</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>State and tier</Table.Th>
            <Table.Th>Progress</Table.Th>
            <Table.Th>{showValidity ? 'Valid until' : 'Next review due'}</Table.Th>
            <Table.Th>Age</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <AnchorLink to="/approvals/$requestId" params={{ requestId: row.id }} size="sm" fw={500}>
                  {row.reference}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  cycle {row.cycle} · by {row.requester?.displayName ?? 'a pipeline'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{versionTitle(row.modelVersion)}</Text>
                <Text size="xs" c="dimmed">
                  {row.modelVersion.provider.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.team?.name ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.scope.environments.map((env) => environmentLabels[env]).join(', ')}</Text>
                <Text size="xs" c="dimmed">
                  up to {dataClassificationLabels[row.scope.maxDataClassification].toLowerCase()} data
                </Text>
              </Table.Td>
              <Table.Td>
                <RequestBadges state={row.state} tier={row.riskTier} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {row.requirements.categories.length - row.requirements.missingReviews.length} of{' '}
                  {row.requirements.categories.length} reviews signed off
                </Text>
                <Text size="xs" c="dimmed">
                  {row.requirements.approvalsGiven} of {row.requirements.approvers} approvals
                </Text>
              </Table.Td>
              <Table.Td>
                {showValidity ? (
                  <Text size="sm" title={row.validUntil ?? undefined}>
                    {day(row.validUntil)}
                  </Text>
                ) : (
                  <DueCell row={row} viewerId={viewerId} now={now} />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{ageInDays(row, now)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

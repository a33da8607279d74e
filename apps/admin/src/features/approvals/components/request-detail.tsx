import { Alert, Badge, Button, Code, Grid, Group, List, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { mayRenew } from '@modelgate/domain/approvals';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { showNotice } from '../../../components/notices';
import { QueryError } from '../../../components/query-error';
import { AnchorLink } from '../../../components/router-links';
import type { ApprovalRequestDetailQuery } from '../../../gql/graphql';
import { HistoryTable } from '../../inventory/components/history-section';
import { FormError } from '../../inventory/components/form-parts';
import {
  dataClassificationLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  versionTitle,
} from '../../inventory/labels';
import { useRenewApproval, useSubmitApprovalRequest } from '../hooks';
import { categoryCovers, categoryLabel, day, riskTierLabels } from '../labels';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries } from '../queries';
import { ApprovalStateBadge, RequestBadges, RiskTierBadge } from './approval-badges';
import { EvidenceList } from './evidence-list';
import { ModelFactsCard } from './model-facts-card';
import { EditDraftScope } from './request-form';
import { EvidenceForm, ReviewForm } from './review-form';
import { AssignReviewDialog, DecisionDialog, StepDialog } from './workflow-dialogs';

type Request = ApprovalRequestDetailQuery['approvalRequest'];

/** Required categories nobody has been assigned yet (`missingReviews` also counts assigned ones not yet signed off). */
function unassignedCategories(request: Request): string[] {
  return request.requirements.categories.filter((category) => !request.reviews.some((review) => review.category === category));
}
type Review = Request['reviews'][number];
type Dialog =
  | { kind: 'assign' }
  | { kind: 'decide' }
  | { kind: 'step'; step: 'SUSPEND' | 'REINSTATE' | 'REVOKE' | 'WITHDRAW' }
  | { kind: 'edit' };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ScopeTable({ scope }: { scope: Request['scope'] }) {
  const rows: [string, string][] = [
    ['Intended use', scope.intendedUse],
    ['Environments', scope.environments.map((env) => environmentLabels[env]).join(', ')],
    ['Hosting modes', scope.hostingModes.map((mode) => hostingModeLabels[mode]).join(', ')],
    ['Highest data classification', dataClassificationLabels[scope.maxDataClassification]],
    ['Personal data', scope.personalData ? 'Yes' : 'No'],
    ['Expected users', scope.expectedUsers.toLocaleString('en')],
    ['EU AI Act category', scope.euAiActCategory ? euAiActCategoryLabels[scope.euAiActCategory] : 'Not assessed'],
  ];
  return (
    <Table variant="vertical" withTableBorder layout="fixed" aria-label="Scope">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={200}>{label}</Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DecisionSection({ request }: { request: Request }) {
  if (!request.decidedAt) return null;
  return (
    <Section id="decision-heading" title="Decision">
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <ApprovalStateBadge state={request.state} />
            <Text size="sm">
              decided {day(request.decidedAt)} under{' '}
              {request.policyVersion ? `approval policy version ${request.policyVersion}` : 'the default approval policy'}
            </Text>
          </Group>
          {request.validUntil && (
            <Text size="sm">
              Valid from {day(request.validFrom)} until {day(request.validUntil)}
            </Text>
          )}
          {request.conditions.length > 0 && (
            <div data-testid="conditions">
              <Text size="sm" fw={500}>
                Conditions
              </Text>
              <List size="sm">
                {request.conditions.map((condition, index) => (
                  <List.Item key={index}>{condition.description}</List.Item>
                ))}
              </List>
            </div>
          )}
          {request.weightsSha256 && (
            <Text size="xs">
              Bound to weights <Code>{request.weightsSha256}</Code>
            </Text>
          )}
        </Stack>
      </Paper>
    </Section>
  );
}

function VotesSection({ request }: { request: Request }) {
  const { requirements } = request;
  return (
    <Section id="votes-heading" title="Approvals">
      <Text size="sm">
        {requirements.approvalsGiven} of {requirements.approvers}{' '}
        {requirements.approvers === 1 ? 'approval' : 'distinct approvals'} given
        {requirements.complianceOfficerRequired ? ', one of them from a compliance officer' : ''}.
      </Text>
      {request.votes.length > 0 && (
        <Table aria-label="Votes" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Who</Table.Th>
              <Table.Th>Decision</Table.Th>
              <Table.Th>Rationale</Table.Th>
              <Table.Th>Conditions</Table.Th>
              <Table.Th>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.votes.map((vote) => (
              <Table.Tr key={vote.id}>
                <Table.Td>
                  {vote.person.displayName}
                  {vote.asComplianceOfficer && (
                    <Text size="xs" c="dimmed">
                      as compliance officer
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{vote.decision === 'APPROVE' ? 'Approved' : 'Rejected'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{vote.rationale}</Table.Td>
                <Table.Td>{vote.conditions.map((condition) => condition.description).join('; ') || '—'}</Table.Td>
                <Table.Td>{day(vote.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function ReviewCard({ review }: { review: Review }) {
  const permissions = useApprovalPermissions();
  const mine = review.reviewer.id === permissions.viewerId && review.status === 'ASSIGNED';
  const label = categoryLabel(review.category);
  return (
    <Paper withBorder p="md" component="article" aria-label={`${label} review`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Title order={3} size="h5">
              {label}
            </Title>
            <Text size="xs" c="dimmed">
              {categoryCovers(review.category)}
            </Text>
          </Stack>
          <Group gap={6}>
            {review.status === 'SIGNED_OFF' ? (
              <Badge color="teal" variant="light" tt="none">
                Signed off {day(review.signedOffAt)}
              </Badge>
            ) : review.overdue ? (
              <Badge color="red" tt="none">
                Overdue since {day(review.dueAt)}
              </Badge>
            ) : (
              <Badge color="gray" variant="light" tt="none">
                Due {day(review.dueAt)}
              </Badge>
            )}
            {review.tier && <RiskTierBadge tier={review.tier} />}
          </Group>
        </Group>
        <Text size="sm">
          Reviewer: {review.reviewer.displayName}
          {review.likelihood && review.impact
            ? ` · likelihood ${review.likelihood} × impact ${review.impact} = ${review.likelihood * review.impact}`
            : ''}
        </Text>
        {review.findings && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {review.findings}
          </Text>
        )}
        {review.mitigations.length > 0 && (
          <div>
            <Text size="sm" fw={500}>
              Required mitigations
            </Text>
            <List size="sm">
              {review.mitigations.map((mitigation, index) => (
                <List.Item key={index}>{mitigation}</List.Item>
              ))}
            </List>
          </div>
        )}
        <EvidenceList evidence={review.evidence} />
        {mine && (
          <Stack gap="md" pt="sm">
            <ReviewForm key={review.version} review={review} />
            <EvidenceForm reviewId={review.id} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ReviewsSection({ request, onAssign }: { request: Request; onAssign: (() => void) | null }) {
  const { requirements } = request;
  return (
    <Section id="reviews-heading" title="Risk reviews">
      <Text size="sm">
        {requirements.tier && request.riskTier
          ? `The reviews rate this request ${riskTierLabels[request.riskTier].toLowerCase()}; `
          : 'No review is signed off yet, so the tier is not known; '}
        the policy asks for {requirements.categories.map(categoryLabel).join(', ')}.
      </Text>
      {unassignedCategories(request).length > 0 && (
        <Alert color="blue" title="Reviews not yet assigned">
          <Group justify="space-between">
            <Text size="sm">{unassignedCategories(request).map(categoryLabel).join(', ')}</Text>
            {onAssign && (
              <Button size="xs" onClick={onAssign}>
                Assign review
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {request.reviews.map((review) => (
        <ReviewCard key={review.id} review={review} />
      ))}
    </Section>
  );
}

function CyclesSection({ request }: { request: Request }) {
  const cycles = request.modelVersion.approvalRequests;
  return (
    <Section id="cycles-heading" title="Every request for this model version">
      <Table aria-label="Approval cycles" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Request</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Decided</Table.Th>
            <Table.Th>Valid until</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cycles.map((cycle) => (
            <Table.Tr key={cycle.id} aria-current={cycle.id === request.id ? 'page' : undefined}>
              <Table.Td>
                {cycle.id === request.id ? (
                  <Text size="sm" fw={700}>
                    {cycle.reference} (this one)
                  </Text>
                ) : (
                  <AnchorLink to="/approvals/$requestId" params={{ requestId: cycle.id }} size="sm">
                    {cycle.reference}
                  </AnchorLink>
                )}
              </Table.Td>
              <Table.Td>
                <ApprovalStateBadge state={cycle.state} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {cycle.scope.environments.map((env) => environmentLabels[env]).join(', ')}; up to{' '}
                  {dataClassificationLabels[cycle.scope.maxDataClassification].toLowerCase()}
                </Text>
              </Table.Td>
              <Table.Td>{day(cycle.decidedAt)}</Table.Td>
              <Table.Td>{day(cycle.validUntil)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** The requester may not review their own request; the server also refuses the last editors of the request and version. */
function blockedFromReviewing(request: Request): string[] {
  return request.requester ? [request.requester.id] : [];
}

function RequestActions({ request, open }: { request: Request; open: (dialog: Dialog) => void }) {
  const permissions = useApprovalPermissions();
  const submit = useSubmitApprovalRequest();
  const renew = useRenewApproval();
  const navigate = useNavigate();
  const own = permissions.canChangeRequest(request.team?.id);
  const isRequester = request.requester?.id === permissions.viewerId;
  const openState = request.state === 'SUBMITTED' || request.state === 'IN_REVIEW';
  const granted = request.state === 'APPROVED' || request.state === 'APPROVED_WITH_CONDITIONS';
  const unassigned = unassignedCategories(request);
  const canTakeReview = !permissions.canAssign && unassigned.some((category) => permissions.reviewCategories.includes(category));
  const buttons: React.ReactNode[] = [];

  if (request.state === 'DRAFT' && own) {
    buttons.push(
      <Button key="edit" variant="default" onClick={() => open({ kind: 'edit' })}>
        Edit scope
      </Button>,
      <Button
        key="submit"
        loading={submit.isPending}
        onClick={() =>
          submit.mutate(
            { id: request.id, expectedVersion: request.version },
            { onSuccess: () => showNotice('Request submitted', request.reference) },
          )
        }
      >
        Submit for review
      </Button>,
    );
  }
  if (openState && unassigned.length > 0 && (permissions.canAssign || canTakeReview)) {
    buttons.push(
      <Button key="assign" variant="default" onClick={() => open({ kind: 'assign' })}>
        {permissions.canAssign ? 'Assign review' : 'Take a review'}
      </Button>,
    );
  }
  if (request.state === 'IN_REVIEW' && permissions.canDecide && !isRequester) {
    buttons.push(
      <Button key="decide" onClick={() => open({ kind: 'decide' })}>
        Decide
      </Button>,
    );
  }
  if ((request.state === 'DRAFT' || openState) && own) {
    buttons.push(
      <Button key="withdraw" variant="outline" color="red" onClick={() => open({ kind: 'step', step: 'WITHDRAW' })}>
        Withdraw
      </Button>,
    );
  }
  if (permissions.isComplianceOfficer && granted) {
    buttons.push(
      <Button key="suspend" variant="outline" color="orange" onClick={() => open({ kind: 'step', step: 'SUSPEND' })}>
        Suspend
      </Button>,
    );
  }
  if (permissions.isComplianceOfficer && request.state === 'SUSPENDED') {
    buttons.push(
      <Button key="reinstate" variant="default" onClick={() => open({ kind: 'step', step: 'REINSTATE' })}>
        Reinstate
      </Button>,
    );
  }
  if (permissions.isComplianceOfficer && (granted || request.state === 'SUSPENDED')) {
    buttons.push(
      <Button key="revoke" variant="outline" color="red" onClick={() => open({ kind: 'step', step: 'REVOKE' })}>
        Revoke
      </Button>,
    );
  }
  if (mayRenew(request.state) && (own || permissions.isComplianceOfficer)) {
    buttons.push(
      <Button
        key="renew"
        variant="default"
        loading={renew.isPending}
        onClick={() =>
          renew.mutate(request.id, {
            onSuccess: ({ renewApproval: renewal }) => {
              showNotice('Re-review opened', renewal.reference);
              void navigate({ to: '/approvals/$requestId', params: { requestId: renewal.id } });
            },
          })
        }
      >
        Start re-review
      </Button>,
    );
  }
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">{buttons}</Group>
      <FormError error={submit.error ?? renew.error} title="Nothing was changed" />
    </Stack>
  );
}

/** A request with the model's facts beside its scope, reviews, evidence, decision, cycles and every event. */
export function ApprovalRequestDetail({ requestId }: { requestId: string }) {
  const detail = useQuery(approvalQueries.detail(requestId));
  const policy = useQuery(approvalQueries.policy());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const permissions = useApprovalPermissions();

  if (detail.isPending) {
    return (
      <Stack role="status" aria-busy="true" aria-label="Loading the request">
        <Skeleton height={36} w={320} />
        <Skeleton height={400} />
      </Stack>
    );
  }
  if (detail.isError) {
    return <QueryError title="Could not load the request" error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const request = detail.data;
  const close = () => setDialog(null);
  const ref = { id: request.id, version: request.version, reference: request.reference };

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/approvals" size="sm">
          ← Approvals
        </AnchorLink>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={1} size="h2">
              {request.reference}: {versionTitle(request.modelVersion)}
            </Title>
            <Text c="dimmed" size="sm">
              Cycle {request.cycle} for {request.team?.name ?? 'no team'} · requested by{' '}
              {request.requester?.displayName ?? 'a pipeline'} via {request.requestedVia.toLowerCase().replace('_', ' ')} on{' '}
              {day(request.createdAt)}
              {request.previousRequest && (
                <>
                  {' '}
                  · renews{' '}
                  <AnchorLink to="/approvals/$requestId" params={{ requestId: request.previousRequest.id }}>
                    {request.previousRequest.reference}
                  </AnchorLink>
                </>
              )}
            </Text>
            <RequestBadges state={request.state} tier={request.riskTier} />
            {request.stateReason && <Text size="sm">Reason: {request.stateReason}</Text>}
          </Stack>
          <RequestActions request={request} open={setDialog} />
        </Group>
        {!request.coversCurrentWeights && (
          <Alert color="orange" title="The weights changed since this request was submitted">
            The model version's weights checksum is no longer the one this request is bound to; a new request is needed for the
            new weights.
          </Alert>
        )}
      </Stack>
      {dialog?.kind === 'edit' ? (
        <Section id="edit-heading" title="Edit the draft">
          <EditDraftScope
            request={request}
            onDone={(submitted) => {
              showNotice(submitted ? 'Request submitted' : 'Draft saved', request.reference);
              close();
            }}
          />
          <Group>
            <Button variant="default" onClick={close}>
              Cancel editing
            </Button>
          </Group>
        </Section>
      ) : (
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="xl">
              <Section id="scope-heading" title="Scope">
                <ScopeTable scope={request.scope} />
              </Section>
              <DecisionSection request={request} />
              <ReviewsSection
                request={request}
                onAssign={
                  (request.state === 'SUBMITTED' || request.state === 'IN_REVIEW') &&
                  (permissions.canAssign ||
                    unassignedCategories(request).some((category) => permissions.reviewCategories.includes(category)))
                    ? () => setDialog({ kind: 'assign' })
                    : null
                }
              />
              <VotesSection request={request} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="xl">
              <ModelFactsCard model={request.modelVersion} />
              <CyclesSection request={request} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      <Section id="timeline-heading" title="Timeline">
        <HistoryTable history={request.timeline} label="Timeline" />
      </Section>
      {dialog?.kind === 'assign' && (
        <AssignReviewDialog
          request={ref}
          categories={
            permissions.canAssign
              ? unassignedCategories(request)
              : unassignedCategories(request).filter((category) => permissions.reviewCategories.includes(category))
          }
          blockedPeople={blockedFromReviewing(request)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'decide' && (
        <DecisionDialog
          request={ref}
          defaultValidityMonths={policy.data?.validityMonths ?? 12}
          hasWeightsChecksum={!!request.modelVersion.weightsSha256}
          onClose={close}
        />
      )}
      {dialog?.kind === 'step' && <StepDialog request={ref} step={dialog.step} onClose={close} />}
    </Stack>
  );
}

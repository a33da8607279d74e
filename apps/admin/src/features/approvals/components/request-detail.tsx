import { Alert, Badge, Button, Code, Grid, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { mayRenew } from '@modelgate/domain/approvals';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { showNotice } from '../../../components/notices';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { AnchorLink } from '../../../components/router-links';
import type { ApprovalRequestDetailQuery } from '../../../gql/graphql';
import { formatNumber } from '../../../i18n/format';
import { HistoryTable } from '../../inventory/components/history-section';
import { FormError } from '../../inventory/components/form-parts';
import {
  approvalStateLabels,
  dataClassificationLabels,
  environmentLabels,
  euAiActCategoryLabels,
  hostingModeLabels,
  versionTitle,
} from '../../inventory/labels';
import { conditionsLine, explainState, explainTier, lastStep, unassignedCategories, type Explanation } from '../explanations';
import { useRenewApproval, useSubmitApprovalRequest } from '../hooks';
import { categoryCovers, categoryLabel, listOf, requestedViaLabels, riskTierLabels } from '../labels';
import { t } from '../messages';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries } from '../queries';
import { ApprovalStateBadge, RiskTierBadge, Why } from './approval-badges';
import { Separator } from './separator';
import { EvidenceList } from './evidence-list';
import { ModelFactsCard } from './model-facts-card';
import { EditDraftScope } from './request-form';
import { EvidenceForm, ReviewForm } from './review-form';
import { AssignReviewDialog, DecisionDialog, StepDialog } from './workflow-dialogs';

type Request = ApprovalRequestDetailQuery['approvalRequest'];
type Review = Request['reviews'][number];
type Vote = Request['votes'][number];
type Cycle = Request['modelVersion']['approvalRequests'][number];
type Dialog =
  | { kind: 'assign' }
  | { kind: 'decide' }
  | { kind: 'step'; step: 'SUSPEND' | 'REINSTATE' | 'REVOKE' | 'WITHDRAW' }
  | { kind: 'edit' };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The scope's seven facts, read top to bottom: a fact sheet, not a list to sort. */
function ScopeTable({ scope }: { scope: Request['scope'] }) {
  const rows: [string, string][] = [
    [t('approvals.scope.intendedUse'), scope.intendedUse],
    [t('approvals.scope.environments'), listOf(scope.environments.map((env) => environmentLabels[env]))],
    [t('approvals.scope.hostingModes'), listOf(scope.hostingModes.map((mode) => hostingModeLabels[mode]))],
    [t('approvals.scope.maxDataClassification'), dataClassificationLabels[scope.maxDataClassification]],
    [t('approvals.scope.personalData'), scope.personalData ? t('approvals.yes') : t('approvals.no')],
    [t('approvals.scope.expectedUsers'), formatNumber(scope.expectedUsers)],
    [
      t('approvals.scope.euAiActCategory'),
      scope.euAiActCategory ? euAiActCategoryLabels[scope.euAiActCategory] : t('approvals.scope.notAssessed'),
    ],
  ];
  return (
    <Table variant="vertical" withTableBorder layout="fixed" aria-label={t('approvals.scope.label')}>
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

const stepByKey = {
  WITHDRAWN: 'approvals.detail.stepBy.WITHDRAWN',
  SUSPENDED: 'approvals.detail.stepBy.SUSPENDED',
  REVOKED: 'approvals.detail.stepBy.REVOKED',
} as const;

/**
 * Why the request is in its state, from the votes, the reason given and the timeline: who took the last step and
 * when, then the reason or the conditions.
 */
function stateExplanations(request: Request): Explanation[] {
  const base = explainState(request);
  const step = lastStep(request.state, request.timeline);
  const reason = request.stateReason ? { text: t('approvals.state.why.reason', { reason: request.stateReason }) } : null;
  const conditions = conditionsLine(request);
  switch (request.state) {
    case 'WITHDRAWN':
    case 'SUSPENDED':
    case 'REVOKED':
      return [...(step ? [{ text: t(stepByKey[request.state], { actor: step.actor }), at: step.at }] : []), reason ?? base];
    case 'EXPIRED':
      return [base];
    case 'APPROVED':
    case 'APPROVED_WITH_CONDITIONS': {
      const reinstated = request.timeline.findLast(
        (entry) => entry.action === 'approval_request.approve' || entry.action === 'approval_request.reinstate',
      );
      const lines =
        reinstated?.action === 'approval_request.reinstate' && step
          ? [{ text: t('approvals.detail.reinstatedBy', { actor: step.actor }), at: step.at }, ...(reason ? [reason] : [])]
          : [base];
      return conditions ? [...lines, { text: conditions }] : lines;
    }
    default:
      return reason && request.state !== 'REJECTED' ? [base, reason] : [base];
  }
}

function RequestStatus({ request }: { request: Request }) {
  return (
    <Group gap="xl" align="flex-start" wrap="wrap" data-testid="request-status">
      <Stack gap={4} maw={480}>
        <ApprovalStateBadge state={request.state} />
        {stateExplanations(request).map((explanation, index) => (
          <Why key={index} explanation={explanation} />
        ))}
      </Stack>
      <Stack gap={4} maw={420}>
        <RiskTierBadge tier={request.riskTier} />
        <Why explanation={explainTier(request)} />
      </Stack>
    </Group>
  );
}

function DecisionSection({ request }: { request: Request }) {
  if (!request.decidedAt) return null;
  return (
    <Section id="decision-heading" title={t('approvals.decision.title')}>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <ApprovalStateBadge state={request.state} />
            <Text size="sm">
              {t('approvals.decision.decided')} <DateTime value={request.decidedAt} format="day" />{' '}
              {request.policyVersion
                ? t('approvals.decision.underPolicy', { version: request.policyVersion })
                : t('approvals.decision.underDefaultPolicy')}
            </Text>
          </Group>
          {request.decisionRationale && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {t('approvals.decision.rationale', { rationale: request.decisionRationale })}
            </Text>
          )}
          {request.validUntil && (
            <Text size="sm">
              {t('approvals.decision.validFrom')} <DateTime value={request.validFrom} format="day" />{' '}
              {t('approvals.decision.validUntil')} <DateTime value={request.validUntil} format="day" />
            </Text>
          )}
          {request.conditions.length > 0 && (
            <div data-testid="conditions">
              <Text size="sm" fw={500}>
                {t('approvals.decide.conditions')}
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
              {t('approvals.decision.boundTo')} <Code>{request.weightsSha256}</Code>
            </Text>
          )}
        </Stack>
      </Paper>
    </Section>
  );
}

const voteColumns: DataColumn<Vote>[] = [
  {
    id: 'person',
    header: t('approvals.votes.column.who'),
    hideable: false,
    width: '10rem',
    value: (vote) => vote.person.displayName,
    cell: (vote) => (
      <Stack gap={0}>
        <Text size="sm">{vote.person.displayName}</Text>
        {vote.asComplianceOfficer && (
          <Text size="xs" c="dimmed">
            {t('approvals.votes.asOfficer')}
          </Text>
        )}
      </Stack>
    ),
  },
  {
    id: 'decision',
    header: t('approvals.votes.column.decision'),
    value: (vote) => (vote.decision === 'APPROVE' ? t('approvals.votes.approved') : t('approvals.votes.rejected')),
  },
  {
    id: 'rationale',
    header: t('approvals.votes.column.rationale'),
    sortable: false,
    value: (vote) => vote.rationale,
    cell: (vote) => (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {vote.rationale}
      </Text>
    ),
  },
  {
    id: 'conditions',
    header: t('approvals.column.conditions'),
    sortable: false,
    value: (vote) => vote.conditions.map((condition) => condition.description).join('; '),
  },
  {
    id: 'when',
    header: t('approvals.votes.column.when'),
    value: (vote) => vote.createdAt,
    cell: (vote) => <DateTime value={vote.createdAt} />,
  },
];

function VotesSection({ request }: { request: Request }) {
  const { requirements } = request;
  return (
    <Section id="votes-heading" title={t('approvals.votes.title')}>
      <Text size="sm">
        {requirements.complianceOfficerRequired
          ? t('approvals.votes.givenOfficer', { given: requirements.approvalsGiven, count: requirements.approvers })
          : t('approvals.votes.given', { given: requirements.approvalsGiven, count: requirements.approvers })}
      </Text>
      {request.votes.length > 0 && (
        <DataTable
          id="approval-votes"
          label={t('approvals.votes.label')}
          columns={voteColumns}
          rows={request.votes}
          rowKey={(vote) => vote.id}
          empty={null}
          minWidth={640}
        />
      )}
    </Section>
  );
}

function ReviewStatusBadge({ review }: { review: Review }) {
  if (review.status === 'SIGNED_OFF') {
    return (
      <Badge color="teal" variant="light" tt="none">
        {t('approvals.review.signedOffOn')} <DateTime value={review.signedOffAt} format="day" />
      </Badge>
    );
  }
  if (review.overdue) {
    return (
      <Badge color="red" tt="none">
        {t('approvals.review.overdueSince')} <DateTime value={review.dueAt} format="day" />
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light" tt="none">
      {t('approvals.review.dueOn')} <DateTime value={review.dueAt} format="day" />
    </Badge>
  );
}

function ReviewCard({ review }: { review: Review }) {
  const permissions = useApprovalPermissions();
  const mine = review.reviewer.id === permissions.viewerId && review.status === 'ASSIGNED';
  const label = categoryLabel(review.category);
  return (
    <Paper withBorder p="md" component="article" aria-label={t('approvals.review.formLabel', { review: label })}>
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
            <ReviewStatusBadge review={review} />
            {review.tier && <RiskTierBadge tier={review.tier} />}
          </Group>
        </Group>
        <Text size="sm">
          {t('approvals.review.reviewer', { reviewer: review.reviewer.displayName })}
          <Separator />
          {t('approvals.review.assignedOn')} <DateTime value={review.assignedAt} format="day" />
          {review.likelihood && review.impact && (
            <>
              <Separator />
              {t('approvals.review.rating', {
                likelihood: review.likelihood,
                impact: review.impact,
                score: review.likelihood * review.impact,
              })}
            </>
          )}
        </Text>
        {review.findings && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {review.findings}
          </Text>
        )}
        {review.mitigations.length > 0 && (
          <div>
            <Text size="sm" fw={500}>
              {t('approvals.review.mitigations')}
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
  const categories = listOf(requirements.categories.map(categoryLabel));
  const unassigned = unassignedCategories(request);
  return (
    <Section id="reviews-heading" title={t('approvals.reviews.title')}>
      <Text size="sm">
        {requirements.tier && request.riskTier
          ? t('approvals.reviews.rated', { tier: riskTierLabels[request.riskTier].toLowerCase(), categories })
          : t('approvals.reviews.notRated', { categories })}
      </Text>
      {request.riskTier && (
        <Text size="xs" c="dimmed">
          {t('approvals.reviews.tierFrom', { why: explainTier(request) })}
        </Text>
      )}
      {unassigned.length > 0 && (
        <Alert color="blue" title={t('approvals.reviews.unassigned')}>
          <Group justify="space-between">
            <Text size="sm">{listOf(unassigned.map(categoryLabel))}</Text>
            {onAssign && (
              <Button size="xs" onClick={onAssign}>
                {t('approvals.action.assign')}
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

function cycleColumns(currentId: string): DataColumn<Cycle>[] {
  return [
    {
      id: 'reference',
      header: t('approvals.column.request'),
      hideable: false,
      value: (cycle) => cycle.reference,
      cell: (cycle) =>
        cycle.id === currentId ? (
          <Text size="sm" fw={700} aria-current="page">
            {t('approvals.cycles.thisOne', { reference: cycle.reference })}
          </Text>
        ) : (
          <AnchorLink to="/approvals/$requestId" params={{ requestId: cycle.id }} size="sm">
            {cycle.reference}
          </AnchorLink>
        ),
    },
    {
      id: 'state',
      header: t('approvals.column.state'),
      value: (cycle) => approvalStateLabels[cycle.state],
      cell: (cycle) => <ApprovalStateBadge state={cycle.state} />,
    },
    {
      id: 'scope',
      header: t('approvals.column.scope'),
      sortable: false,
      value: (cycle) =>
        t('approvals.scope.summary', {
          environments: listOf(cycle.scope.environments.map((env) => environmentLabels[env])),
          classification: dataClassificationLabels[cycle.scope.maxDataClassification].toLowerCase(),
        }),
    },
    {
      id: 'decided',
      header: t('approvals.column.decided'),
      value: (cycle) => cycle.decidedAt,
      cell: (cycle) => <DateTime value={cycle.decidedAt} format="day" fallback={t('approvals.none')} />,
    },
    {
      id: 'validUntil',
      header: t('approvals.column.validUntil'),
      value: (cycle) => cycle.validUntil,
      cell: (cycle) => <DateTime value={cycle.validUntil} format="day" fallback={t('approvals.none')} />,
    },
  ];
}

function CyclesSection({ request }: { request: Request }) {
  return (
    <Section id="cycles-heading" title={t('approvals.cycles.title')}>
      <DataTable
        id="request-approval-cycles"
        label={t('approvals.cycles.label')}
        columns={cycleColumns(request.id)}
        rows={request.modelVersion.approvalRequests}
        rowKey={(cycle) => cycle.id}
        empty={null}
        minWidth={560}
      />
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
  const buttons: ReactNode[] = [];

  if (request.state === 'DRAFT' && own) {
    buttons.push(
      <Button key="edit" variant="default" onClick={() => open({ kind: 'edit' })}>
        {t('approvals.action.editScope')}
      </Button>,
      <Button
        key="submit"
        loading={submit.isPending}
        onClick={() =>
          submit.mutate(
            { id: request.id, expectedVersion: request.version },
            { onSuccess: () => showNotice(t('approvals.notice.submitted'), request.reference) },
          )
        }
      >
        {t('approvals.action.submit')}
      </Button>,
    );
  }
  if (openState && unassigned.length > 0 && (permissions.canAssign || canTakeReview)) {
    buttons.push(
      <Button key="assign" variant="default" onClick={() => open({ kind: 'assign' })}>
        {permissions.canAssign ? t('approvals.action.assign') : t('approvals.action.take')}
      </Button>,
    );
  }
  if (request.state === 'IN_REVIEW' && permissions.canDecide && !isRequester) {
    buttons.push(
      <Button key="decide" onClick={() => open({ kind: 'decide' })}>
        {t('approvals.action.decide')}
      </Button>,
    );
  }
  if ((request.state === 'DRAFT' || openState) && own) {
    buttons.push(
      <Button key="withdraw" variant="outline" color="red" onClick={() => open({ kind: 'step', step: 'WITHDRAW' })}>
        {t('approvals.step.WITHDRAW.verb')}
      </Button>,
    );
  }
  if (permissions.isComplianceOfficer && granted) {
    buttons.push(
      <Button key="suspend" variant="outline" color="orange" onClick={() => open({ kind: 'step', step: 'SUSPEND' })}>
        {t('approvals.step.SUSPEND.verb')}
      </Button>,
    );
  }
  if (permissions.isComplianceOfficer && request.state === 'SUSPENDED') {
    buttons.push(
      <Button key="reinstate" variant="default" onClick={() => open({ kind: 'step', step: 'REINSTATE' })}>
        {t('approvals.step.REINSTATE.verb')}
      </Button>,
    );
  }
  if (permissions.isComplianceOfficer && (granted || request.state === 'SUSPENDED')) {
    buttons.push(
      <Button key="revoke" variant="outline" color="red" onClick={() => open({ kind: 'step', step: 'REVOKE' })}>
        {t('approvals.step.REVOKE.verb')}
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
              showNotice(t('approvals.notice.renewed'), renewal.reference);
              void navigate({ to: '/approvals/$requestId', params: { requestId: renewal.id } });
            },
          })
        }
      >
        {t('approvals.action.renew')}
      </Button>,
    );
  }
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">{buttons}</Group>
      <FormError error={submit.error ?? renew.error} title={t('approvals.nothingChanged')} />
    </Stack>
  );
}

function RequestHeading({ request }: { request: Request }) {
  return (
    <Stack gap={4}>
      <Title order={1} size="h2">
        {t('approvals.detail.title', { reference: request.reference, version: versionTitle(request.modelVersion) })}
      </Title>
      <Text c="dimmed" size="sm">
        {t('approvals.detail.subtitle', {
          cycle: request.cycle,
          team: request.team?.name ?? t('approvals.detail.noTeam'),
          requester: request.requester?.displayName ?? t('approvals.requester.pipeline'),
          via: requestedViaLabels[request.requestedVia] ?? request.requestedVia,
        })}{' '}
        <DateTime value={request.createdAt} format="day" />
        {request.previousRequest && (
          <>
            <Separator />
            {t('approvals.detail.renews')}{' '}
            <AnchorLink to="/approvals/$requestId" params={{ requestId: request.previousRequest.id }}>
              {request.previousRequest.reference}
            </AnchorLink>
          </>
        )}
      </Text>
    </Stack>
  );
}

/** A request with the model's facts beside its scope, reviews, evidence, decision, cycles and every event. */
export function ApprovalRequestDetail({ requestId }: { requestId: string }) {
  const detail = useQuery(approvalQueries.detail(requestId));
  const policy = useQuery(approvalQueries.policy());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const permissions = useApprovalPermissions();

  if (detail.isPending) return <LoadingState what={t('approvals.detail.what')} rows={8} height={48} />;
  if (detail.isError) {
    return <ErrorState title={t('approvals.detail.error')} error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const request = detail.data;
  const close = () => setDialog(null);
  const ref = { id: request.id, version: request.version, reference: request.reference };
  const assignable = permissions.canAssign
    ? unassignedCategories(request)
    : unassignedCategories(request).filter((category) => permissions.reviewCategories.includes(category));

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <AnchorLink to="/approvals" size="sm">
          {t('approvals.back')}
        </AnchorLink>
        <Group justify="space-between" align="flex-start">
          <Stack gap="sm">
            <RequestHeading request={request} />
            <RequestStatus request={request} />
          </Stack>
          <RequestActions request={request} open={setDialog} />
        </Group>
        {!request.coversCurrentWeights && (
          <Alert color="orange" title={t('approvals.detail.weightsChanged.title')}>
            {t('approvals.detail.weightsChanged.body')}
          </Alert>
        )}
      </Stack>
      {dialog?.kind === 'edit' ? (
        <Section id="edit-heading" title={t('approvals.detail.editTitle')}>
          <EditDraftScope
            request={request}
            onDone={(submitted) => {
              showNotice(submitted ? t('approvals.notice.submitted') : t('approvals.notice.draftSaved'), request.reference);
              close();
            }}
            onCancel={close}
          />
        </Section>
      ) : (
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="xl">
              <Section id="scope-heading" title={t('approvals.scope.title')}>
                <ScopeTable scope={request.scope} />
              </Section>
              <DecisionSection request={request} />
              <ReviewsSection
                request={request}
                onAssign={
                  (request.state === 'SUBMITTED' || request.state === 'IN_REVIEW') && assignable.length > 0
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
      <Section id="timeline-heading" title={t('approvals.timeline.title')}>
        <HistoryTable history={request.timeline} label={t('approvals.timeline.title')} />
      </Section>
      {dialog?.kind === 'assign' && (
        <AssignReviewDialog request={ref} categories={assignable} blockedPeople={blockedFromReviewing(request)} onClose={close} />
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

import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import {
  approvalStepInputSchema,
  decideInputSchema,
  describeCondition,
  requestStepInputSchema,
  type ApprovalCondition,
} from '@modelgate/domain/approvals';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import type { ApprovalConditionInput, DataClassification, Environment, HostingMode } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { dataClassificationLabels, environmentLabels, hostingModeLabels, optionsOf } from '../../inventory/labels';
import { useAssignReview, useChangeApproval, useDecideApprovalRequest, useWithdrawApprovalRequest } from '../hooks';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries } from '../queries';
import { categoryCovers, categoryLabel } from '../labels';

type RequestRef = { id: string; version: number; reference: string };

/** Assigns one missing review. Compliance picks any reviewer of the category; a reviewer can only take it themselves. */
export function AssignReviewDialog({
  request,
  categories,
  blockedPeople,
  onClose,
}: {
  request: RequestRef;
  categories: readonly string[];
  /** The requester and the last editors: separation of duties keeps them out, the server refuses them anyway. */
  blockedPeople: readonly string[];
  onClose: () => void;
}) {
  const permissions = useApprovalPermissions();
  const people = useQuery({ ...approvalQueries.reviewers(), enabled: permissions.canAssign });
  const assign = useAssignReview();
  const [category, setCategory] = useState<string | null>(categories[0] ?? null);
  const [reviewerId, setReviewerId] = useState<string | null>(permissions.canAssign ? null : permissions.viewerId);
  const errors = serverFieldErrors(assign.error);

  const candidates = (people.data ?? [])
    .filter((person) => !person.disabled && !blockedPeople.includes(person.id))
    .filter(
      (person) =>
        person.roles.includes('COMPLIANCE_OFFICER') ||
        (person.roles.includes('REVIEWER') && category !== null && person.reviewCategories.includes(category)),
    )
    .map((person) => ({ value: person.id, label: `${person.displayName} (${person.email})` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!category) return;
    assign.mutate(
      { requestId: request.id, expectedVersion: request.version, category: category as never, reviewerId },
      {
        onSuccess: () => {
          showNotice('Review assigned', `${categoryLabel(category)} on ${request.reference}`);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog opened onClose={onClose} title={`Assign a review of ${request.reference}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Category"
            required
            allowDeselect={false}
            data={categories.map((value) => ({ value, label: categoryLabel(value) }))}
            value={category}
            onChange={(value) => {
              setCategory(value);
              if (permissions.canAssign) setReviewerId(null);
            }}
            description={category ? `Looks at ${categoryCovers(category)}.` : undefined}
            error={errors.category}
          />
          {permissions.canAssign ? (
            <Select
              label="Reviewer"
              required
              allowDeselect={false}
              searchable
              data={candidates}
              value={reviewerId}
              onChange={setReviewerId}
              placeholder={people.isPending ? 'Loading people…' : 'Someone who reviews this category'}
              nothingFoundMessage="Nobody reviews this category"
              error={errors.reviewerId}
            />
          ) : (
            <Text size="sm">You will review this category yourself.</Text>
          )}
          <FormError error={assign.error} title="The review was not assigned" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={assign.isPending} disabled={!category || !reviewerId}>
              Assign
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

type ConditionDraft = {
  hostingModes: HostingMode[] | null;
  environments: Environment[] | null;
  maxDataClassification: DataClassification | null;
  noPersonalData: boolean;
  pinWeights: boolean;
  custom: string;
};

function conditionsOf(draft: ConditionDraft): ApprovalConditionInput[] {
  const conditions: ApprovalConditionInput[] = [];
  if (draft.hostingModes) conditions.push({ kind: 'HOSTING_MODES', hostingModes: draft.hostingModes });
  if (draft.environments) conditions.push({ kind: 'ENVIRONMENTS', environments: draft.environments });
  if (draft.maxDataClassification) {
    conditions.push({ kind: 'MAX_DATA_CLASSIFICATION', dataClassification: draft.maxDataClassification });
  }
  if (draft.noPersonalData) conditions.push({ kind: 'NO_PERSONAL_DATA' });
  if (draft.pinWeights) conditions.push({ kind: 'PIN_WEIGHTS_CHECKSUM' });
  for (const line of draft.custom
    .split('\n')
    .map((text) => text.trim())
    .filter(Boolean)) {
    conditions.push({ kind: 'CUSTOM', text: line });
  }
  return conditions;
}

/** Approve (with conditions and validity) or reject, with a rationale. */
export function DecisionDialog({
  request,
  defaultValidityMonths,
  hasWeightsChecksum,
  onClose,
}: {
  request: RequestRef;
  defaultValidityMonths: number;
  hasWeightsChecksum: boolean;
  onClose: () => void;
}) {
  const decide = useDecideApprovalRequest();
  const [decision, setDecision] = useState<'APPROVE' | 'REJECT'>('APPROVE');
  const [rationale, setRationale] = useState('');
  const [validityMonths, setValidityMonths] = useState<number | string>(defaultValidityMonths);
  const [draft, setDraft] = useState<ConditionDraft>({
    hostingModes: null,
    environments: null,
    maxDataClassification: null,
    noPersonalData: false,
    pinWeights: false,
    custom: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(decide.error), ...clientErrors };
  const conditions = decision === 'APPROVE' ? conditionsOf(draft) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = decideInputSchema.safeParse({
      requestId: request.id,
      expectedVersion: request.version,
      decision,
      rationale,
      conditions,
      validityMonths: decision === 'APPROVE' && validityMonths !== '' ? Number(validityMonths) : null,
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    decide.mutate(
      { ...parsed.data, conditions: parsed.data.conditions },
      {
        onSuccess: () => {
          showNotice(decision === 'APPROVE' ? 'Approval given' : 'Request rejected', request.reference);
          onClose();
        },
      },
    );
  };
  const conditionError = Object.entries(errors).find(([key]) => key.startsWith('conditions'))?.[1];

  return (
    <Dialog opened onClose={onClose} title={`Decide on ${request.reference}`} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label="Decision" required value={decision} onChange={(value) => setDecision(value)}>
            <Group mt={6}>
              <Radio value="APPROVE" label="Approve" />
              <Radio value="REJECT" label="Reject" />
            </Group>
          </Radio.Group>
          <Textarea
            label="Rationale"
            description="Why, in words an auditor can follow years from now."
            required
            autosize
            minRows={3}
            value={rationale}
            onChange={(event) => setRationale(event.currentTarget.value)}
            error={errors.rationale}
          />
          {decision === 'APPROVE' && (
            <Stack gap="xs" component="fieldset" style={{ border: 'none', padding: 0, margin: 0 }}>
              <Text component="legend" fw={500} size="sm">
                Conditions
              </Text>
              <Checkbox
                label="Restrict hosting modes"
                checked={draft.hostingModes !== null}
                onChange={(event) => setDraft({ ...draft, hostingModes: event.currentTarget.checked ? ['ON_PREMISES'] : null })}
              />
              {draft.hostingModes && (
                <MultiSelect
                  label="Allowed hosting modes"
                  data={optionsOf(hostingModeLabels)}
                  value={draft.hostingModes}
                  onChange={(value) => setDraft({ ...draft, hostingModes: value })}
                  ml="xl"
                />
              )}
              <Checkbox
                label="Restrict environments"
                checked={draft.environments !== null}
                onChange={(event) => setDraft({ ...draft, environments: event.currentTarget.checked ? ['STAGING'] : null })}
              />
              {draft.environments && (
                <MultiSelect
                  label="Allowed environments"
                  data={optionsOf(environmentLabels)}
                  value={draft.environments}
                  onChange={(value) => setDraft({ ...draft, environments: value })}
                  ml="xl"
                />
              )}
              <Select
                label="Highest data classification allowed"
                placeholder="As in the scope"
                clearable
                data={optionsOf(dataClassificationLabels)}
                value={draft.maxDataClassification}
                onChange={(value) => setDraft({ ...draft, maxDataClassification: value })}
                maw={360}
              />
              <Checkbox
                label="No personal data"
                checked={draft.noPersonalData}
                onChange={(event) => setDraft({ ...draft, noPersonalData: event.currentTarget.checked })}
              />
              <Checkbox
                label="Weights must match the approved SHA-256 checksum"
                disabled={!hasWeightsChecksum}
                description={hasWeightsChecksum ? undefined : 'The version has no weights checksum recorded.'}
                checked={draft.pinWeights}
                onChange={(event) => setDraft({ ...draft, pinWeights: event.currentTarget.checked })}
              />
              <Textarea
                label="Other conditions"
                description="One per line, in words people must honour."
                autosize
                minRows={1}
                value={draft.custom}
                onChange={(event) => setDraft({ ...draft, custom: event.currentTarget.value })}
              />
              {conditionError && (
                <Text c="red" size="sm" role="alert">
                  Conditions: {conditionError}
                </Text>
              )}
              {conditions.length > 0 && (
                <Text size="sm" c="dimmed">
                  The approval will read:{' '}
                  {conditions.map((condition) => describeCondition(condition as ApprovalCondition)).join('; ')}.
                </Text>
              )}
              <NumberInput
                label="Valid for (months)"
                min={1}
                max={36}
                allowDecimal={false}
                value={validityMonths}
                onChange={setValidityMonths}
                error={errors.validityMonths}
                maw={200}
              />
            </Stack>
          )}
          <FormError error={decide.error} title="The decision was not recorded" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={decision === 'REJECT' ? 'red' : undefined} loading={decide.isPending}>
              {decision === 'APPROVE' ? 'Approve' : 'Reject'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

const stepCopy = {
  SUSPEND: { title: 'Suspend the approval', verb: 'Suspend', done: 'Approval suspended', color: 'orange' },
  REINSTATE: { title: 'Reinstate the approval', verb: 'Reinstate', done: 'Approval reinstated', color: 'teal' },
  REVOKE: { title: 'Revoke the approval', verb: 'Revoke', done: 'Approval revoked', color: 'red' },
  WITHDRAW: { title: 'Withdraw the request', verb: 'Withdraw', done: 'Request withdrawn', color: 'red' },
} as const;

/** Suspend, reinstate, revoke or withdraw: each asks why (withdrawing a draft may leave it blank). */
export function StepDialog({
  request,
  step,
  onClose,
}: {
  request: RequestRef;
  step: keyof typeof stepCopy;
  onClose: () => void;
}) {
  const change = useChangeApproval();
  const withdraw = useWithdrawApprovalRequest();
  const mutation = step === 'WITHDRAW' ? withdraw : change;
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(mutation.error), ...clientErrors };
  const copy = stepCopy[step];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      showNotice(copy.done, request.reference);
      onClose();
    };
    if (step === 'WITHDRAW') {
      const parsed = requestStepInputSchema.safeParse({
        id: request.id,
        expectedVersion: request.version,
        reason: reason || null,
      });
      if (!parsed.success) return setClientErrors(zodFieldErrors(parsed.error));
      withdraw.mutate(parsed.data, { onSuccess: done });
      return;
    }
    const parsed = approvalStepInputSchema.safeParse({ id: request.id, expectedVersion: request.version, step, reason });
    if (!parsed.success) return setClientErrors(zodFieldErrors(parsed.error));
    change.mutate(parsed.data, { onSuccess: done });
  };

  return (
    <Dialog opened onClose={onClose} title={`${copy.title} ${request.reference}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Reason"
            required={step !== 'WITHDRAW'}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
          />
          <FormError error={mutation.error} title="Nothing was changed" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={copy.color} loading={mutation.isPending}>
              {copy.verb}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

import {
  Alert,
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
import { approvalStepInputSchema, decideInputSchema, requestStepInputSchema } from '@modelgate/domain/approvals';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from '../../../components/dialog';
import { showNotice } from '../../../components/notices';
import type { ApprovalConditionInput, DataClassification, Environment, HostingMode } from '../../../gql/graphql';
import { FormError } from '../../inventory/components/form-parts';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { dataClassificationLabels, environmentLabels, hostingModeLabels, optionsOf } from '../../inventory/labels';
import { useAssignReview, useChangeApproval, useDecideApprovalRequest, useWithdrawApprovalRequest } from '../hooks';
import { categoryCovers, categoryLabel, describeCondition } from '../labels';
import { t } from '../messages';
import { useApprovalPermissions } from '../permissions';
import { approvalQueries } from '../queries';
import { DiscardChangesPrompt } from '../../../components/discard-changes-prompt';

type RequestRef = { id: string; version: number; reference: string };

/**
 * Closing a dialog with changes in it (Escape, the close button, Cancel) first asks whether to discard them;
 * Escape again, or "Keep editing", goes back to the form.
 */
function useDiscardPrompt(dirty: boolean, onClose: () => void) {
  const [asking, setAsking] = useState(false);
  return {
    asking,
    requestClose: () => {
      if (asking) setAsking(false);
      else if (dirty) setAsking(true);
      else onClose();
    },
    keep: () => setAsking(false),
  };
}

/** The dialog's Cancel and submit buttons, or the question whether to discard the changes. */
function DialogActions({
  prompt,
  onDiscard,
  children,
}: {
  prompt: ReturnType<typeof useDiscardPrompt>;
  onDiscard: () => void;
  children: ReactNode;
}) {
  if (prompt.asking) return <DiscardChangesPrompt onKeep={prompt.keep} onDiscard={onDiscard} />;
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={prompt.requestClose}>
        {t('approvals.cancel')}
      </Button>
      {children}
    </Group>
  );
}

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
  const initialCategory = categories[0] ?? null;
  const initialReviewer = permissions.canAssign ? null : permissions.viewerId;
  const [category, setCategory] = useState<string | null>(initialCategory);
  const [reviewerId, setReviewerId] = useState<string | null>(initialReviewer);
  const errors = serverFieldErrors(assign.error);
  const prompt = useDiscardPrompt(category !== initialCategory || reviewerId !== initialReviewer, onClose);

  const candidates = (people.data ?? [])
    .filter((person) => !person.disabled && !blockedPeople.includes(person.id))
    .filter(
      (person) =>
        person.roles.includes('COMPLIANCE_OFFICER') ||
        (person.roles.includes('REVIEWER') && category !== null && person.reviewCategories.includes(category)),
    )
    .map((person) => ({
      value: person.id,
      label: t('approvals.assign.person', { name: person.displayName, email: person.email }),
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!category) return;
    assign.mutate(
      { requestId: request.id, expectedVersion: request.version, category: category as never, reviewerId },
      {
        onSuccess: () => {
          showNotice(
            t('approvals.notice.reviewAssigned'),
            t('approvals.notice.reviewAssigned.detail', { review: categoryLabel(category), reference: request.reference }),
          );
          onClose();
        },
      },
    );
  };

  return (
    <Dialog opened onClose={prompt.requestClose} title={t('approvals.assign.title', { reference: request.reference })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('approvals.assign.category')}
            required
            allowDeselect={false}
            data={categories.map((value) => ({ value, label: categoryLabel(value) }))}
            value={category}
            onChange={(value) => {
              setCategory(value);
              if (permissions.canAssign) setReviewerId(null);
            }}
            description={category ? t('approvals.assign.covers', { covers: categoryCovers(category) }) : undefined}
            error={errors.category}
          />
          {permissions.canAssign ? (
            <Select
              label={t('approvals.assign.reviewer')}
              required
              allowDeselect={false}
              searchable
              data={candidates}
              value={reviewerId}
              onChange={setReviewerId}
              placeholder={people.isPending ? t('approvals.assign.loadingPeople') : t('approvals.assign.reviewer.placeholder')}
              nothingFoundMessage={t('approvals.assign.nobody')}
              error={errors.reviewerId ?? (people.isError ? t('approvals.assign.peopleFailed') : undefined)}
            />
          ) : (
            <Text size="sm">{t('approvals.assign.yourself')}</Text>
          )}
          <FormError error={assign.error} title={t('approvals.assign.notAssigned')} />
          <DialogActions prompt={prompt} onDiscard={onClose}>
            <Button type="submit" loading={assign.isPending} disabled={!category || !reviewerId}>
              {t('approvals.assign.submit')}
            </Button>
          </DialogActions>
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

const noConditions: ConditionDraft = {
  hostingModes: null,
  environments: null,
  maxDataClassification: null,
  noPersonalData: false,
  pinWeights: false,
  custom: '',
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

/** Approve (with conditions and validity) or reject, with a rationale; rejecting says that it is final. */
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
  const [draft, setDraft] = useState<ConditionDraft>(noConditions);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(decide.error), ...clientErrors };
  const conditions = decision === 'APPROVE' ? conditionsOf(draft) : [];
  const prompt = useDiscardPrompt(
    decision !== 'APPROVE' ||
      rationale !== '' ||
      validityMonths !== defaultValidityMonths ||
      JSON.stringify(draft) !== JSON.stringify(noConditions),
    onClose,
  );

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
          showNotice(
            decision === 'APPROVE' ? t('approvals.notice.approved') : t('approvals.notice.rejected'),
            request.reference,
            decision === 'APPROVE' ? 'teal' : 'red',
          );
          onClose();
        },
      },
    );
  };
  const conditionError = Object.entries(errors).find(([key]) => key.startsWith('conditions'))?.[1];

  return (
    <Dialog opened onClose={prompt.requestClose} title={t('approvals.decide.title', { reference: request.reference })} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label={t('approvals.decide.decision')} required value={decision} onChange={(value) => setDecision(value)}>
            <Group mt={6}>
              <Radio value="APPROVE" label={t('approvals.decide.approve')} />
              <Radio value="REJECT" label={t('approvals.decide.reject')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('approvals.decide.rationale')}
            description={t('approvals.decide.rationale.description')}
            required
            autosize
            minRows={3}
            value={rationale}
            onChange={(event) => setRationale(event.currentTarget.value)}
            error={errors.rationale}
          />
          {decision === 'REJECT' && (
            <Alert color="red" title={t('approvals.decide.rejectFinal.title')}>
              {t('approvals.decide.rejectFinal.body', { reference: request.reference })}
            </Alert>
          )}
          {decision === 'APPROVE' && (
            <Stack gap="xs" component="fieldset" style={{ border: 'none', padding: 0, margin: 0 }}>
              <Text component="legend" fw={500} size="sm">
                {t('approvals.decide.conditions')}
              </Text>
              <Checkbox
                label={t('approvals.decide.restrictHosting')}
                checked={draft.hostingModes !== null}
                onChange={(event) => setDraft({ ...draft, hostingModes: event.currentTarget.checked ? ['ON_PREMISES'] : null })}
              />
              {draft.hostingModes && (
                <MultiSelect
                  label={t('approvals.decide.allowedHosting')}
                  data={optionsOf(hostingModeLabels)}
                  value={draft.hostingModes}
                  onChange={(value) => setDraft({ ...draft, hostingModes: value })}
                  ml="xl"
                />
              )}
              <Checkbox
                label={t('approvals.decide.restrictEnvironments')}
                checked={draft.environments !== null}
                onChange={(event) => setDraft({ ...draft, environments: event.currentTarget.checked ? ['STAGING'] : null })}
              />
              {draft.environments && (
                <MultiSelect
                  label={t('approvals.decide.allowedEnvironments')}
                  data={optionsOf(environmentLabels)}
                  value={draft.environments}
                  onChange={(value) => setDraft({ ...draft, environments: value })}
                  ml="xl"
                />
              )}
              <Select
                label={t('approvals.decide.maxData')}
                placeholder={t('approvals.decide.maxData.placeholder')}
                clearable
                data={optionsOf(dataClassificationLabels)}
                value={draft.maxDataClassification}
                onChange={(value) => setDraft({ ...draft, maxDataClassification: value })}
                maw={360}
              />
              <Checkbox
                label={t('approvals.decide.noPersonalData')}
                checked={draft.noPersonalData}
                onChange={(event) => setDraft({ ...draft, noPersonalData: event.currentTarget.checked })}
              />
              <Checkbox
                label={t('approvals.decide.pinWeights')}
                disabled={!hasWeightsChecksum}
                description={hasWeightsChecksum ? undefined : t('approvals.decide.pinWeights.unavailable')}
                checked={draft.pinWeights}
                onChange={(event) => setDraft({ ...draft, pinWeights: event.currentTarget.checked })}
              />
              <Textarea
                label={t('approvals.decide.otherConditions')}
                description={t('approvals.decide.otherConditions.description')}
                autosize
                minRows={1}
                value={draft.custom}
                onChange={(event) => setDraft({ ...draft, custom: event.currentTarget.value })}
              />
              {conditionError && (
                <Text c="red" size="sm" role="alert">
                  {t('approvals.decide.conditionError', { error: conditionError })}
                </Text>
              )}
              {conditions.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('approvals.decide.preview', { conditions: conditions.map(describeCondition).join('; ') })}
                </Text>
              )}
              <NumberInput
                label={t('approvals.decide.validity')}
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
          <FormError error={decide.error} title={t('approvals.decide.notRecorded')} />
          <DialogActions prompt={prompt} onDiscard={onClose}>
            <Button type="submit" color={decision === 'REJECT' ? 'red' : undefined} loading={decide.isPending}>
              {decision === 'APPROVE' ? t('approvals.decide.approve') : t('approvals.decide.reject')}
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Dialog>
  );
}

type Step = 'SUSPEND' | 'REINSTATE' | 'REVOKE' | 'WITHDRAW';

const stepCopy: Record<Step, { title: string; verb: string; done: string; consequence: string; color: string; final: boolean }> =
  {
    SUSPEND: {
      title: t('approvals.step.SUSPEND.title'),
      verb: t('approvals.step.SUSPEND.verb'),
      done: t('approvals.step.SUSPEND.done'),
      consequence: t('approvals.step.SUSPEND.consequence'),
      color: 'orange',
      final: false,
    },
    REINSTATE: {
      title: t('approvals.step.REINSTATE.title'),
      verb: t('approvals.step.REINSTATE.verb'),
      done: t('approvals.step.REINSTATE.done'),
      consequence: t('approvals.step.REINSTATE.consequence'),
      color: 'teal',
      final: false,
    },
    REVOKE: {
      title: t('approvals.step.REVOKE.title'),
      verb: t('approvals.step.REVOKE.verb'),
      done: t('approvals.step.REVOKE.done'),
      consequence: t('approvals.step.REVOKE.consequence'),
      color: 'red',
      final: true,
    },
    WITHDRAW: {
      title: t('approvals.step.WITHDRAW.title'),
      verb: t('approvals.step.WITHDRAW.verb'),
      done: t('approvals.step.WITHDRAW.done'),
      consequence: t('approvals.step.WITHDRAW.consequence'),
      color: 'red',
      final: true,
    },
  };

/**
 * Suspend, reinstate, revoke or withdraw: each says what it will do, and asks why (withdrawing a draft may leave it
 * blank). The dialog is the confirmation: nothing changes until its button is pressed.
 */
export function StepDialog({ request, step, onClose }: { request: RequestRef; step: Step; onClose: () => void }) {
  const change = useChangeApproval();
  const withdraw = useWithdrawApprovalRequest();
  const mutation = step === 'WITHDRAW' ? withdraw : change;
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(mutation.error), ...clientErrors };
  const copy = stepCopy[step];
  const prompt = useDiscardPrompt(reason !== '', onClose);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      showNotice(copy.done, request.reference, copy.final ? 'red' : 'teal');
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
    <Dialog
      opened
      onClose={prompt.requestClose}
      title={t('approvals.step.dialogTitle', { title: copy.title, reference: request.reference })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color={copy.final ? 'red' : 'blue'} title={copy.final ? t('approvals.step.final') : undefined}>
            {copy.consequence}
          </Alert>
          <TextInput
            label={t('approvals.step.reason')}
            description={step === 'WITHDRAW' ? t('approvals.step.reason.optional') : t('approvals.step.reason.recorded')}
            required={step !== 'WITHDRAW'}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
          />
          <FormError error={mutation.error} title={t('approvals.nothingChanged')} />
          <DialogActions prompt={prompt} onDiscard={onClose}>
            <Button type="submit" color={copy.color} loading={mutation.isPending}>
              {copy.verb}
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Dialog>
  );
}

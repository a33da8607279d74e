import { Button, FileInput, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  addEvidenceInputSchema,
  fileReviewInputSchema,
  tierOfRating,
  EVIDENCE_CONTENT_TYPES,
  EVIDENCE_MAX_BYTES,
} from '@modelgate/domain/approvals';
import { useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { FormError } from '../../inventory/components/form-parts';
import { blankToNull, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../inventory/form-errors';
import { useAddReviewEvidence, useFileReview } from '../hooks';
import { categoryLabel, formatBytes, riskTierLabels } from '../labels';
import { t } from '../messages';

const likelihoodOptions = [
  { value: '1', label: t('approvals.review.likelihood.1') },
  { value: '2', label: t('approvals.review.likelihood.2') },
  { value: '3', label: t('approvals.review.likelihood.3') },
  { value: '4', label: t('approvals.review.likelihood.4') },
  { value: '5', label: t('approvals.review.likelihood.5') },
];
const impactOptions = [
  { value: '1', label: t('approvals.review.impact.1') },
  { value: '2', label: t('approvals.review.impact.2') },
  { value: '3', label: t('approvals.review.impact.3') },
  { value: '4', label: t('approvals.review.impact.4') },
  { value: '5', label: t('approvals.review.impact.5') },
];

type Review = {
  id: string;
  version: number;
  category: string;
  likelihood?: number | null;
  impact?: number | null;
  findings?: string | null;
  mitigations: readonly string[];
};

/** The assigned reviewer's form: rating, findings and mitigations; saved as work in progress or signed off. */
export function ReviewForm({ review }: { review: Review }) {
  const fileReview = useFileReview();
  const [likelihood, setLikelihood] = useState<string | null>(review.likelihood ? String(review.likelihood) : null);
  const [impact, setImpact] = useState<string | null>(review.impact ? String(review.impact) : null);
  const [findings, setFindings] = useState(review.findings ?? '');
  const [mitigations, setMitigations] = useState(review.mitigations.join('\n'));
  const [intent, setIntent] = useState<'save' | 'signOff'>('save');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(fileReview.error), ...clientErrors };
  const preview = likelihood && impact ? tierOfRating({ likelihood: Number(likelihood), impact: Number(impact) }) : null;
  const label = categoryLabel(review.category);
  const dirty =
    likelihood !== (review.likelihood ? String(review.likelihood) : null) ||
    impact !== (review.impact ? String(review.impact) : null) ||
    findings !== (review.findings ?? '') ||
    mitigations !== review.mitigations.join('\n');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = fileReviewInputSchema.safeParse({
      reviewId: review.id,
      expectedVersion: review.version,
      likelihood: likelihood ? Number(likelihood) : undefined,
      impact: impact ? Number(impact) : undefined,
      findings,
      mitigations: mitigations
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      signOff: intent === 'signOff',
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    fileReview.mutate(parsed.data, {
      onSuccess: () =>
        showNotice(intent === 'signOff' ? t('approvals.notice.reviewSignedOff') : t('approvals.notice.reviewSaved'), label),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('approvals.review.formLabel', { review: label })}>
      <UnsavedChangesGuard when={dirty && !fileReview.isPending} />
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('approvals.review.yours')}
        </Title>
        <Group grow align="flex-start">
          <Select
            label={t('approvals.review.likelihood')}
            required
            data={likelihoodOptions}
            value={likelihood}
            onChange={setLikelihood}
            error={errors.likelihood}
          />
          <Select
            label={t('approvals.review.impact')}
            required
            allowDeselect={false}
            data={impactOptions}
            value={impact}
            onChange={setImpact}
            error={errors.impact}
          />
        </Group>
        {preview && (
          <Text size="sm" aria-live="polite">
            {t('approvals.review.score', {
              score: Number(likelihood) * Number(impact),
              tier: riskTierLabels[preview].toLowerCase(),
            })}
          </Text>
        )}
        <Textarea
          label={t('approvals.review.findings')}
          required
          autosize
          minRows={3}
          value={findings}
          onChange={(event) => setFindings(event.currentTarget.value)}
          error={errors.findings}
        />
        <Textarea
          label={t('approvals.review.mitigations')}
          description={t('approvals.review.mitigations.description')}
          autosize
          minRows={2}
          value={mitigations}
          onChange={(event) => setMitigations(event.currentTarget.value)}
          error={errors.mitigations ?? Object.entries(errors).find(([key]) => key.startsWith('mitigations.'))?.[1]}
        />
        <FormError error={fileReview.error} title={t('approvals.review.notSaved')} />
        <Group justify="flex-end">
          <Button
            type="submit"
            variant="default"
            loading={fileReview.isPending && intent === 'save'}
            onClick={() => setIntent('save')}
          >
            {t('approvals.review.save')}
          </Button>
          <Button type="submit" loading={fileReview.isPending && intent === 'signOff'} onClick={() => setIntent('signOff')}>
            {t('approvals.review.signOff')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('approvals.review.signOffNote')}
        </Text>
      </Stack>
    </form>
  );
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(t('approvals.evidence.unreadable')));
    reader.readAsDataURL(file);
  });
}

/** Markdown files often arrive without a type from the browser; the server checks the bytes anyway. */
function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  if (file.name.endsWith('.md')) return 'text/markdown';
  if (file.name.endsWith('.csv')) return 'text/csv';
  if (file.name.endsWith('.json')) return 'application/json';
  return 'text/plain';
}

/** Adds a link or a file to a review; files are checked for size and type here and again, on their bytes, by the server. */
export function EvidenceForm({ reviewId }: { reviewId: string }) {
  const add = useAddReviewEvidence();
  const [title, setTitle] = useState('');
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(add.error), ...clientErrors };
  const dirty = title !== '' || link !== '' || file !== null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file && file.size > EVIDENCE_MAX_BYTES) {
      setClientErrors({ 'file.contentBase64': t('approvals.evidence.tooLarge', { size: formatBytes(EVIDENCE_MAX_BYTES) }) });
      return;
    }
    const parsed = addEvidenceInputSchema.safeParse({
      reviewId,
      title,
      link: blankToNull(link),
      file: file ? { fileName: file.name, contentType: contentTypeOf(file), contentBase64: await readAsBase64(file) } : null,
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    add.mutate(parsed.data, {
      onSuccess: () => {
        showNotice(t('approvals.notice.evidenceAdded'), title);
        setTitle('');
        setLink('');
        setFile(null);
      },
    });
  };
  const fileError = errors.file ?? errors['file.contentType'] ?? errors['file.contentBase64'] ?? errors['file.fileName'];

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('approvals.evidence.add')}>
      <UnsavedChangesGuard when={dirty && !add.isPending} />
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('approvals.evidence.add')}
        </Title>
        <TextInput
          label={t('approvals.evidence.column.title')}
          required
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('approvals.evidence.link')}
            placeholder={t('approvals.evidence.link.placeholder')}
            value={link}
            onChange={(event) => setLink(event.currentTarget.value)}
            error={errors.link}
            disabled={file !== null}
          />
          <FileInput
            label={t('approvals.evidence.orFile')}
            placeholder={t('approvals.evidence.file.placeholder', { megabytes: EVIDENCE_MAX_BYTES / 1024 / 1024 })}
            accept={EVIDENCE_CONTENT_TYPES.join(',')}
            value={file}
            onChange={setFile}
            clearable
            error={fileError}
            disabled={link.trim() !== ''}
          />
        </Group>
        <FormError error={add.error} title={t('approvals.evidence.notAdded')} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('approvals.evidence.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Code, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { attachModelWeightsInputSchema, parseChecksumListing } from '@modelgate/domain/inventory';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { UnsavedChangesGuard } from '../../../components/unsaved-changes-guard';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useAttachModelWeights } from '../hooks';
import { approvalStateInSentence, versionTitle } from '../labels';
import { t } from '../messages';
import {
  describeListingProblem,
  requestsLosingCover,
  sameWeightFiles,
  weightsDigest,
  weightsErrorMessages,
  type ListedWeightFile,
} from '../weights';
import { FormError } from './form-parts';
import { withElements } from './rich-text';
import type { VersionDetail } from './version-facts';

/** Problems listed under the text box; a listing pasted from the wrong place could otherwise fill the dialog. */
const MAX_PROBLEMS_SHOWN = 20;

/** What the person runs in the weights folder; command lines, the same in every language. */
const SHA256SUM_COMMAND = 'sha256sum *.safetensors';
const SHASUM_COMMAND = 'shasum -a 256';
const LISTING_PLACEHOLDER = '3f4a…e91c  model-00001-of-00004.safetensors\n9b07…41d2  model-00002-of-00004.safetensors';

/**
 * The checksum the version will get for these files: a string once known, undefined while it is computed,
 * null when the browser cannot compute it (then only the server knows).
 */
function useWeightsDigest(files: readonly ListedWeightFile[]): string | null | undefined {
  const [computed, setComputed] = useState<{ files: readonly ListedWeightFile[]; digest: string | null } | null>(null);
  useEffect(() => {
    let current = true;
    void weightsDigest(files).then(
      (digest) => current && setComputed({ files, digest }),
      () => current && setComputed({ files, digest: null }),
    );
    return () => {
      current = false;
    };
  }, [files]);
  return computed?.files === files ? computed.digest : undefined;
}

/** What will be saved: every file read from the listing, and the checksum the version gets. */
function ListingPreview({
  files,
  digest,
  version,
}: {
  files: readonly ListedWeightFile[];
  digest: string | null | undefined;
  version: VersionDetail;
}) {
  const attached = version.weightFiles.length;
  return (
    <Stack gap="xs" role="region" aria-labelledby="weights-preview-heading">
      <Title order={3} size="h5" id="weights-preview-heading">
        {t('inventory.weights.preview.heading')}
      </Title>
      <Text size="sm">
        {attached > 0
          ? t('inventory.weights.preview.replace', {
              files: t('inventory.weights.fileCount', { count: files.length }),
              attached: t('inventory.weights.fileCount', { count: attached }),
            })
          : t('inventory.weights.preview.attach', { count: files.length })}
      </Text>
      {/* A preview of the pasted text, not stored records: a plain table without a view or CSV of its own. */}
      <Table.ScrollContainer minWidth={600} maxHeight={260}>
        <Table stickyHeader withTableBorder verticalSpacing={4} aria-label={t('inventory.weights.preview.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('inventory.weights.column.path')}</Table.Th>
              <Table.Th>{t('inventory.weights.column.sha256')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((file) => (
              <Table.Tr key={file.path}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{file.path}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{file.sha256}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" data-testid="weights-preview-checksum">
        {t('inventory.weights.preview.checksum')}{' '}
        {digest ? (
          <Code style={{ wordBreak: 'break-all' }}>{digest}</Code>
        ) : digest === undefined ? (
          t('inventory.weights.preview.computing')
        ) : (
          t('inventory.weights.preview.byServer')
        )}
        {digest && digest === version.weightsSha256 && ` ${t('inventory.weights.preview.same')}`}
      </Text>
    </Stack>
  );
}

/** Says, before anything is saved, which approvals the new checksum takes away. */
function CoverageWarning({ version, next }: { version: VersionDetail; next: string | null }) {
  const losing = requestsLosingCover(version.approvalRequests, version.weightsSha256, next);
  if (losing.length === 0) {
    if (!version.weightsSha256 || next === version.weightsSha256) return null;
    return (
      <Alert color="yellow" title={t('inventory.weights.changes.title')}>
        {withElements(t('inventory.weights.changes.body'), { checksum: <Code>{version.weightsSha256}</Code> })}
      </Alert>
    );
  }
  return (
    <Alert color="orange" title={t('inventory.weights.losing.title')} role="alert">
      <Stack gap={4}>
        <Text size="sm">{next === null ? t('inventory.weights.losing.unknown') : t('inventory.weights.losing.known')}</Text>
        <List size="sm">
          {losing.map((request) => (
            <List.Item key={request.id}>
              {request.team
                ? t('inventory.weights.losing.requestOfTeam', {
                    reference: request.reference,
                    state: approvalStateInSentence[request.state],
                    team: request.team.name,
                  })
                : t('inventory.weights.losing.request', {
                    reference: request.reference,
                    state: approvalStateInSentence[request.state],
                  })}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

/**
 * "Attach checksums": the user pastes what `sha256sum` (or `shasum -a 256`) printed in the weights folder, sees
 * the files it names and the lines it cannot read as they type, and saves them in place of those attached before.
 */
export function AttachWeightsDialog({
  version,
  onClose,
  onReload,
}: {
  version: VersionDetail;
  onClose: () => void;
  onReload: () => void;
}) {
  const attach = useAttachModelWeights();
  const title = versionTitle(version);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const listing = useMemo(() => parseChecksumListing(text), [text]);
  const computed = useWeightsDigest(listing.files);
  // Without Web Crypto, the same files as now still mean the same checksum.
  const next = computed === null && sameWeightFiles(listing.files, version.weightFiles) ? version.weightsSha256 : computed;
  const messages = weightsErrorMessages(errors, listing.files, title);
  const problems = listing.problems.map(describeListingProblem);
  const shownProblems = problems.slice(0, MAX_PROBLEMS_SHOWN);
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    shownProblems.push(t('inventory.weights.moreProblems', { count: problems.length - MAX_PROBLEMS_SHOWN }));
  }
  const textErrors = [...shownProblems, ...messages.listing];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setErrors({ files: t('inventory.weights.error.empty') });
    if (listing.problems.length > 0) return setErrors({ files: t('inventory.weights.error.problems') });
    const parsed = attachModelWeightsInputSchema.safeParse({
      id: version.id,
      expectedVersion: version.version,
      files: listing.files,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    attach.mutate(parsed.data, {
      onSuccess: ({ attachModelWeights }) => {
        showNotice(
          t('inventory.weights.attached'),
          t('inventory.weights.attachedBody', {
            title,
            files: t('inventory.weights.fileCount', { count: attachModelWeights.weightFiles.length }),
            checksum: attachModelWeights.weightsSha256?.slice(0, 12) ?? t('inventory.none'),
          }),
        );
        onClose();
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  return (
    <Dialog opened onClose={onClose} title={t('inventory.weights.dialog.title', { title })} size="80rem">
      <form onSubmit={submit} aria-label={t('inventory.weights.dialog.label')} noValidate>
        {/* Leaving the page (back, or closing the tab) with a pasted listing not yet saved asks first. */}
        <UnsavedChangesGuard when={text.trim() !== '' && !attach.isSuccess} />
        <Stack>
          <Text size="sm">
            {withElements(t('inventory.weights.dialog.intro'), {
              sha256sum: <Code>{SHA256SUM_COMMAND}</Code>,
              shasum: <Code>{SHASUM_COMMAND}</Code>,
            })}
          </Text>
          <FormError
            error={attach.error}
            title={t('inventory.weights.notSaved')}
            conflictMessage={t('inventory.weights.conflict')}
            onReload={() => {
              attach.reset();
              onReload();
            }}
          />
          {messages.other.length > 0 && (
            <Alert color="red" role="alert" title={t('inventory.weights.notSaved')}>
              {messages.other.join(' ')}
            </Alert>
          )}
          <Textarea
            label={t('inventory.weights.dialog.listing')}
            description={t('inventory.weights.dialog.listingDescription')}
            placeholder={LISTING_PLACEHOLDER}
            autosize
            minRows={6}
            maxRows={14}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setErrors({});
            }}
            error={
              textErrors.length > 0 ? (
                <>
                  {textErrors.map((message, index) => (
                    <span key={index} style={{ display: 'block' }}>
                      {message}
                    </span>
                  ))}
                </>
              ) : undefined
            }
            styles={{ input: { fontFamily: 'monospace' } }}
            spellCheck={false}
          />
          {listing.files.length > 0 && (
            <>
              <ListingPreview files={listing.files} digest={next} version={version} />
              {next !== undefined && <CoverageWarning version={version} next={next} />}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('inventory.cancel')}
            </Button>
            <Button type="submit" loading={attach.isPending}>
              {t('inventory.weights.dialog.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

import { Alert, Button, Code, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { Dialog } from '../../../components/dialog';
import { stateLabels } from '@modelgate/domain/approvals';
import { attachModelWeightsInputSchema, parseChecksumListing } from '@modelgate/domain/inventory';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { showNotice } from '../../../components/notices';
import { serverFieldErrors, zodFieldErrors, type FieldErrors } from '../form-errors';
import { useAttachModelWeights } from '../hooks';
import { versionTitle } from '../labels';
import {
  describeListingProblem,
  requestsLosingCover,
  sameWeightFiles,
  weightsDigest,
  weightsErrorMessages,
  type ListedWeightFile,
} from '../weights';
import { FormError } from './form-parts';
import type { VersionDetail } from './version-facts';

/** Problems listed under the text box; a listing pasted from the wrong place could otherwise fill the dialog. */
const MAX_PROBLEMS_SHOWN = 20;

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

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
        Will be saved
      </Title>
      <Text size="sm">
        {plural(files.length, 'file')}
        {attached > 0 ? ` will replace the ${plural(attached, 'file')} attached now.` : ' will be attached.'}
      </Text>
      <Table.ScrollContainer minWidth={600} maxHeight={260}>
        <Table stickyHeader withTableBorder verticalSpacing={4} aria-label="Weight files to save">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Path</Table.Th>
              <Table.Th>SHA-256</Table.Th>
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
        Weights checksum after saving:{' '}
        {digest ? (
          <Code style={{ wordBreak: 'break-all' }}>{digest}</Code>
        ) : digest === undefined ? (
          'computing…'
        ) : (
          'computed by the server when you save'
        )}
        {digest && digest === version.weightsSha256 && ' (the same as now)'}
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
      <Alert color="yellow" title="The weights checksum changes">
        The version’s weights checksum will no longer be <Code>{version.weightsSha256}</Code>; scans and the CI gate recognise it
        by the new files from now on.
      </Alert>
    );
  }
  return (
    <Alert color="orange" title="Approvals given for other weights stop covering this version" role="alert">
      <Stack gap={4}>
        <Text size="sm">
          {next === null
            ? 'Unless these are the same weights as now, the version’s checksum changes, and these requests '
            : 'The version’s weights checksum changes, and these requests '}
          no longer cover it: each was given for the weights it was submitted with, so the teams need a new request for these
          weights.
        </Text>
        <List size="sm">
          {losing.map((request) => (
            <List.Item key={request.id}>
              {request.reference} ({stateLabels[request.state]}
              {request.team ? `, ${request.team.name}` : ''})
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
    shownProblems.push(`…and ${plural(problems.length - MAX_PROBLEMS_SHOWN, 'more line')} with problems.`);
  }
  const textErrors = [...shownProblems, ...messages.listing];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setErrors({ files: 'is empty: paste what sha256sum printed in the weights folder' });
    if (listing.problems.length > 0) return setErrors({ files: 'has lines that cannot be read: correct or delete them first' });
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
          'Weights checksums attached',
          `${title}: ${plural(attachModelWeights.weightFiles.length, 'file')}, checksum ${attachModelWeights.weightsSha256?.slice(0, 12) ?? '—'}…`,
        );
        onClose();
      },
      onError: (error) => setErrors(serverFieldErrors(error)),
    });
  };

  return (
    <Dialog opened onClose={onClose} title={`Attach weights checksums to ${title}`} size="80rem">
      <form onSubmit={submit} aria-label="Attach weights checksums" noValidate>
        <Stack>
          <Text size="sm">
            In the folder of the downloaded weights, run <Code>sha256sum *.safetensors</Code> (naming every weight file, GGUF and
            PyTorch checkpoints too; <Code>shasum -a 256</Code> works as well) and paste what it prints. The files replace those
            attached before, and their digest becomes the version’s weights checksum.
          </Text>
          <FormError
            error={attach.error}
            title="The checksums were not saved"
            conflictMessage="Someone changed this model version since you opened it — reload to see their change, then save again"
            onReload={() => {
              attach.reset();
              onReload();
            }}
          />
          {messages.other.length > 0 && (
            <Alert color="red" role="alert" title="The checksums were not saved">
              {messages.other.join(' ')}
            </Alert>
          )}
          <Textarea
            label="sha256sum output"
            description="One line per file: the SHA-256, two spaces, the path inside the folder. BSD “SHA256 (file) = …” lines work too."
            placeholder={'3f4a…e91c  model-00001-of-00004.safetensors\n9b07…41d2  model-00002-of-00004.safetensors'}
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
              Cancel
            </Button>
            <Button type="submit" loading={attach.isPending}>
              Save checksums
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

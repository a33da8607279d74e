import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ModelCardDraftQuery } from '../../../gql/graphql';
import { serverFieldErrors } from '../form-errors';
import { distributionLabels, lineageRelationLabels, modalityLabels, versionTitle } from '../labels';
import { inventoryQueries } from '../queries';

export type ModelCardDraft = ModelCardDraftQuery['modelCardDraft'];

/** The API refuses longer cards (MAX_MODEL_CARD_LENGTH of @modelgate/discovery); checked here to say so early. */
const MAX_CARD_LENGTH = 200_000;
const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const list = (values: readonly string[]) => (values.length ? values.join(', ') : '—');

/** What the card says, as it says it. */
function CardFacts({ draft }: { draft: ModelCardDraft }) {
  const rows: [string, string][] = [
    ['License', draft.cardLicense ?? '—'],
    ['License link', draft.licenseLink ?? '—'],
    ['Base models', list(draft.bases.map((base) => base.repo))],
    ['Task (pipeline_tag)', draft.fields.task ?? '—'],
    ['Languages', list(draft.languages)],
    ['Datasets', list(draft.datasets)],
    ['Tags', list(draft.tags)],
  ];
  return <FactTable caption="In the model card" rows={rows} />;
}

/** What the form will be filled with. */
function FormFacts({ draft }: { draft: ModelCardDraft }) {
  const { fields } = draft;
  const rows: [string, string][] = [
    ['Provider', draft.provider?.name ?? (draft.providerName ? `${draft.providerName} (not in the inventory)` : '—')],
    ['Family', fields.familyName ?? '—'],
    ['Version name', fields.versionName ?? '—'],
    ['Supplier', fields.supplier ?? '—'],
    ['Distribution', fields.distribution ? distributionLabels[fields.distribution] : '—'],
    ['Hugging Face repository', fields.huggingFaceRepo ?? '—'],
    ['Parameters', fields.parameterCount?.toLocaleString('en') ?? '—'],
    ['Modalities', list((fields.modalities ?? []).map((modality) => modalityLabels[modality]))],
    ['Task', fields.task ?? '—'],
    [
      'Declared license',
      fields.declaredLicense ? `${fields.declaredLicense}${draft.licenseInCatalog ? '' : ' (not in the license catalog)'}` : '—',
    ],
    [
      'Bases',
      list(
        draft.bases.flatMap((base) =>
          base.modelVersion
            ? [
                `${versionTitle(base.modelVersion)} (${base.relation ? lineageRelationLabels[base.relation] : 'relation to choose'})`,
              ]
            : [],
        ),
      ),
    ],
  ];
  return <FactTable caption="Will be filled in" rows={rows} />;
}

function FactTable({ caption, rows }: { caption: string; rows: [string, string][] }) {
  return (
    <Table captionSide="top" withRowBorders={false} verticalSpacing={4} layout="fixed">
      <Table.Caption style={{ textAlign: 'left' }}>
        <Title order={4} size="h5">
          {caption}
        </Title>
      </Table.Caption>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="40%" fw={500}>
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * "Import from a model card": the user pastes a Hugging Face card (or picks its README.md), sees what the card
 * says beside what the form will be filled with, and "Use these values" prefills the form. Nothing is saved here.
 */
export function ModelCardImport({ onUse }: { onUse: (draft: ModelCardDraft) => void }) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [repoId, setRepoId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<{ text?: string; repoId?: string }>({});
  const [submitted, setSubmitted] = useState<{ text: string; repoId: string | null } | null>(null);
  const draft = useQuery({
    ...inventoryQueries.modelCardDraft(submitted ?? { text: '', repoId: null }),
    enabled: submitted !== null,
  });
  const serverErrors = draft.isError ? serverFieldErrors(draft.error) : {};

  const close = () => {
    setOpened(false);
    setSubmitted(null);
  };
  const readFile = async (picked: File | null) => {
    setFile(picked);
    if (!picked) return;
    if (picked.size > MAX_CARD_LENGTH * 4) return setLocalError({ text: 'The file is too large for a model card.' });
    setText(await picked.text());
    setSubmitted(null);
  };
  const preview = () => {
    const repo = repoId.trim();
    const errors: { text?: string; repoId?: string } = {};
    if (text.trim() === '') errors.text = 'Paste the model card, or pick its README.md';
    else if (text.length > MAX_CARD_LENGTH) errors.text = `must be at most ${MAX_CARD_LENGTH.toLocaleString('en')} characters`;
    if (repo !== '' && !REPO_PATTERN.test(repo)) errors.repoId = 'must be a Hugging Face repository written owner/name';
    setLocalError(errors);
    if (errors.text || errors.repoId) return;
    setSubmitted({ text, repoId: repo === '' ? null : repo });
  };

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        Import from a model card
      </Button>
      <Modal opened={opened} onClose={close} title="Import from a model card" size="80rem" trapFocus>
        <Stack>
          <Text size="sm">
            Paste a Hugging Face model card (README.md with its YAML front matter) or pick the file. Nothing is saved: the values
            fill the form, and you register with the form’s own button.
          </Text>
          <Group grow align="flex-start">
            <TextInput
              label="Hugging Face repository"
              description="owner/name, to name the model and its provider"
              placeholder="Qwen/Qwen2.5-7B-Instruct"
              value={repoId}
              onChange={(event) => {
                setRepoId(event.currentTarget.value);
                setSubmitted(null);
              }}
              error={localError.repoId ?? serverErrors.repoId}
            />
            <FileInput
              label="README.md file"
              placeholder="Pick a file"
              accept=".md,text/markdown,text/plain"
              value={file}
              onChange={(picked) => void readFile(picked)}
              clearable
            />
          </Group>
          <Textarea
            label="Model card text"
            autosize
            minRows={6}
            maxRows={14}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setSubmitted(null);
            }}
            error={localError.text ?? serverErrors.text}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Group justify="flex-end">
            <Button variant="light" onClick={preview} loading={draft.isFetching}>
              Preview
            </Button>
          </Group>
          {draft.isError && Object.keys(serverErrors).length === 0 && (
            <Alert color="red" title="The card could not be read" role="alert">
              {draft.error.message}
            </Alert>
          )}
          {draft.data && (
            <Stack gap="sm" aria-label="Preview" role="region">
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <CardFacts draft={draft.data} />
                <FormFacts draft={draft.data} />
              </SimpleGrid>
              {(draft.data.notes.length > 0 || draft.data.bases.some((base) => !base.modelVersion)) && (
                <Alert color="yellow" title="Check before saving">
                  <List size="sm">
                    {draft.data.notes.map((note) => (
                      <List.Item key={note}>{note}</List.Item>
                    ))}
                    {draft.data.bases
                      .filter((base) => !base.modelVersion)
                      .map((base) => (
                        <List.Item key={base.repo}>
                          The base model {base.repo} is not in the inventory: register it first to link it.
                        </List.Item>
                      ))}
                  </List>
                </Alert>
              )}
              {!draft.data.licenseInCatalog && draft.data.fields.declaredLicense && (
                <Badge color="orange" variant="light">
                  {draft.data.fields.declaredLicense} is not in the license catalog
                </Badge>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button
                  onClick={() => {
                    onUse(draft.data);
                    close();
                  }}
                >
                  Use these values
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Modal>
    </>
  );
}

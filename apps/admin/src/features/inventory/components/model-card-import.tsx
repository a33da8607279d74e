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
import { formatNumber } from '../../../i18n/format';
import { distributionLabels, formatList, lineageRelationLabels, modalityLabels, versionTitle } from '../labels';
import { t } from '../messages';
import { inventoryQueries } from '../queries';

export type ModelCardDraft = ModelCardDraftQuery['modelCardDraft'];

/** The API refuses longer cards (MAX_MODEL_CARD_LENGTH of @modelgate/discovery); checked here to say so early. */
const MAX_CARD_LENGTH = 200_000;
const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const list = (values: readonly string[]) => (values.length ? formatList(values) : t('inventory.none'));
const orNone = (value: string | null | undefined) => value ?? t('inventory.none');

/** What the card says, as it says it. */
function CardFacts({ draft }: { draft: ModelCardDraft }) {
  const rows: [string, string][] = [
    [t('inventory.card.fact.license'), orNone(draft.cardLicense)],
    [t('inventory.card.fact.licenseLink'), orNone(draft.licenseLink)],
    [t('inventory.card.fact.baseModels'), list(draft.bases.map((base) => base.repo))],
    [t('inventory.card.fact.task'), orNone(draft.fields.task)],
    [t('inventory.card.fact.languages'), list(draft.languages)],
    [t('inventory.card.fact.datasets'), list(draft.datasets)],
    [t('inventory.card.fact.tags'), list(draft.tags)],
  ];
  return <FactTable caption={t('inventory.card.inCard')} rows={rows} />;
}

/** What the form will be filled with. */
function FormFacts({ draft }: { draft: ModelCardDraft }) {
  const { fields } = draft;
  const rows: [string, string][] = [
    [
      t('inventory.form.provider'),
      draft.provider?.name ??
        (draft.providerName ? t('inventory.card.notInInventory', { name: draft.providerName }) : t('inventory.none')),
    ],
    [t('inventory.form.family'), orNone(fields.familyName)],
    [t('inventory.form.versionName'), orNone(fields.versionName)],
    [t('inventory.form.supplier'), orNone(fields.supplier)],
    [t('inventory.form.distribution'), fields.distribution ? distributionLabels[fields.distribution] : t('inventory.none')],
    [t('inventory.form.huggingFaceRepo'), orNone(fields.huggingFaceRepo)],
    [t('inventory.form.parameters'), fields.parameterCount == null ? t('inventory.none') : formatNumber(fields.parameterCount)],
    [t('inventory.form.modalities'), list((fields.modalities ?? []).map((modality) => modalityLabels[modality]))],
    [t('inventory.form.task'), orNone(fields.task)],
    [
      t('inventory.form.declaredLicense'),
      fields.declaredLicense
        ? draft.licenseInCatalog
          ? fields.declaredLicense
          : t('inventory.card.notInCatalog', { license: fields.declaredLicense })
        : t('inventory.none'),
    ],
    [
      t('inventory.card.fact.bases'),
      list(
        draft.bases.flatMap((base) =>
          base.modelVersion
            ? [
                t('inventory.card.base', {
                  title: versionTitle(base.modelVersion),
                  relation: base.relation ? lineageRelationLabels[base.relation] : t('inventory.card.relationToChoose'),
                }),
              ]
            : [],
        ),
      ),
    ],
  ];
  return <FactTable caption={t('inventory.card.willFill')} rows={rows} />;
}

/** A handful of facts read from the card, one per row: a plain table, not a list of records. */
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
export function ModelCardImport({
  onUse,
  onTextChange,
}: {
  onUse: (draft: ModelCardDraft) => void;
  /** Whether a card's text is pasted and not yet used, so the form can warn before it is lost. */
  onTextChange?: (entered: boolean) => void;
}) {
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
  const changeText = (next: string) => {
    setText(next);
    setSubmitted(null);
    onTextChange?.(next.trim() !== '');
  };
  const readFile = async (picked: File | null) => {
    setFile(picked);
    if (!picked) return;
    if (picked.size > MAX_CARD_LENGTH * 4) return setLocalError({ text: t('inventory.card.fileTooLarge') });
    changeText(await picked.text());
  };
  const preview = () => {
    const repo = repoId.trim();
    const errors: { text?: string; repoId?: string } = {};
    if (text.trim() === '') errors.text = t('inventory.card.textMissing');
    else if (text.length > MAX_CARD_LENGTH) errors.text = t('inventory.card.textTooLong', { max: MAX_CARD_LENGTH });
    if (repo !== '' && !REPO_PATTERN.test(repo)) errors.repoId = t('inventory.card.repoInvalid');
    setLocalError(errors);
    if (errors.text || errors.repoId) return;
    setSubmitted({ text, repoId: repo === '' ? null : repo });
  };

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('inventory.card.open')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('inventory.card.open')} size="80rem" trapFocus>
        <Stack>
          <Text size="sm">{t('inventory.card.intro')}</Text>
          <Group grow align="flex-start">
            <TextInput
              label={t('inventory.form.huggingFaceRepo')}
              description={t('inventory.card.repoDescription')}
              placeholder={t('inventory.card.repoPlaceholder')}
              value={repoId}
              onChange={(event) => {
                setRepoId(event.currentTarget.value);
                setSubmitted(null);
              }}
              error={localError.repoId ?? serverErrors.repoId}
            />
            <FileInput
              label={t('inventory.card.file')}
              placeholder={t('inventory.card.filePlaceholder')}
              accept=".md,text/markdown,text/plain"
              value={file}
              onChange={(picked) => void readFile(picked)}
              clearable
            />
          </Group>
          <Textarea
            label={t('inventory.card.text')}
            autosize
            minRows={6}
            maxRows={14}
            value={text}
            onChange={(event) => changeText(event.currentTarget.value)}
            error={localError.text ?? serverErrors.text}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Group justify="flex-end">
            <Button variant="light" onClick={preview} loading={draft.isFetching}>
              {t('inventory.card.preview')}
            </Button>
          </Group>
          {draft.isError && Object.keys(serverErrors).length === 0 && (
            <Alert color="red" title={t('inventory.card.readFailed')} role="alert">
              {draft.error.message}
            </Alert>
          )}
          {draft.data && (
            <Stack gap="sm" aria-label={t('inventory.card.preview')} role="region">
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <CardFacts draft={draft.data} />
                <FormFacts draft={draft.data} />
              </SimpleGrid>
              {(draft.data.notes.length > 0 || draft.data.bases.some((base) => !base.modelVersion)) && (
                <Alert color="yellow" title={t('inventory.card.check')}>
                  <List size="sm">
                    {draft.data.notes.map((note) => (
                      <List.Item key={note}>{note}</List.Item>
                    ))}
                    {draft.data.bases
                      .filter((base) => !base.modelVersion)
                      .map((base) => (
                        <List.Item key={base.repo}>{t('inventory.card.baseMissing', { repo: base.repo })}</List.Item>
                      ))}
                  </List>
                </Alert>
              )}
              {!draft.data.licenseInCatalog && draft.data.fields.declaredLicense && (
                <Badge color="orange" variant="light">
                  {t('inventory.card.licenseNotInCatalog', { license: draft.data.fields.declaredLicense })}
                </Badge>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('inventory.cancel')}
                </Button>
                <Button
                  onClick={() => {
                    onUse(draft.data);
                    onTextChange?.(false);
                    close();
                  }}
                >
                  {t('inventory.card.use')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Modal>
    </>
  );
}

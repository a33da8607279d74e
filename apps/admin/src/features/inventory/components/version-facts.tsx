import { Anchor, Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links';
import type { ReactNode } from 'react';
import { DateTime } from '../../../components/date-time';
import { formatNumber } from '../../../i18n/format';
import type { ModelVersionDetailQuery } from '../../../gql/graphql';
import { channelLabels, countryLabel, distributionLabels, formatCount, formatList, modalityLabels } from '../labels';
import { t } from '../messages';
import { CalendarDay } from './calendar-day';

export type VersionDetail = ModelVersionDetailQuery['modelVersion'];

function ExternalLink({ href, children }: { href: string | null; children?: ReactNode }) {
  if (!href) return <>{t('inventory.none')}</>;
  return (
    <Anchor href={href} target="_blank" rel="noreferrer noopener">
      {children ?? href}
    </Anchor>
  );
}

const orNone = (value: string | null | undefined) => value ?? t('inventory.none');

function factRows(version: VersionDetail): [string, ReactNode][] {
  return [
    [
      t('inventory.facts.provider'),
      <AnchorLink key="provider" to="/inventory/providers/$providerId" params={{ providerId: version.provider.id }}>
        {version.provider.name}
      </AnchorLink>,
    ],
    [t('inventory.facts.family'), version.familyName],
    [t('inventory.facts.version'), version.versionName],
    [t('inventory.facts.key'), <Code key="key">{version.key}</Code>],
    [t('inventory.facts.supplier'), version.supplier],
    [t('inventory.facts.distribution'), distributionLabels[version.distribution]],
    [t('inventory.facts.developerCountry'), countryLabel(version.developerCountry)],
    [t('inventory.facts.source'), <ExternalLink key="source" href={version.sourceUrl} />],
    [
      t('inventory.facts.huggingFaceRepo'),
      version.huggingFaceRepo ? (
        <ExternalLink key="hf" href={`https://huggingface.co/${version.huggingFaceRepo}`}>
          {version.huggingFaceRepo}
        </ExternalLink>
      ) : (
        t('inventory.none')
      ),
    ],
    [t('inventory.facts.revision'), orNone(version.revision)],
    [
      t('inventory.facts.weightsSha256'),
      version.weightsSha256 ? <Code key="sha">{version.weightsSha256}</Code> : t('inventory.none'),
    ],
    [t('inventory.facts.releaseDate'), <CalendarDay key="release" value={version.releaseDate} />],
    [
      t('inventory.facts.parameters'),
      version.parameterCount
        ? t('inventory.facts.parametersValue', {
            short: formatCount(version.parameterCount),
            exact: formatNumber(version.parameterCount),
          })
        : t('inventory.none'),
    ],
    [t('inventory.facts.modalities'), formatList(version.modalities.map((modality) => modalityLabels[modality]))],
    [
      t('inventory.facts.contextLength'),
      version.contextLength ? t('inventory.facts.contextLengthValue', { tokens: version.contextLength }) : t('inventory.none'),
    ],
    [t('inventory.facts.task'), orNone(version.task)],
    [t('inventory.facts.modelCard'), <ExternalLink key="card" href={version.modelCardUrl} />],
    [t('inventory.facts.trainingData'), <ExternalLink key="training" href={version.trainingDataUrl} />],
    [t('inventory.facts.intendedUse'), orNone(version.intendedUse)],
    [t('inventory.facts.limitations'), orNone(version.limitations)],
    [
      t('inventory.facts.verified'),
      version.verified ? (
        t('inventory.facts.verifiedYes')
      ) : (
        <Badge key="verified" color="orange" variant="light" tt="none">
          {t('inventory.facts.verifiedNo')}
        </Badge>
      ),
    ],
    [t('inventory.facts.updatedAt'), <DateTime key="updated" value={version.updatedAt} />],
  ];
}

/**
 * Every recorded fact of the version, with links to where each comes from. A table of facts, one per row (not a
 * list of records), so it stays a plain two-column table rather than a `DataTable`.
 */
export function VersionFacts({ version }: { version: VersionDetail }) {
  return (
    <Table variant="vertical" withTableBorder layout="fixed" aria-label={t('inventory.facts.label')}>
      <Table.Tbody>
        {factRows(version).map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={200}>{label}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }}>
              {typeof value === 'string' ? <Text size="sm">{value}</Text> : value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The latest retirement in the version's history: who retired it and through which channel. */
function retirement(version: VersionDetail) {
  return version.history.find((entry) => entry.action.endsWith('.retire')) ?? null;
}

/** The version's status under its title: retired when, by whom, and what that means. */
export function VersionBadges({ version }: { version: VersionDetail }) {
  if (!version.retiredAt) return null;
  const retired = retirement(version);
  return (
    <Stack gap={4} align="flex-start">
      <Group gap="xs">
        <Badge color="gray" tt="none">
          {t('inventory.status.retired')} <DateTime value={version.retiredAt} format="day" />
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" data-testid="retired-why">
        {retired
          ? t('inventory.detail.retiredBy', {
              actor: retired.actorLabel ?? t('inventory.history.system'),
              channel: channelLabels[retired.channel] ?? retired.channel,
            })
          : t('inventory.detail.retiredMeaning')}
      </Text>
    </Stack>
  );
}

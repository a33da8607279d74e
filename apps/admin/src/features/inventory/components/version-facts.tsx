import { Anchor, Badge, Code, Group, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links';
import type { ReactNode } from 'react';
import type { ModelVersionDetailQuery } from '../../../gql/graphql';
import { countryLabel, distributionLabels, formatCount, modalityLabels } from '../labels';

export type VersionDetail = ModelVersionDetailQuery['modelVersion'];

function ExternalLink({ href, children }: { href: string | null; children?: ReactNode }) {
  if (!href) return <>—</>;
  return (
    <Anchor href={href} target="_blank" rel="noreferrer noopener">
      {children ?? href}
    </Anchor>
  );
}

function factRows(version: VersionDetail): [string, ReactNode][] {
  return [
    [
      'Provider',
      <AnchorLink key="provider" to="/inventory/providers/$providerId" params={{ providerId: version.provider.id }}>
        {version.provider.name}
      </AnchorLink>,
    ],
    ['Family', version.familyName],
    ['Version', version.versionName],
    ['Key', <Code key="key">{version.key}</Code>],
    ['Supplier', version.supplier],
    ['Distribution', distributionLabels[version.distribution]],
    ['Developer country', countryLabel(version.developerCountry)],
    ['Source', <ExternalLink key="source" href={version.sourceUrl} />],
    [
      'Hugging Face repository',
      version.huggingFaceRepo ? (
        <ExternalLink key="hf" href={`https://huggingface.co/${version.huggingFaceRepo}`}>
          {version.huggingFaceRepo}
        </ExternalLink>
      ) : (
        '—'
      ),
    ],
    ['Revision', version.revision ?? '—'],
    ['Weights SHA-256', version.weightsSha256 ? <Code key="sha">{version.weightsSha256}</Code> : '—'],
    ['Release date', version.releaseDate ?? '—'],
    [
      'Parameters',
      version.parameterCount ? `${formatCount(version.parameterCount)} (${version.parameterCount.toLocaleString('en')})` : '—',
    ],
    ['Modalities', version.modalities.map((modality) => modalityLabels[modality]).join(', ')],
    ['Context length', version.contextLength ? `${version.contextLength.toLocaleString('en')} tokens` : '—'],
    ['Task', version.task ?? '—'],
    ['Model card', <ExternalLink key="card" href={version.modelCardUrl} />],
    ['Training data', <ExternalLink key="training" href={version.trainingDataUrl} />],
    ['Intended use', version.intendedUse ?? '—'],
    ['Limitations', version.limitations ?? '—'],
    [
      'Verified',
      version.verified ? (
        'Every fact confirmed from its source'
      ) : (
        <Badge key="verified" color="orange" variant="light" tt="none">
          Some facts not confirmed from their source
        </Badge>
      ),
    ],
    ['Last updated', new Date(version.updatedAt).toISOString().slice(0, 10)],
  ];
}

/** Every recorded fact of the version, with links to where each comes from. */
export function VersionFacts({ version }: { version: VersionDetail }) {
  return (
    <Table variant="vertical" withTableBorder layout="fixed" aria-label="Facts">
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

export function VersionBadges({ version }: { version: VersionDetail }) {
  return (
    <Group gap="xs">
      {version.retiredAt && (
        <Badge color="gray" tt="none">
          Retired {version.retiredAt.slice(0, 10)}
        </Badge>
      )}
    </Group>
  );
}

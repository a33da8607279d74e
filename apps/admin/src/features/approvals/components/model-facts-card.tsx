import { Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../../components/router-links';
import type { CommercialUse, Distribution, LicenseClass } from '../../../gql/graphql';
import {
  commercialUseLabels,
  countryLabel,
  distributionLabels,
  licenseClassColors,
  licenseClassLabels,
  versionTitle,
} from '../../inventory/labels';

/** The facts an approver weighs: what the request and the detail queries both select. */
export type ModelFacts = {
  id: string;
  familyName: string;
  versionName: string;
  provider: { id: string; name: string };
  distribution: Distribution;
  developerCountry: string;
  effectiveOrigin: readonly string[];
  weightsSha256?: string | null;
  declaredLicense?: string | null;
  concludedLicense?: string | null;
  licenseClass: LicenseClass;
  obligations: {
    commercialUse: CommercialUse;
    userCap?: number | null;
    attributionRequired: boolean;
    researchOnly: boolean;
    shareAlike: boolean;
    incomplete: boolean;
  };
};

function licenseTerms(obligations: ModelFacts['obligations']): string[] {
  const terms = [commercialUseLabels[obligations.commercialUse]];
  if (obligations.userCap) terms.push(`separate agreement above ${obligations.userCap.toLocaleString('en')} monthly users`);
  if (obligations.attributionRequired) terms.push('attribution required');
  if (obligations.researchOnly) terms.push('research only');
  if (obligations.shareAlike) terms.push('share-alike');
  if (obligations.incomplete) terms.push('some terms in the lineage unknown');
  return terms;
}

/** The model's provenance, license and weights, as a compact card beside a request or its reviews. */
export function ModelFactsCard({ model }: { model: ModelFacts }) {
  const foreignOrigin = model.effectiveOrigin.filter((country) => country !== model.developerCountry);
  const rows: [string, ReactNode][] = [
    ['Provider', model.provider.name],
    ['Distribution', distributionLabels[model.distribution]],
    ['Developer country', countryLabel(model.developerCountry)],
    [
      'Effective origin',
      <Text key="origin" size="sm">
        {model.effectiveOrigin.map(countryLabel).join(', ') || '—'}
        {foreignOrigin.length > 0 && (
          <Text span size="xs" c="dimmed">
            {' '}
            (through its base models)
          </Text>
        )}
      </Text>,
    ],
    [
      'License',
      <Stack key="license" gap={4}>
        <Group gap="xs">
          <Text size="sm">{model.concludedLicense ?? model.declaredLicense ?? 'No license recorded'}</Text>
          <Badge color={licenseClassColors[model.licenseClass]} variant="light" tt="none">
            {licenseClassLabels[model.licenseClass]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {licenseTerms(model.obligations).join('; ')}
        </Text>
      </Stack>,
    ],
    [
      'Weights SHA-256',
      model.weightsSha256 ? (
        <Code key="sha" style={{ wordBreak: 'break-all' }}>
          {model.weightsSha256}
        </Code>
      ) : (
        <Text key="sha" size="sm" c="orange">
          Not recorded: an approval cannot be pinned to these weights
        </Text>
      ),
    ],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="model-facts-heading">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="model-facts-heading">
            {versionTitle(model)}
          </Title>
          <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: model.id }} size="sm">
            All facts
          </AnchorLink>
        </Group>
        <Table variant="vertical" layout="fixed" aria-label="Model facts">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={150}>{label}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  {typeof value === 'string' ? <Text size="sm">{value}</Text> : value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

import { Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../../components/router-links';
import type { CommercialUse, Distribution, LicenseClass } from '../../../gql/graphql';
import { formatCountry, formatNumber } from '../../../i18n/format';
import {
  commercialUseLabels,
  distributionLabels,
  licenseClassColors,
  licenseClassLabels,
  versionTitle,
} from '../../inventory/labels';
import { listOf } from '../labels';
import { t } from '../messages';

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
  if (obligations.userCap) terms.push(t('approvals.facts.terms.userCap', { users: formatNumber(obligations.userCap) }));
  if (obligations.attributionRequired) terms.push(t('approvals.facts.terms.attribution'));
  if (obligations.researchOnly) terms.push(t('approvals.facts.terms.researchOnly'));
  if (obligations.shareAlike) terms.push(t('approvals.facts.terms.shareAlike'));
  if (obligations.incomplete) terms.push(t('approvals.facts.terms.incomplete'));
  return terms;
}

/** The model's provenance, license and weights, as a compact card beside a request or its reviews. */
export function ModelFactsCard({ model }: { model: ModelFacts }) {
  const foreignOrigin = model.effectiveOrigin.filter((country) => country !== model.developerCountry);
  const rows: [string, ReactNode][] = [
    [t('approvals.facts.provider'), model.provider.name],
    [t('approvals.facts.distribution'), distributionLabels[model.distribution]],
    [t('approvals.facts.developerCountry'), formatCountry(model.developerCountry)],
    [
      t('approvals.facts.effectiveOrigin'),
      <Text key="origin" size="sm">
        {listOf(model.effectiveOrigin.map((code) => formatCountry(code))) || t('approvals.none')}
        {foreignOrigin.length > 0 && (
          <Text span size="xs" c="dimmed">
            {' '}
            {t('approvals.facts.throughBaseModels')}
          </Text>
        )}
      </Text>,
    ],
    [
      t('approvals.facts.license'),
      <Stack key="license" gap={4}>
        <Group gap="xs">
          <Text size="sm">{model.concludedLicense ?? model.declaredLicense ?? t('approvals.facts.noLicense')}</Text>
          <Badge color={licenseClassColors[model.licenseClass]} variant="light" tt="none">
            {licenseClassLabels[model.licenseClass]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('approvals.facts.terms', { terms: licenseTerms(model.obligations).join('; ') })}
        </Text>
      </Stack>,
    ],
    [
      t('approvals.facts.weights'),
      model.weightsSha256 ? (
        <Code key="sha" style={{ wordBreak: 'break-all' }}>
          {model.weightsSha256}
        </Code>
      ) : (
        <Text key="sha" size="sm" c="orange">
          {t('approvals.facts.weightsMissing')}
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
            {t('approvals.facts.allFacts')}
          </AnchorLink>
        </Group>
        <Table variant="vertical" layout="fixed" aria-label={t('approvals.facts.label')}>
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

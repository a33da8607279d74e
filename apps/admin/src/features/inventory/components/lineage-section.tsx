import { AnchorLink } from '../../../components/router-links';
import { Alert, Badge, List, Stack, Text, Title } from '@mantine/core';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { EmptyState } from '../../../components/page-states';
import { describeObligations, effectiveOriginReason } from '../explanations';
import { countryLabel, formatList, lineageRelationLabels, versionTitle } from '../labels';
import { t } from '../messages';
import type { VersionDetail } from './version-facts';

type LineageLink = VersionDetail['bases'][number];

function lineageColumns(): DataColumn<LineageLink>[] {
  return [
    {
      id: 'version',
      header: t('inventory.lineage.column.version'),
      value: (link) => versionTitle(link.modelVersion),
      cell: (link) => (
        <AnchorLink to="/inventory/versions/$versionId" params={{ versionId: link.modelVersion.id }}>
          {versionTitle(link.modelVersion)}
        </AnchorLink>
      ),
      hideable: false,
    },
    { id: 'relation', header: t('inventory.lineage.column.relation'), value: (link) => lineageRelationLabels[link.relation] },
    {
      id: 'developerCountry',
      header: t('inventory.lineage.column.developerCountry'),
      value: (link) => countryLabel(link.modelVersion.developerCountry),
    },
    {
      id: 'effectiveOrigin',
      header: t('inventory.lineage.column.effectiveOrigin'),
      value: (link) => formatList(link.modelVersion.effectiveOrigin.map(countryLabel)),
      sortable: false,
    },
  ];
}

function LineageTable({ id, label, links }: { id: string; label: string; links: readonly LineageLink[] }) {
  return (
    <DataTable
      id={id}
      label={label}
      columns={lineageColumns()}
      rows={links}
      rowKey={(link) => link.modelVersion.id}
      empty={<EmptyState title={t('inventory.lineage.none')} />}
      minWidth={560}
    />
  );
}

/** Bases and derivatives, the effective origin they add up to, and why it may differ or be incomplete. */
export function LineageSection({ version }: { version: VersionDetail }) {
  const reasons = effectiveOriginReason(version);
  return (
    <Stack component="section" aria-labelledby="lineage-heading">
      <Title order={2} size="h3" id="lineage-heading">
        {t('inventory.lineage.heading')}
      </Title>
      <Text size="sm">
        <Text span fw={500}>
          {t('inventory.lineage.effectiveOrigin')}
        </Text>{' '}
        {formatList(version.effectiveOrigin.map(countryLabel)) || t('inventory.none')}{' '}
        {reasons.length > 0 && (
          <Badge size="xs" color="orange" variant="outline" tt="none">
            {t('inventory.origin.differsFromDeveloperBadge')}
          </Badge>
        )}
      </Text>
      {reasons.length > 0 && (
        <List size="sm" data-testid="effective-origin-why">
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
      <Text size="sm" c="dimmed">
        {t('inventory.lineage.explanation')}
      </Text>
      {version.lineageProblem && (
        <Alert color="orange" title={t('inventory.lineage.problem')} role="alert">
          {version.lineageProblem}
        </Alert>
      )}
      <Title order={3} size="h5">
        {t('inventory.lineage.bases')}
      </Title>
      <LineageTable id="lineage-bases" label={t('inventory.lineage.basesLabel')} links={version.bases} />
      <Title order={3} size="h5">
        {t('inventory.lineage.derivatives')}
      </Title>
      <LineageTable id="lineage-derivatives" label={t('inventory.lineage.derivativesLabel')} links={version.derivatives} />
    </Stack>
  );
}

/** The obligations of this version's license combined with every base's. */
export function ObligationsSection({ obligations }: { obligations: VersionDetail['obligations'] }) {
  const items = describeObligations(obligations);
  return (
    <Stack component="section" aria-labelledby="obligations-heading">
      <Title order={2} size="h3" id="obligations-heading">
        {t('inventory.obligations.heading')}
      </Title>
      {obligations.incomplete && (
        <Alert color="orange" role="alert" title={t('inventory.obligations.incomplete.title')}>
          {t('inventory.obligations.incomplete.body')}
        </Alert>
      )}
      <List size="sm">
        {items.map((item) => (
          <List.Item key={item}>{item}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

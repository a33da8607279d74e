import { Alert, Anchor, Code, List, Stack, Table, Text, Title } from '@mantine/core';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { EmptyState } from '../../../components/page-states';
import { describeTerms, licenseClassReason } from '../explanations';
import { formatList, licenseClassLabels } from '../labels';
import { t } from '../messages';
import { CalendarDay } from './calendar-day';
import { LicenseClassBadge } from './license-class-badge';
import type { VersionDetail } from './version-facts';

type CatalogLicense = VersionDetail['licenses'][number];
type HistoryEntry = VersionDetail['licenseHistory'][number];

export { describeTerms } from '../explanations';

function CatalogEntry({ license }: { license: CatalogLicense }) {
  return (
    <Stack gap={4}>
      <Text fw={500}>
        {license.licenseVersion
          ? t('inventory.license.nameWithVersion', { name: license.name, version: license.licenseVersion })
          : license.name}{' '}
        <Code>{license.licenseId}</Code> <LicenseClassBadge licenseClass={license.licenseClass} />
      </Text>
      <List size="sm">
        {describeTerms(license.terms).map((sentence) => (
          <List.Item key={sentence}>{sentence}</List.Item>
        ))}
      </List>
      {license.url && (
        <Anchor href={license.url} target="_blank" rel="noreferrer noopener" size="sm">
          {t('inventory.license.text')}
        </Anchor>
      )}
    </Stack>
  );
}

function historyColumns(): DataColumn<HistoryEntry>[] {
  return [
    {
      id: 'effectiveFrom',
      header: t('inventory.license.history.effectiveFrom'),
      value: (entry) => entry.effectiveFrom,
      cell: (entry) => <CalendarDay value={entry.effectiveFrom} />,
      hideable: false,
    },
    { id: 'declared', header: t('inventory.license.history.declared'), value: (entry) => entry.declaredLicense },
    {
      id: 'concluded',
      header: t('inventory.license.history.concluded'),
      value: (entry) => entry.concludedLicense ?? t('inventory.license.history.notReviewed'),
    },
    { id: 'note', header: t('inventory.license.history.note'), value: (entry) => entry.note, sortable: false },
    {
      id: 'recordedAt',
      header: t('inventory.license.history.recorded'),
      value: (entry) => entry.recordedAt,
      cell: (entry) => <DateTime value={entry.recordedAt} />,
    },
  ];
}

/** Whether the lineage's class is the version's own license's, or a base's license made it stricter. */
function classAndBases(version: VersionDetail): string {
  const own = version.licenses.map((license) => license.licenseClass);
  if (own.length === 0 || own.includes(version.licenseClass)) return t('inventory.license.classIncludesBases');
  return t('inventory.license.classFromBases', { own: formatList([...new Set(own)].map((value) => licenseClassLabels[value])) });
}

/** Current declared and concluded license, what the catalog says about each, and the history. */
export function LicenseSection({ version }: { version: VersionDetail }) {
  return (
    <Stack component="section" aria-labelledby="license-heading">
      <Title order={2} size="h3" id="license-heading">
        {t('inventory.license.heading')}
      </Title>
      {/* Three facts of the version: a plain table, not a list of records. */}
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('inventory.license.declared')}</Table.Th>
            <Table.Td>{version.declaredLicense}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('inventory.license.concluded')}</Table.Th>
            <Table.Td>{version.concludedLicense ?? t('inventory.license.notReviewedYet')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('inventory.license.classAlongLineage')}</Table.Th>
            <Table.Td>
              <Stack gap={4} align="flex-start">
                <LicenseClassBadge licenseClass={version.licenseClass} />
                <Text size="sm" c="dimmed" data-testid="license-class-why">
                  {licenseClassReason(version.licenseClass, version.obligations)}
                  {version.bases.length > 0 && ` ${classAndBases(version)}`}
                </Text>
              </Stack>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {version.uncataloguedLicenseIds.length > 0 && (
        <Alert color="orange" title={t('inventory.license.uncatalogued.title')} role="alert">
          {t('inventory.license.uncatalogued.body', {
            ids: formatList(version.uncataloguedLicenseIds),
          })}
        </Alert>
      )}
      {version.licenses.map((license) => (
        <CatalogEntry key={license.id} license={license} />
      ))}
      <Title order={3} size="h5">
        {t('inventory.license.history.heading')}
      </Title>
      <DataTable
        id="license-history"
        label={t('inventory.license.history.heading')}
        columns={historyColumns()}
        rows={version.licenseHistory}
        rowKey={(entry) => entry.id}
        empty={<EmptyState title={t('inventory.license.history.empty')} />}
      />
    </Stack>
  );
}

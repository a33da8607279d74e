import { Badge, Group, Stack, Text } from '@mantine/core';
import type { DataColumn } from '../../../components/data-table/data-table';
import { DateTime } from '../../../components/date-time';
import { AnchorLink } from '../../../components/router-links';
import type { ModelVersionRowFragment } from '../../../gql/graphql';
import { describeForeignOrigin, foreignOrigins, licenseClassReason, termsLine } from '../explanations';
import { countryLabel, distributionLabels, formatCount, formatList, licenseClassLabels, versionTitle } from '../labels';
import { t } from '../messages';
import { CalendarDay } from './calendar-day';
import { LicenseClassBadge } from './license-class-badge';

export type VersionRow = ModelVersionRowFragment;

/** The license's catalog name(s), e.g. "Apache License 2.0"; the SPDX expression when the catalog has none. */
export function licenseName(row: VersionRow): string {
  const expression = row.concludedLicense ?? row.declaredLicense;
  if (row.licenses.length === 0) return expression;
  return formatList(
    row.licenses.map((license) =>
      license.licenseVersion
        ? t('inventory.license.nameWithVersion', { name: license.name, version: license.licenseVersion })
        : license.name,
    ),
  );
}

/** The license as the CSV holds it: names, expression, class and terms in one cell. */
function licenseText(row: VersionRow): string {
  return t('inventory.list.licenseCsv', {
    name: licenseName(row),
    expression: row.concludedLicense ?? row.declaredLicense,
    licenseClass: licenseClassLabels[row.licenseClass],
    terms: termsLine(row.obligations),
  });
}

function NameCell({ row }: { row: VersionRow }) {
  const title = versionTitle(row);
  return (
    <Stack gap={2} align="flex-start">
      {/* Long names wrap (at any character) over at most three lines; the whole name is one hover away. */}
      <AnchorLink
        to="/inventory/versions/$versionId"
        params={{ versionId: row.id }}
        fw={500}
        size="sm"
        lineClamp={3}
        title={title}
        style={{ overflowWrap: 'anywhere' }}
      >
        {title}
      </AnchorLink>
      {row.retiredAt && (
        <Group gap={6} wrap="wrap">
          <Badge size="xs" color="gray">
            {t('inventory.status.retired')}
          </Badge>
          <Text span size="xs" c="dimmed">
            <DateTime value={row.retiredAt} format="day" />
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function EffectiveOrigin({ row }: { row: VersionRow }) {
  const foreign = foreignOrigins(row);
  return (
    <Stack gap={2}>
      <Text size="sm">{formatList(row.effectiveOrigin.map(countryLabel)) || t('inventory.none')}</Text>
      {foreign.length > 0 && (
        <>
          <Badge size="xs" color="orange" variant="outline" tt="none">
            {t('inventory.origin.differs')}
            <span className="visually-hidden">{` ${t('inventory.origin.differsFromDeveloper')}`}</span>
          </Badge>
          {/* Why: which countries its bases bring, and through which base. */}
          {foreign.map((origin) => (
            <Text key={origin.country} size="xs" c="dimmed" title={describeForeignOrigin(origin)}>
              {origin.through.length > 0
                ? t('inventory.origin.short', {
                    country: origin.country,
                    bases: formatList(origin.through.map((base) => base.title)),
                  })
                : t('inventory.origin.shortFromLineage', { country: origin.country })}
            </Text>
          ))}
        </>
      )}
    </Stack>
  );
}

function LicenseCell({ row }: { row: VersionRow }) {
  const expression = row.concludedLicense ?? row.declaredLicense;
  return (
    <Stack gap={2}>
      <Text size="sm" lineClamp={2} title={expression} style={{ overflowWrap: 'anywhere' }}>
        {licenseName(row)}
        {row.concludedLicense && row.concludedLicense !== row.declaredLicense && (
          <Text span size="xs" c="dimmed">
            {' '}
            {t('inventory.list.declaredAs', { license: row.declaredLicense })}
          </Text>
        )}
      </Text>
      <Group gap={4}>
        <LicenseClassBadge
          licenseClass={row.licenseClass}
          reason={licenseClassReason(row.licenseClass, row.obligations)}
          size="sm"
        />
      </Group>
      <Text size="xs" c="dimmed" data-testid="license-terms">
        {termsLine(row.obligations)}
      </Text>
    </Stack>
  );
}

/**
 * The inventory list's columns. Those the server can sort by (`versionSortFields`) sort it; the rest do not
 * sort, since the rows arrive a page at a time in the server's order.
 */
export function versionColumns(): DataColumn<VersionRow>[] {
  return [
    {
      id: 'name',
      header: t('inventory.list.column.version'),
      value: versionTitle,
      cell: (row) => <NameCell row={row} />,
      hideable: false,
      width: '18%',
    },
    {
      id: 'provider',
      header: t('inventory.list.column.provider'),
      value: (row) => row.provider.name,
      width: '13%',
    },
    {
      id: 'developerCountry',
      header: t('inventory.list.column.developerCountry'),
      value: (row) => countryLabel(row.developerCountry),
      sortable: false,
      width: '12%',
    },
    {
      id: 'effectiveOrigin',
      header: t('inventory.list.column.effectiveOrigin'),
      value: (row) => [formatList(row.effectiveOrigin), ...foreignOrigins(row).map(describeForeignOrigin)].join('; '),
      cell: (row) => <EffectiveOrigin row={row} />,
      sortable: false,
      width: '11.5%',
    },
    {
      id: 'distribution',
      header: t('inventory.list.column.distribution'),
      value: (row) => distributionLabels[row.distribution],
      sortable: false,
      width: '14%',
    },
    {
      id: 'license',
      header: t('inventory.list.column.license'),
      value: licenseText,
      cell: (row) => <LicenseCell row={row} />,
      sortable: false,
      width: '17.5%',
    },
    {
      id: 'deployments',
      header: t('inventory.list.column.deployments'),
      value: (row) => row.deploymentCount,
      sortable: false,
      align: 'right',
      width: '14%',
    },
    {
      id: 'releaseDate',
      header: t('inventory.list.column.releaseDate'),
      value: (row) => row.releaseDate,
      cell: (row) => <CalendarDay value={row.releaseDate} />,
      defaultHidden: true,
      width: '11%',
    },
    {
      id: 'parameters',
      header: t('inventory.list.column.parameters'),
      value: (row) => row.parameterCount,
      cell: (row) => formatCount(row.parameterCount),
      defaultHidden: true,
      align: 'right',
      width: '10%',
    },
    {
      id: 'updatedAt',
      header: t('inventory.list.column.updatedAt'),
      value: (row) => row.updatedAt,
      cell: (row) => <DateTime value={row.updatedAt} format="day" />,
      defaultHidden: true,
      width: '11%',
    },
  ];
}

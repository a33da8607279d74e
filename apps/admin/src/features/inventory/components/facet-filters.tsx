import { Badge, Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ModelVersionFacetsQuery } from '../../../gql/graphql';
import {
  approvalStateLabels,
  countryLabel,
  dataClassificationLabels,
  distributionLabels,
  environmentLabels,
  hostingModeLabels,
  licenseClassLabels,
} from '../labels';
import { t } from '../messages';
import type { FacetKey, InventorySearch } from '../search';

type Facets = ModelVersionFacetsQuery['modelVersions']['facets'];
type FacetCount = Facets['provider'][number];

/** How a value reads: countries as "China (CN)", enums in the app's own words, providers by the server's label. */
type ValueLabel = (value: string, serverLabel: string) => string;

const fromMap =
  (labels: Record<string, string>): ValueLabel =>
  (value, serverLabel) =>
    labels[value] ?? serverLabel;

const facetGroups: { facet: keyof Facets; filter: FacetKey; title: () => string; label: ValueLabel }[] = [
  {
    facet: 'provider',
    filter: 'providerIds',
    title: () => t('inventory.facet.provider'),
    label: (_, serverLabel) => serverLabel,
  },
  {
    facet: 'developerCountry',
    filter: 'developerCountries',
    title: () => t('inventory.facet.developerCountry'),
    label: countryLabel,
  },
  {
    facet: 'effectiveOrigin',
    filter: 'effectiveOrigins',
    title: () => t('inventory.facet.effectiveOrigin'),
    label: countryLabel,
  },
  {
    facet: 'distribution',
    filter: 'distributions',
    title: () => t('inventory.facet.distribution'),
    label: fromMap(distributionLabels),
  },
  {
    facet: 'licenseClass',
    filter: 'licenseClasses',
    title: () => t('inventory.facet.licenseClass'),
    label: fromMap(licenseClassLabels),
  },
  {
    facet: 'hostingMode',
    filter: 'hostingModes',
    title: () => t('inventory.facet.hostingMode'),
    label: fromMap(hostingModeLabels),
  },
  {
    facet: 'environment',
    filter: 'environments',
    title: () => t('inventory.facet.environment'),
    label: fromMap(environmentLabels),
  },
  {
    facet: 'dataClassification',
    filter: 'dataClassifications',
    title: () => t('inventory.facet.dataClassification'),
    label: fromMap(dataClassificationLabels),
  },
  {
    facet: 'approvalState',
    filter: 'approvalStates',
    title: () => t('inventory.facet.approvalState'),
    label: fromMap(approvalStateLabels),
  },
];

function FacetGroup({
  title,
  counts,
  selected,
  label,
  onChange,
}: {
  title: string;
  counts: readonly FacetCount[];
  selected: readonly string[];
  label: ValueLabel;
  onChange: (values: string[]) => void;
}) {
  // A selected value the current counts no longer list stays visible, so it can be unchecked.
  const missing = selected.filter((value) => !counts.some((count) => count.value === value));
  const entries = [...counts, ...missing.map((value) => ({ value, label: value, count: 0 }))];
  if (entries.length === 0) return null;
  return (
    <Checkbox.Group label={title} value={[...selected]} onChange={onChange}>
      {/* 20 px boxes 6 px apart: WCAG 2.2's 24 px target spacing. */}
      <Stack gap={6} mt={4}>
        {entries.map((entry) => (
          <Checkbox
            key={entry.value}
            value={entry.value}
            size="sm"
            label={
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="xs">{label(entry.value, entry.label)}</Text>
                <Badge
                  size="xs"
                  variant="default"
                  style={{ flexShrink: 0 }}
                  aria-label={t('inventory.facet.count', { count: entry.count })}
                >
                  {entry.count}
                </Badge>
              </Group>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/**
 * One checkable group per facet; each count is how many versions the other filters leave for that value. In a
 * column beside the list, or (`grid`) side by side above it on narrower screens.
 */
export function FacetFilters({
  facets,
  search,
  onSearchChange,
  layout = 'column',
}: {
  facets: Facets | undefined;
  search: InventorySearch;
  onSearchChange: (search: InventorySearch) => void;
  layout?: 'column' | 'grid';
}) {
  const groups = facetGroups.map((group) => (
    <FacetGroup
      key={group.facet}
      title={group.title()}
      counts={facets?.[group.facet] ?? []}
      selected={search[group.filter] ?? []}
      label={group.label}
      onChange={(values) => onSearchChange({ ...search, [group.filter]: values.length > 0 ? values : undefined })}
    />
  ));
  return layout === 'grid' ? (
    <SimpleGrid component="section" aria-label={t('inventory.facet.label')} cols={{ base: 1, xs: 2, sm: 3 }} spacing="md">
      {groups}
    </SimpleGrid>
  ) : (
    <Stack component="section" aria-label={t('inventory.facet.label')} gap="md">
      {groups}
    </Stack>
  );
}

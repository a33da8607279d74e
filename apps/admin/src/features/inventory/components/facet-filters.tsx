import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { ModelVersionsQuery } from '../../../gql/graphql';
import { countryLabel } from '../labels';
import type { FacetKey, InventorySearch } from '../search';

type Facets = ModelVersionsQuery['modelVersions']['facets'];
type FacetCount = Facets['provider'][number];

const facetGroups: { facet: keyof Facets; filter: FacetKey; title: string; countries?: boolean }[] = [
  { facet: 'provider', filter: 'providerIds', title: 'Provider' },
  { facet: 'developerCountry', filter: 'developerCountries', title: 'Developer country', countries: true },
  { facet: 'effectiveOrigin', filter: 'effectiveOrigins', title: 'Effective origin', countries: true },
  { facet: 'distribution', filter: 'distributions', title: 'Distribution' },
  { facet: 'licenseClass', filter: 'licenseClasses', title: 'License class' },
  { facet: 'hostingMode', filter: 'hostingModes', title: 'Hosting mode' },
  { facet: 'environment', filter: 'environments', title: 'Environment' },
  { facet: 'dataClassification', filter: 'dataClassifications', title: 'Data class' },
];

function FacetGroup({
  title,
  counts,
  selected,
  countries,
  onChange,
}: {
  title: string;
  counts: readonly FacetCount[];
  selected: readonly string[];
  countries: boolean;
  onChange: (values: string[]) => void;
}) {
  // A selected value the current counts no longer list stays visible, so it can be unchecked.
  const missing = selected.filter((value) => !counts.some((count) => count.value === value));
  const entries = [...counts, ...missing.map((value) => ({ value, label: value, count: 0 }))];
  if (entries.length === 0) return null;
  return (
    <Checkbox.Group label={title} value={[...selected]} onChange={onChange}>
      <Stack gap={4} mt={4}>
        {entries.map((entry) => (
          <Checkbox
            key={entry.value}
            value={entry.value}
            size="xs"
            label={
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="xs">{countries ? countryLabel(entry.value) : entry.label}</Text>
                <Badge size="xs" variant="default" aria-label={`${entry.count} versions`}>
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

/** One checkable group per facet; each count is how many versions the other filters leave for that value. */
export function FacetFilters({
  facets,
  search,
  onSearchChange,
}: {
  facets: Facets | undefined;
  search: InventorySearch;
  onSearchChange: (search: InventorySearch) => void;
}) {
  return (
    <Stack component="section" aria-label="Filters" gap="md">
      {facetGroups.map((group) => (
        <FacetGroup
          key={group.facet}
          title={group.title}
          counts={facets?.[group.facet] ?? []}
          selected={search[group.filter] ?? []}
          countries={group.countries ?? false}
          onChange={(values) => onSearchChange({ ...search, [group.filter]: values.length > 0 ? values : undefined })}
        />
      ))}
    </Stack>
  );
}

import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { versionTitle } from '../labels';
import { t } from '../messages';
import { inventoryQueries } from '../queries';

export type VersionOption = { value: string; label: string };

/**
 * Finds a model version by searching the server (the inventory may hold thousands), keeping the chosen one
 * in the list while the person types something else.
 */
export function ModelVersionSelect({
  value,
  onChange,
  initialOption,
  excludeIds = [],
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (option: VersionOption | null) => void;
  initialOption?: VersionOption;
  excludeIds?: readonly string[];
}) {
  const [selected, setSelected] = useState<VersionOption | null>(initialOption ?? null);
  const [searchText, setSearchText] = useState(initialOption?.label ?? '');
  const [debounced] = useDebouncedValue(searchText === selected?.label ? '' : searchText, 250);
  const options = useQuery(inventoryQueries.versionOptions(debounced));
  const found: VersionOption[] = (options.data ?? []).map((version) => ({
    value: version.id,
    label: t('inventory.versionOption', { title: versionTitle(version), provider: version.provider.name }),
  }));
  const data = [...(selected && !found.some((option) => option.value === selected.value) ? [selected] : []), ...found].filter(
    (option) => !excludeIds.includes(option.value) || option.value === value,
  );

  return (
    <Select
      searchable
      data={data}
      value={value}
      searchValue={searchText}
      onSearchChange={setSearchText}
      // The server already filtered by the search text.
      filter={({ options: all }) => all}
      nothingFoundMessage={
        options.isFetching ? t('inventory.versionSelect.searching') : t('inventory.versionSelect.nothingFound')
      }
      onChange={(next) => {
        const option = data.find((candidate) => candidate.value === next) ?? null;
        setSelected(option);
        onChange(option);
      }}
      {...props}
    />
  );
}

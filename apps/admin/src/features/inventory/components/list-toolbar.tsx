import { Button, Group, Select, Switch, TextInput } from '@mantine/core';
import { ModelVersionSortField, SortDirection } from '@modelgate/domain/inventory';
import { useState, type FormEvent } from 'react';
import { optionsOf, sortFieldLabels } from '../labels';
import type { InventorySearch } from '../search';

const directionOptions = [
  { value: SortDirection.Asc, label: 'Ascending' },
  { value: SortDirection.Desc, label: 'Descending' },
];

/** Free-text search, sort and the retired switch; facets live in the sidebar. */
export function ListToolbar({
  search,
  onSearchChange,
}: {
  search: InventorySearch;
  onSearchChange: (search: InventorySearch) => void;
}) {
  const [text, setText] = useState(search.search ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearchChange({ ...search, search: text.trim() || undefined });
  };
  return (
    <Group align="flex-end" wrap="wrap">
      <Group component="form" onSubmit={submit} align="flex-end" gap="xs" role="search" aria-label="Search model versions">
        <TextInput
          label="Search"
          placeholder="Family, version, provider, repository, task"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={300}
        />
        <Button type="submit" variant="default">
          Search
        </Button>
      </Group>
      <Select
        label="Sort by"
        data={optionsOf(sortFieldLabels)}
        value={search.sort ?? ModelVersionSortField.Name}
        onChange={(value) => onSearchChange({ ...search, sort: value ?? undefined })}
        allowDeselect={false}
        w={160}
      />
      <Select
        label="Order"
        data={directionOptions}
        value={search.direction ?? SortDirection.Asc}
        onChange={(value) => onSearchChange({ ...search, direction: value ?? undefined })}
        allowDeselect={false}
        w={140}
      />
      <Switch
        label="Include retired"
        checked={search.includeRetired ?? false}
        onChange={(event) => onSearchChange({ ...search, includeRetired: event.currentTarget.checked || undefined })}
        mb={8}
      />
    </Group>
  );
}

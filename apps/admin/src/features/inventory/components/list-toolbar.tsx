import { Button, Group, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { t } from '../messages';
import type { InventorySearch } from '../search';

/** Free-text search and the retired switch; the table's headers sort, the facets in the sidebar filter. */
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
      <Group
        component="form"
        onSubmit={submit}
        align="flex-end"
        gap="xs"
        role="search"
        aria-label={t('inventory.list.searchLabel')}
      >
        <TextInput
          label={t('inventory.list.search')}
          placeholder={t('inventory.list.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={300}
        />
        <Button type="submit" variant="default">
          {t('inventory.list.searchButton')}
        </Button>
      </Group>
      <Switch
        label={t('inventory.list.includeRetired')}
        checked={search.includeRetired ?? false}
        onChange={(event) => onSearchChange({ ...search, includeRetired: event.currentTarget.checked || undefined })}
        mb={8}
      />
    </Group>
  );
}

import '@mantine/spotlight/styles.css';
import { Box, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createSpotlight, Spotlight, useSpotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useState } from 'react';
import { useViewer } from '../../session/hooks';
import { t } from '../messages';
import {
  actionEntries,
  filterEntries,
  navigationEntries,
  recentEntries,
  resultEntries,
  type PaletteEntry,
  type PaletteGroup,
  type PaletteViewer,
} from '../palette-items';
import { MIN_SEARCH_LENGTH, searchQueries } from '../queries';
import { rememberRecentItem, useRecentItems } from '../recent-items';

const groupLabels: Record<PaletteGroup, () => string> = {
  results: () => t('search.group.results'),
  recent: () => t('search.group.recent'),
  navigation: () => t('search.group.navigation'),
  actions: () => t('search.group.actions'),
};

/**
 * The order of the groups: with nothing typed, what was opened last comes first; with a query, the app's own pages
 * and actions that match (found at once, so Enter never lands on something that moved) before the server's hits.
 */
const groupOrder = (typed: boolean): PaletteGroup[] =>
  typed ? ['navigation', 'actions', 'results', 'recent'] : ['recent', 'navigation', 'actions'];

function useEntries(viewer: PaletteViewer, query: string) {
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const searching = debounced.length >= MIN_SEARCH_LENGTH;
  const search = useQuery({ ...searchQueries.global(debounced), enabled: searching });
  const recent = useRecentItems(viewer.id);
  const typed = query.trim();

  const groups = useMemo(() => {
    const local: Record<PaletteGroup, PaletteEntry[]> = {
      recent: recentEntries(recent, viewer.roles),
      navigation: navigationEntries(viewer.roles),
      actions: actionEntries(viewer),
      results: searching && typed.length >= MIN_SEARCH_LENGTH ? resultEntries(search.data ?? [], viewer.roles) : [],
    };
    return groupOrder(typed !== '').map((group) => ({
      group,
      entries: group === 'results' ? local.results : filterEntries(local[group], typed),
    }));
  }, [recent, viewer, searching, typed, search.data]);

  const status = (() => {
    if (typed.length < MIN_SEARCH_LENGTH) return t('search.palette.hint');
    if (search.isError) return t('search.palette.failed', { message: search.error.message });
    if (debounced !== typed || search.isFetching) return t('search.palette.searching');
    const count = groups.reduce((sum, { entries }) => sum + entries.length, 0);
    return count === 0 ? t('search.palette.nothing', { query: typed }) : t('search.palette.found', { count, query: typed });
  })();
  return { groups: groups.filter(({ entries }) => entries.length > 0), status };
}

/** Dimmed text that stays readable on the chosen option (Spotlight sets the variable on it). */
const secondary = { color: 'var(--action-description-color, var(--mantine-color-dimmed))' } as const;

function EntryBody({ entry }: { entry: PaletteEntry }) {
  return (
    <Group gap="sm" wrap="nowrap" w="100%" justify="space-between">
      <Box miw={0}>
        <Text size="sm" fw={500} truncate>
          {entry.label}
        </Text>
        {entry.description ? (
          <Text size="xs" style={secondary} truncate>
            {entry.description}
          </Text>
        ) : null}
      </Box>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        {entry.status ? (
          <Text size="xs" fw={700} style={secondary}>
            {entry.status}
          </Text>
        ) : null}
        {entry.tag ? (
          <Text size="xs" style={secondary}>
            {entry.tag}
          </Text>
        ) : null}
      </Group>
    </Group>
  );
}

/**
 * The command palette: the viewer's pages, actions and recent items, and as they type, the server's global search,
 * in one list chosen with the arrow keys and Enter. Mantine's Spotlight gives the dialog and the keys; the roles
 * (a combobox input owning a listbox of options, `aria-activedescendant` on the chosen one) are added here, so a
 * screen reader follows the choice. Loaded on first use, outside the first route's bundle.
 */
export function CommandPalette({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const viewer = useViewer().data;
  if (!viewer) return null;
  return <Palette viewer={viewer} opened={opened} onClose={onClose} />;
}

function Palette({ viewer, opened, onClose }: { viewer: PaletteViewer; opened: boolean; onClose: () => void }) {
  const [[store, controls]] = useState(() => createSpotlight());
  const { selected } = useSpotlight(store);
  const [query, setQuery] = useState('');
  const router = useRouter();
  const listId = `palette-${useId().replace(/:/g, '')}`;
  const statusId = `${listId}-status`;
  const { groups, status } = useEntries(viewer, query);
  const flat = groups.flatMap(({ entries }) => entries);
  // Each group's first position in the whole list: the options' ids and the chosen index count across groups.
  const offsets = groups.map((_, at) => groups.slice(0, at).reduce((sum, { entries }) => sum + entries.length, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    if (opened) controls.open();
    else controls.close();
  }, [opened, controls]);

  // Spotlight's keys look for the options in the list with this id.
  useEffect(() => {
    store.setState((state) => ({ ...state, listId }));
  }, [store, listId]);

  // Whenever the choices change (a keystroke, results arriving), the first one is chosen: Enter opens the top match.
  const signature = flat.map((entry) => entry.key).join('|');
  useEffect(() => {
    store.setState((state) => ({ ...state, selected: signature === '' ? -1 : 0 }));
  }, [store, signature, opened]);

  const choose = (entry: PaletteEntry) => {
    if (entry.remember) rememberRecentItem(viewer.id, entry.remember);
    void router.navigate({ href: entry.url });
  };

  return (
    <Spotlight.Root
      store={store}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      onSpotlightClose={onClose}
      title={t('search.palette.title')}
      // The title names the dialog for assistive technology; the input says what to do.
      styles={{ header: { display: 'none' } }}
    >
      <Spotlight.Search
        aria-label={t('search.palette.input')}
        placeholder={t('search.palette.placeholder')}
        role="combobox"
        aria-expanded={flat.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={statusId}
        aria-activedescendant={selected >= 0 && selected < flat.length ? optionId(selected) : undefined}
        data-autofocus
        data-testid="palette-input"
        // Spotlight moves the choice on ↑ ↓ without telling its subscribers: tell them, so the chosen option's
        // `aria-selected` and the input's `aria-activedescendant` follow.
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp')
            queueMicrotask(() => store.setState((state) => ({ ...state })));
        }}
      />
      <Text id={statusId} role="status" size="xs" c="dimmed" px="md" py={6}>
        {status}
      </Text>
      <Box
        id={listId}
        role="listbox"
        aria-label={t('search.palette.results')}
        px={4}
        pb={4}
        mah="min(55vh, 28rem)"
        style={{ overflowY: 'auto' }}
      >
        {groups.map(({ group, entries }, at) => {
          const labelId = `${listId}-${group}`;
          return (
            <div key={group} role="group" aria-labelledby={labelId}>
              <Text id={labelId} size="xs" fw={700} c="dimmed" px="md" pt="xs" pb={4}>
                {groupLabels[group]()}
              </Text>
              {entries.map((entry, within) => {
                const position = (offsets[at] ?? 0) + within;
                return (
                  <Spotlight.Action
                    key={entry.key}
                    // Spotlight.Action keeps an `id` prop to itself: the option's id (aria-activedescendant) is set here.
                    ref={(node: HTMLButtonElement | null) => node?.setAttribute('id', optionId(position))}
                    role="option"
                    aria-selected={position === selected}
                    data-selected={position === selected || undefined}
                    onClick={() => choose(entry)}
                    onMouseEnter={() => store.setState((state) => ({ ...state, selected: position }))}
                  >
                    <EntryBody entry={entry} />
                  </Spotlight.Action>
                );
              })}
            </div>
          );
        })}
      </Box>
    </Spotlight.Root>
  );
}

import { useNavigate, useSearch } from '@tanstack/react-router';
import { formatTableSort, parseTableSort, type TableSort } from './table-view';

/**
 * A table's sort kept in the page's URL (`?sort=name.desc`), so a sorted view can be reloaded, bookmarked and
 * shared. Pages with several tables give each its own parameter (`peopleSort`, `teamsSort`). The route must let
 * the parameter through: routes without `validateSearch` do; a route that validates its search keeps it there.
 * Changing the sort replaces the history entry rather than adding one, as a filter typed letter by letter would.
 */
export function useSortInUrl(param = 'sort'): {
  sort: TableSort | undefined;
  onSortChange: (sort: TableSort | undefined) => void;
} {
  const search: Record<string, unknown> = useSearch({ strict: false });
  const navigate = useNavigate();
  return {
    sort: parseTableSort(search[param]),
    onSortChange: (sort) =>
      void navigate({
        to: '.',
        search: (previous: Record<string, unknown>) => ({ ...previous, [param]: formatTableSort(sort) }),
        replace: true,
      }),
  };
}

import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { SectionPage } from '../../../routes/section-page';
import { useViewer } from '../../session/hooks';
import { sectionAt, visibleSections } from '../../shell/navigation';
import type { InventorySearch } from '../search';
import { InventoryLayout } from './inventory-layout';
import { ModelVersionList } from './model-version-list';

// The inventory list, the section's most visited page, is a chunk of its own: opening it does not load the code of
// the detail pages and forms (routes/inventory-pages.tsx), so its rows render sooner.

const inventorySection = sectionAt('/inventory');
const listRoute = getRouteApi('/inventory');

export function InventoryListPage() {
  const search = listRoute.useSearch();
  const navigate = useNavigate({ from: '/inventory' });
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(inventorySection)) {
    return <SectionPage section={inventorySection} forbidden />;
  }
  return (
    <InventoryLayout>
      <ModelVersionList search={search} onSearchChange={(next: InventorySearch) => void navigate({ search: next })} />
    </InventoryLayout>
  );
}

import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { DeploymentDetail } from '../features/inventory/components/deployment-detail';
import { DeploymentList } from '../features/inventory/components/deployment-list';
import { HostingTargetDetail } from '../features/inventory/components/hosting-target-detail';
import { HostingTargetsIndex } from '../features/inventory/components/hosting-targets-index';
import { ImportInventory } from '../features/inventory/components/import-inventory';
import { InventoryLayout } from '../features/inventory/components/inventory-layout';
import { ModelVersionDetailView } from '../features/inventory/components/model-version-detail';
import { EditModelVersion, RegisterModelVersion } from '../features/inventory/components/model-version-editor';
import { ProviderDetail } from '../features/inventory/components/provider-detail';
import { ProvidersIndex } from '../features/inventory/components/providers-index';
import type { DeploymentSearch, HostingSearch, InventorySearch } from '../features/inventory/search';
import { useViewer } from '../features/session/hooks';
import { sections, visibleSections } from '../features/shell/navigation';
import { SectionPage } from './section-page';

// The Inventory section's pages, loaded as one chunk when the section is first opened.

const inventorySection = sections.find((section) => section.path === '/inventory')!;

function InventoryPage({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(inventorySection)) {
    return <SectionPage section={inventorySection} forbidden />;
  }
  return <InventoryLayout>{children}</InventoryLayout>;
}

const versionRoute = getRouteApi('/inventory/versions/$versionId');
const newVersionRoute = getRouteApi('/inventory/versions/new');
const editRoute = getRouteApi('/inventory/versions/$versionId/edit');
const providerRoute = getRouteApi('/inventory/providers/$providerId');
const deploymentsRoute = getRouteApi('/inventory/deployments');
const hostingRoute = getRouteApi('/inventory/hosting');
const deploymentRoute = getRouteApi('/inventory/deployments/$deploymentId');
const hostingTargetRoute = getRouteApi('/inventory/hosting/$targetId');

export function RegisterModelVersionPage() {
  const { finding } = newVersionRoute.useSearch();
  return (
    <InventoryPage>
      <RegisterModelVersion findingId={finding} />
    </InventoryPage>
  );
}

export function ModelVersionPage() {
  const { versionId } = versionRoute.useParams();
  return (
    <InventoryPage>
      <ModelVersionDetailView key={versionId} versionId={versionId} />
    </InventoryPage>
  );
}

export function EditModelVersionPage() {
  const { versionId } = editRoute.useParams();
  return (
    <InventoryPage>
      <EditModelVersion versionId={versionId} />
    </InventoryPage>
  );
}

export function DeploymentsPage() {
  const search = deploymentsRoute.useSearch();
  const navigate = useNavigate({ from: '/inventory/deployments' });
  return (
    <InventoryPage>
      <DeploymentList search={search} onSearchChange={(next: DeploymentSearch) => void navigate({ search: next })} />
    </InventoryPage>
  );
}

export function DeploymentPage() {
  const { deploymentId } = deploymentRoute.useParams();
  return (
    <InventoryPage>
      <DeploymentDetail key={deploymentId} deploymentId={deploymentId} />
    </InventoryPage>
  );
}

export function ProvidersPage() {
  return (
    <InventoryPage>
      <ProvidersIndex />
    </InventoryPage>
  );
}

export function ProviderPage() {
  const { providerId } = providerRoute.useParams();
  const search = providerRoute.useSearch();
  const navigate = useNavigate({ from: '/inventory/providers/$providerId' });
  return (
    <InventoryPage>
      <ProviderDetail
        key={providerId}
        providerId={providerId}
        search={search}
        onSearchChange={(next: InventorySearch) => void navigate({ search: next, params: { providerId } })}
      />
    </InventoryPage>
  );
}

export function HostingTargetsPage() {
  const search = hostingRoute.useSearch();
  const navigate = useNavigate({ from: '/inventory/hosting' });
  return (
    <InventoryPage>
      <HostingTargetsIndex search={search} onSearchChange={(next: HostingSearch) => void navigate({ search: next })} />
    </InventoryPage>
  );
}

export function HostingTargetPage() {
  const { targetId } = hostingTargetRoute.useParams();
  return (
    <InventoryPage>
      <HostingTargetDetail key={targetId} targetId={targetId} />
    </InventoryPage>
  );
}

export function ImportPage() {
  return (
    <InventoryPage>
      <ImportInventory />
    </InventoryPage>
  );
}

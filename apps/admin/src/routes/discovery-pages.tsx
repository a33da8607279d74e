import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { DiscoveryHome } from '../features/discovery/components/discovery-home';
import { ScanReportPage } from '../features/discovery/components/scan-report-page';
import { useViewer } from '../features/session/hooks';
import { sections, visibleSections } from '../features/shell/navigation';
import { SectionPage } from './section-page';

// The Discovery section's pages, loaded as one chunk when the section is first opened.

const discoverySection = sections.find((section) => section.path === '/discovery')!;

/** What the viewer may do here; the API enforces the same rules, this only hides what would be refused. */
function useDiscoveryPermissions() {
  const roles = useViewer().data?.roles ?? [];
  const keeper = roles.includes('COMPLIANCE_OFFICER') || roles.includes('ENGINEER');
  return { canUpload: keeper, canRegister: keeper, canRequestApproval: keeper };
}

function DiscoveryPage({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(discoverySection)) {
    return <SectionPage section={discoverySection} forbidden />;
  }
  return <>{children}</>;
}

const reportRoute = getRouteApi('/discovery/reports/$reportId');

export function DiscoveryHomePage() {
  const permissions = useDiscoveryPermissions();
  return (
    <DiscoveryPage>
      <DiscoveryHome canUpload={permissions.canUpload} />
    </DiscoveryPage>
  );
}

export function ScanReportRoutePage() {
  const { reportId } = reportRoute.useParams();
  const permissions = useDiscoveryPermissions();
  return (
    <DiscoveryPage>
      <ScanReportPage reportId={reportId} permissions={permissions} />
    </DiscoveryPage>
  );
}

import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApprovalsHome } from '../features/approvals/components/approvals-home';
import { ApprovalRequestDetail } from '../features/approvals/components/request-detail';
import { NewApprovalRequest } from '../features/approvals/components/request-form';
import type { ApprovalsSearch } from '../features/approvals/search';
import { useViewer } from '../features/session/hooks';
import { sections, visibleSections } from '../features/shell/navigation';
import { SectionPage } from './section-page';

// The Approvals section's pages, loaded as one chunk when the section is first opened.

const approvalsSection = sections.find((section) => section.path === '/approvals')!;

function ApprovalsPage({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(approvalsSection)) {
    return <SectionPage section={approvalsSection} forbidden />;
  }
  return <>{children}</>;
}

const homeRoute = getRouteApi('/approvals');
const newRoute = getRouteApi('/approvals/new');
const detailRoute = getRouteApi('/approvals/$requestId');

export function ApprovalsHomePage() {
  const search = homeRoute.useSearch();
  const navigate = useNavigate({ from: '/approvals' });
  return (
    <ApprovalsPage>
      <ApprovalsHome search={search} onSearchChange={(next: ApprovalsSearch) => void navigate({ search: next })} />
    </ApprovalsPage>
  );
}

export function NewApprovalRequestPage() {
  const { modelVersionId } = newRoute.useSearch();
  return (
    <ApprovalsPage>
      <NewApprovalRequest key={modelVersionId ?? 'none'} initialVersionId={modelVersionId} />
    </ApprovalsPage>
  );
}

export function ApprovalRequestPage() {
  const { requestId } = detailRoute.useParams();
  return (
    <ApprovalsPage>
      <ApprovalRequestDetail key={requestId} requestId={requestId} />
    </ApprovalsPage>
  );
}

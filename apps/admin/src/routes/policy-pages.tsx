import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../components/page-states';
import { AnchorLink } from '../components/router-links';
import { PoliciesHome } from '../features/policies/components/policies-home';
import { PolicyVersionView } from '../features/policies/components/policy-editor';
import { t } from '../features/policies/messages';
import { policyQueries } from '../features/policies/queries';
import type { PoliciesSearch } from '../features/policies/search';
import { useViewer } from '../features/session/hooks';
import { sections, visibleSections } from '../features/shell/navigation';
import { SectionPage } from './section-page';

// The Policies section's pages, loaded as one chunk when the section is first opened.

const policiesSection = sections.find((section) => section.path === '/policies')!;

function PoliciesPage({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  if (!visibleSections(viewer.data?.roles ?? []).includes(policiesSection)) {
    return <SectionPage section={policiesSection} forbidden />;
  }
  return <>{children}</>;
}

const homeRoute = getRouteApi('/policies');
const versionRoute = getRouteApi('/policies/versions/$versionId');

export function PoliciesHomePage() {
  const search = homeRoute.useSearch();
  const navigate = useNavigate({ from: '/policies' });
  return (
    <PoliciesPage>
      <PoliciesHome search={search} onSearchChange={(next: PoliciesSearch) => void navigate({ search: next })} />
    </PoliciesPage>
  );
}

function VersionLoader({ versionId }: { versionId: string }) {
  const versions = useQuery(policyQueries.versions());
  if (versions.isPending) return <LoadingState what={t('policies.version.what')} rows={8} />;
  if (versions.isError) {
    return <ErrorState title={t('policies.version.failed')} error={versions.error} onRetry={() => void versions.refetch()} />;
  }
  const version = versions.data.find((candidate) => candidate.id === versionId);
  if (!version) {
    return (
      <EmptyState
        title={t('policies.version.notFound')}
        description={t('policies.version.notFoundHint')}
        action={
          <AnchorLink to="/policies" search={{ tab: 'versions' }} size="sm">
            {t('policies.versions.back')}
          </AnchorLink>
        }
      />
    );
  }
  // Keyed by its row version: after a save or an activation the editor starts again from the stored policy.
  return <PolicyVersionView key={`${version.id}-${version.version}`} version={version} />;
}

export function PolicyVersionPage() {
  const { versionId } = versionRoute.useParams();
  return (
    <PoliciesPage>
      <VersionLoader versionId={versionId} />
    </PoliciesPage>
  );
}

import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
  useNavigate,
} from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { apiTokenQueries } from './features/api-tokens/queries';
import { approvalPermissions } from './features/approvals/permissions';
import { approvalQueries } from './features/approvals/queries';
import {
  parseApprovalsSearch,
  parseNewRequestSearch,
  type ApprovalsSearch,
  type NewRequestSearch,
} from './features/approvals/search';
import { auditQueries } from './features/audit/queries';
import { parseAuditSearch, type AuditSearch } from './features/audit/search';
import { canSeeDashboard } from './features/dashboard/layout';
import { dashboardQueries } from './features/dashboard/queries';
import { discoveryQueries } from './features/discovery/queries';
import { inventoryQueries } from './features/inventory/queries';
import {
  parseDeploymentSearch,
  parseHostingSearch,
  parseInventorySearch,
  parseNewVersionSearch,
  type DeploymentSearch,
  type HostingSearch,
  type InventorySearch,
  type NewVersionSearch,
} from './features/inventory/search';
import { peopleQueries } from './features/people/queries';
import { policyQueries } from './features/policies/queries';
import { parsePoliciesSearch, type PoliciesSearch, type PolicyTab } from './features/policies/search';
import { reportQueries } from './features/reports/queries';
import { sessionQueries } from './features/session/queries';
import { AppLayout } from './features/shell/components/app-layout';
import { sectionAt, visibleSections, type Section } from './features/shell/navigation';
import { systemQueries } from './features/system/queries';
import { NotFoundPage } from './routes/not-found-page';
import { OverviewPage } from './routes/overview-page';
import { SectionPage } from './routes/section-page';
import { SignInPage } from './routes/sign-in-page';

type RouterContext = { queryClient: QueryClient };

// Loaders prefetch the read a page opens with, so its data loads with its code (and, with `defaultPreload:
// 'intent'`, when a link to it is hovered) instead of after the page has rendered. They never wait for it and
// never fail the navigation (`prefetchQuery` swallows errors): the page shows its own loading and error states,
// as it would without the prefetch. Sections the viewer's roles do not include prefetch nothing.

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
  // The viewer decides the navigation; load it with the first route, not after it.
  loader: ({ context }) => context.queryClient.ensureQueryData(sessionQueries.viewer()),
});

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  // Start the requests while the route's code renders, so the page never waits twice: the dashboard's data
  // loads alongside its charts chunk rather than after it.
  loader: ({ context: { queryClient } }) => {
    void queryClient.prefetchQuery(systemQueries.status());
    void queryClient
      .ensureQueryData(sessionQueries.viewer())
      .then(async (viewer) => {
        if (viewer && canSeeDashboard(viewer.roles)) await queryClient.prefetchQuery(dashboardQueries.overview());
      })
      // The root route's loader reports a failed viewer read.
      .catch(() => undefined);
  },
  component: OverviewPage,
});

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });

/** Sends anonymous visitors to sign in; the API refuses them anyway, this only spares them an error page. */
async function requireSection(queryClient: QueryClient, section: Section) {
  const viewer = await queryClient.ensureQueryData(sessionQueries.viewer());
  // TanStack Router's redirect is thrown by design.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (!viewer) throw redirect({ to: '/sign-in' });
  return { allowed: visibleSections(viewer.roles).includes(section), viewer };
}

/**
 * Gives a route component that wraps a lazily loaded page the page's `preload`, so the router loads the page's
 * code with the route (and on a hovered link) and the page never suspends.
 */
function preloading<TComponent extends () => ReactNode>(
  component: TComponent,
  page: { preload?: () => Promise<void> | undefined },
) {
  return Object.assign(component, { preload: async () => page.preload?.() });
}

const auditSection = sectionAt('/audit');

const AuditPage = lazyRouteComponent(() => import('./routes/audit-page'), 'AuditPage');

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: (search: Record<string, unknown>): AuditSearch => parseAuditSearch(search),
  beforeLoad: ({ context }) => requireSection(context.queryClient, auditSection),
  loaderDeps: ({ search }) => ({ search }),
  loader: ({ context, deps }) => {
    if (context.allowed) void context.queryClient.prefetchInfiniteQuery(auditQueries.events(deps.search));
  },
  component: preloading(function AuditRouteComponent(): ReactNode {
    const search = auditRoute.useSearch();
    const { allowed } = auditRoute.useRouteContext();
    const navigate = useNavigate({ from: '/audit' });
    if (!allowed) return <SectionPage section={auditSection} forbidden />;
    return <AuditPage search={search} onSearchChange={(next) => void navigate({ search: next })} />;
  }, AuditPage),
});

const tokensSection = sectionAt('/tokens');

const tokensRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tokens',
  beforeLoad: ({ context }) => requireSection(context.queryClient, tokensSection),
  loader: ({ context }) => {
    if (context.allowed) void context.queryClient.prefetchQuery(apiTokenQueries.list());
  },
  component: lazyRouteComponent(() => import('./routes/api-tokens-page'), 'ApiTokensPage'),
});

const adminSection = sectionAt('/admin');

const AdminPage = lazyRouteComponent(() => import('./routes/admin-page'), 'AdminPage');

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: ({ context }) => requireSection(context.queryClient, adminSection),
  loader: ({ context }) => {
    if (context.allowed) void context.queryClient.prefetchQuery(peopleQueries.list());
  },
  component: preloading(function AdminRouteComponent(): ReactNode {
    const { allowed } = adminRoute.useRouteContext();
    return allowed ? <AdminPage /> : <SectionPage section={adminSection} forbidden />;
  }, AdminPage),
});

const inventorySection = sectionAt('/inventory');

/** The Inventory pages are a separate chunk: most visits never open them. */
const inventoryPage = (name: keyof typeof import('./routes/inventory-pages')) =>
  lazyRouteComponent(() => import('./routes/inventory-pages'), name);

/** The list, the section's most visited page, is a chunk of its own, without the detail pages and forms. */
const loadInventoryListPage = () => import('./features/inventory/components/inventory-list-page');

function inventoryRoute<TPath extends string>(path: TPath) {
  return {
    getParentRoute: () => rootRoute,
    path,
    beforeLoad: ({ context }: { context: RouterContext }) => requireSection(context.queryClient, inventorySection),
  } as const;
}

// Pages below a section name their breadcrumb trail (`staticData.breadcrumb`, defined in features/shell/trails.ts);
// the shell renders it, and the trail of a page showing one thing names it from the page's own query.

const inventoryRoutes = [
  createRoute({
    ...inventoryRoute('/inventory'),
    // The list's code starts loading while the viewer is read, rather than after.
    beforeLoad: ({ context }) => {
      void loadInventoryListPage();
      return requireSection(context.queryClient, inventorySection);
    },
    validateSearch: (search: Record<string, unknown>): InventorySearch => parseInventorySearch(search),
    loaderDeps: ({ search }) => ({ search }),
    // The rows only: the facets are read once the rows are on screen (ModelVersionList), so on a large inventory
    // their counting does not hold up the rows.
    loader: ({ context, deps }) => {
      if (context.allowed) void context.queryClient.prefetchInfiniteQuery(inventoryQueries.versionList(deps.search));
    },
    component: lazyRouteComponent(loadInventoryListPage, 'InventoryListPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/versions/new'),
    validateSearch: (search: Record<string, unknown>): NewVersionSearch => parseNewVersionSearch(search),
    staticData: { breadcrumb: 'registerModelVersion' },
    component: inventoryPage('RegisterModelVersionPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/versions/$versionId'),
    staticData: { breadcrumb: 'modelVersion' },
    loader: ({ context, params }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(inventoryQueries.versionDetail(params.versionId));
    },
    component: inventoryPage('ModelVersionPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/versions/$versionId/edit'),
    staticData: { breadcrumb: 'editModelVersion' },
    loader: ({ context, params }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(inventoryQueries.versionDetail(params.versionId));
    },
    component: inventoryPage('EditModelVersionPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/deployments'),
    staticData: { breadcrumb: 'deployments' },
    validateSearch: (search: Record<string, unknown>): DeploymentSearch => parseDeploymentSearch(search),
    loaderDeps: ({ search }) => ({ search }),
    loader: ({ context, deps }) => {
      if (context.allowed) void context.queryClient.prefetchInfiniteQuery(inventoryQueries.deploymentList(deps.search));
    },
    component: inventoryPage('DeploymentsPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/deployments/$deploymentId'),
    staticData: { breadcrumb: 'deployment' },
    loader: ({ context, params }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(inventoryQueries.deploymentDetail(params.deploymentId));
    },
    component: inventoryPage('DeploymentPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/providers'),
    staticData: { breadcrumb: 'providers' },
    loader: ({ context }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(inventoryQueries.providerList());
    },
    component: inventoryPage('ProvidersPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/providers/$providerId'),
    validateSearch: (search: Record<string, unknown>): InventorySearch => parseInventorySearch(search),
    staticData: { breadcrumb: 'provider' },
    loader: ({ context, params }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(inventoryQueries.providerDetail(params.providerId));
    },
    component: inventoryPage('ProviderPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/hosting'),
    staticData: { breadcrumb: 'hosting' },
    validateSearch: (search: Record<string, unknown>): HostingSearch => parseHostingSearch(search),
    loaderDeps: ({ search }) => ({ retired: search.retired === true }),
    loader: ({ context, deps }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(inventoryQueries.hostingTargets(deps.retired));
    },
    component: inventoryPage('HostingTargetsPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/hosting/$targetId'),
    staticData: { breadcrumb: 'hostingTarget' },
    loader: ({ context, params }) => {
      if (!context.allowed) return;
      void context.queryClient.prefetchQuery(inventoryQueries.hostingTargets(true));
      void context.queryClient.prefetchInfiniteQuery(inventoryQueries.deploymentList({ hostingTargetIds: [params.targetId] }));
    },
    component: inventoryPage('HostingTargetPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/import'),
    staticData: { breadcrumb: 'import' },
    component: inventoryPage('ImportPage'),
  }),
] as const;

const approvalsSection = sectionAt('/approvals');

/** The Approvals pages are a separate chunk, like the inventory's. */
const approvalPage = (name: keyof typeof import('./routes/approval-pages')) =>
  lazyRouteComponent(() => import('./routes/approval-pages'), name);

function approvalRoute<TPath extends string>(path: TPath) {
  return {
    getParentRoute: () => rootRoute,
    path,
    beforeLoad: ({ context }: { context: RouterContext }) => requireSection(context.queryClient, approvalsSection),
  } as const;
}

const approvalRoutes = [
  createRoute({
    ...approvalRoute('/approvals'),
    validateSearch: (search: Record<string, unknown>): ApprovalsSearch => parseApprovalsSearch(search),
    loaderDeps: ({ search }) => ({ tab: search.tab }),
    loader: ({ context, deps }) => {
      if (!context.allowed) return;
      // The tab ApprovalsHome shows: the one in the URL if the viewer has it, else the viewer's first.
      const { tabs } = approvalPermissions(context.viewer);
      const tab = deps.tab && tabs.includes(deps.tab) ? deps.tab : tabs[0];
      if (tab) void context.queryClient.prefetchInfiniteQuery(approvalQueries.list(tab));
    },
    component: approvalPage('ApprovalsHomePage'),
  }),
  createRoute({
    ...approvalRoute('/approvals/new'),
    validateSearch: (search: Record<string, unknown>): NewRequestSearch => parseNewRequestSearch(search),
    staticData: { breadcrumb: 'requestApproval' },
    component: approvalPage('NewApprovalRequestPage'),
  }),
  createRoute({
    ...approvalRoute('/approvals/$requestId'),
    staticData: { breadcrumb: 'approvalRequest' },
    loader: ({ context, params }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(approvalQueries.detail(params.requestId));
    },
    component: approvalPage('ApprovalRequestPage'),
  }),
] as const;

const policiesSection = sectionAt('/policies');

const policyPage = (name: keyof typeof import('./routes/policy-pages')) =>
  lazyRouteComponent(() => import('./routes/policy-pages'), name);

/** The read each tab of the policies page opens with (the violations tab starts with the open ones). */
const prefetchPolicyTab: Record<PolicyTab, (queryClient: QueryClient) => Promise<void>> = {
  rules: (queryClient) => queryClient.prefetchQuery(policyQueries.inForce()),
  versions: (queryClient) => queryClient.prefetchQuery(policyQueries.versions()),
  exceptions: (queryClient) => queryClient.prefetchQuery(policyQueries.exceptions()),
  violations: (queryClient) => queryClient.prefetchQuery(policyQueries.violations(true)),
  gate: () => Promise.resolve(),
};

const policyRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/policies',
    beforeLoad: ({ context }) => requireSection(context.queryClient, policiesSection),
    validateSearch: (search: Record<string, unknown>): PoliciesSearch => parsePoliciesSearch(search),
    loaderDeps: ({ search }) => ({ tab: search.tab }),
    loader: ({ context, deps }) => {
      if (context.allowed) void prefetchPolicyTab[deps.tab ?? 'rules'](context.queryClient);
    },
    component: policyPage('PoliciesHomePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/policies/versions/$versionId',
    beforeLoad: ({ context }) => requireSection(context.queryClient, policiesSection),
    staticData: { breadcrumb: 'policyVersion' },
    loader: ({ context }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(policyQueries.versions());
    },
    component: policyPage('PolicyVersionPage'),
  }),
] as const;

const discoverySection = sectionAt('/discovery');

/** The Discovery pages are a separate chunk, like the inventory's. */
const discoveryPage = (name: keyof typeof import('./routes/discovery-pages')) =>
  lazyRouteComponent(() => import('./routes/discovery-pages'), name);

const discoveryRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/discovery',
    beforeLoad: ({ context }) => requireSection(context.queryClient, discoverySection),
    loader: ({ context }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(discoveryQueries.reports());
    },
    component: discoveryPage('DiscoveryHomePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/discovery/reports/$reportId',
    beforeLoad: ({ context }) => requireSection(context.queryClient, discoverySection),
    staticData: { breadcrumb: 'scanReport' },
    loader: ({ context, params }) => {
      if (context.allowed) void context.queryClient.prefetchQuery(discoveryQueries.report(params.reportId));
    },
    component: discoveryPage('ScanReportRoutePage'),
  }),
] as const;

const reportsSection = sectionAt('/reports');

const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports',
  beforeLoad: ({ context }) => requireSection(context.queryClient, reportsSection),
  loader: ({ context }) => {
    if (!context.allowed) return;
    void context.queryClient.prefetchQuery(reportQueries.exports());
    void context.queryClient.prefetchQuery(reportQueries.signingKey());
  },
  component: lazyRouteComponent(() => import('./routes/report-pages'), 'ReportsPage'),
});

const PersonPage = lazyRouteComponent(() => import('./routes/admin-page'), 'PersonPage');

const personRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/people/$userId',
  staticData: { breadcrumb: 'person' },
  beforeLoad: ({ context }) => requireSection(context.queryClient, adminSection),
  loader: ({ context }) => {
    if (context.allowed) void context.queryClient.prefetchQuery(peopleQueries.list());
  },
  component: preloading(function PersonRouteComponent(): ReactNode {
    const { allowed } = personRoute.useRouteContext();
    const { userId } = personRoute.useParams();
    return allowed ? <PersonPage userId={userId} /> : <SectionPage section={adminSection} forbidden />;
  }, PersonPage),
});

const TeamPage = lazyRouteComponent(() => import('./routes/admin-page'), 'TeamPage');

const teamRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/teams/$teamId',
  staticData: { breadcrumb: 'team' },
  beforeLoad: ({ context }) => requireSection(context.queryClient, adminSection),
  loader: ({ context }) => {
    if (context.allowed) void context.queryClient.prefetchQuery(peopleQueries.list());
  },
  component: preloading(function TeamRouteComponent(): ReactNode {
    const { allowed } = teamRoute.useRouteContext();
    const { teamId } = teamRoute.useParams();
    return allowed ? <TeamPage teamId={teamId} /> : <SectionPage section={adminSection} forbidden />;
  }, TeamPage),
});

const ReportExportPage = lazyRouteComponent(() => import('./routes/report-pages'), 'ReportExportPage');

const reportExportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports/exports/$exportId',
  staticData: { breadcrumb: 'reportExport' },
  beforeLoad: ({ context }) => requireSection(context.queryClient, reportsSection),
  loader: ({ context, params }) => {
    if (context.allowed) void context.queryClient.prefetchQuery(reportQueries.export(params.exportId));
  },
  component: preloading(function ReportExportRouteComponent(): ReactNode {
    const { exportId } = reportExportRoute.useParams();
    return <ReportExportPage exportId={exportId} />;
  }, ReportExportPage),
});

const routeTree = rootRoute.addChildren([
  overviewRoute,
  signInRoute,
  auditRoute,
  tokensRoute,
  adminRoute,
  personRoute,
  teamRoute,
  ...inventoryRoutes,
  ...approvalRoutes,
  ...policyRoutes,
  ...discoveryRoutes,
  reportsRoute,
  reportExportRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  // Declaration merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
  useNavigate,
} from '@tanstack/react-router';
import {
  parseApprovalsSearch,
  parseNewRequestSearch,
  type ApprovalsSearch,
  type NewRequestSearch,
} from './features/approvals/search';
import { parseAuditSearch, type AuditSearch } from './features/audit/search';
import { parsePoliciesSearch, type PoliciesSearch } from './features/policies/search';
import {
  parseDeploymentSearch,
  parseInventorySearch,
  parseNewVersionSearch,
  type DeploymentSearch,
  type InventorySearch,
  type NewVersionSearch,
} from './features/inventory/search';
import { sessionQueries } from './features/session/queries';
import { AppLayout } from './features/shell/components/app-layout';
import { sections, visibleSections, type Section } from './features/shell/navigation';
import { systemQueries } from './features/system/queries';
import { ApiTokensPage } from './routes/api-tokens-page';
import { AdminPage } from './routes/admin-page';
import { AuditPage } from './routes/audit-page';
import { NotFoundPage } from './routes/not-found-page';
import { OverviewPage } from './routes/overview-page';
import { SectionPage } from './routes/section-page';
import { SignInPage } from './routes/sign-in-page';

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
  // The viewer decides the navigation; load it with the first route, not after it.
  loader: ({ context }) => context.queryClient.ensureQueryData(sessionQueries.viewer()),
});

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  // Start the request while the route's code renders, so the page never waits twice.
  loader: ({ context }) => void context.queryClient.prefetchQuery(systemQueries.status()),
  component: OverviewPage,
});

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });

/** Sends anonymous visitors to sign in; the API refuses them anyway, this only spares them an error page. */
async function requireSection(queryClient: QueryClient, section: Section) {
  const viewer = await queryClient.ensureQueryData(sessionQueries.viewer());
  // TanStack Router's redirect is thrown by design.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (!viewer) throw redirect({ to: '/sign-in' });
  return { allowed: visibleSections(viewer.roles).includes(section) };
}

const auditSection = sections.find((section) => section.path === '/audit')!;

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: (search: Record<string, unknown>): AuditSearch => parseAuditSearch(search),
  beforeLoad: ({ context }) => requireSection(context.queryClient, auditSection),
  component: function AuditRouteComponent() {
    const search = auditRoute.useSearch();
    const { allowed } = auditRoute.useRouteContext();
    const navigate = useNavigate({ from: '/audit' });
    if (!allowed) return <SectionPage section={auditSection} forbidden />;
    return <AuditPage search={search} onSearchChange={(next) => void navigate({ search: next })} />;
  },
});

const tokensSection = sections.find((section) => section.path === '/tokens')!;

const tokensRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tokens',
  beforeLoad: ({ context }) => requireSection(context.queryClient, tokensSection),
  component: ApiTokensPage,
});

const adminSection = sections.find((section) => section.path === '/admin')!;

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: ({ context }) => requireSection(context.queryClient, adminSection),
  component: function AdminRouteComponent() {
    const { allowed } = adminRoute.useRouteContext();
    return allowed ? <AdminPage /> : <SectionPage section={adminSection} forbidden />;
  },
});

const inventorySection = sections.find((section) => section.path === '/inventory')!;

/** The Inventory pages are a separate chunk: most visits never open them. */
const inventoryPage = (name: keyof typeof import('./routes/inventory-pages')) =>
  lazyRouteComponent(() => import('./routes/inventory-pages'), name);

function inventoryRoute<TPath extends string>(path: TPath) {
  return {
    getParentRoute: () => rootRoute,
    path,
    beforeLoad: ({ context }: { context: RouterContext }) => requireSection(context.queryClient, inventorySection),
  } as const;
}

const inventoryRoutes = [
  createRoute({
    ...inventoryRoute('/inventory'),
    validateSearch: (search: Record<string, unknown>): InventorySearch => parseInventorySearch(search),
    component: inventoryPage('InventoryListPage'),
  }),
  createRoute({
    ...inventoryRoute('/inventory/versions/new'),
    validateSearch: (search: Record<string, unknown>): NewVersionSearch => parseNewVersionSearch(search),
    component: inventoryPage('RegisterModelVersionPage'),
  }),
  createRoute({ ...inventoryRoute('/inventory/versions/$versionId'), component: inventoryPage('ModelVersionPage') }),
  createRoute({ ...inventoryRoute('/inventory/versions/$versionId/edit'), component: inventoryPage('EditModelVersionPage') }),
  createRoute({
    ...inventoryRoute('/inventory/deployments'),
    validateSearch: (search: Record<string, unknown>): DeploymentSearch => parseDeploymentSearch(search),
    component: inventoryPage('DeploymentsPage'),
  }),
  createRoute({ ...inventoryRoute('/inventory/providers'), component: inventoryPage('ProvidersPage') }),
  createRoute({
    ...inventoryRoute('/inventory/providers/$providerId'),
    validateSearch: (search: Record<string, unknown>): InventorySearch => parseInventorySearch(search),
    component: inventoryPage('ProviderPage'),
  }),
  createRoute({ ...inventoryRoute('/inventory/hosting'), component: inventoryPage('HostingTargetsPage') }),
  createRoute({ ...inventoryRoute('/inventory/import'), component: inventoryPage('ImportPage') }),
] as const;

const approvalsSection = sections.find((section) => section.path === '/approvals')!;

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
    component: approvalPage('ApprovalsHomePage'),
  }),
  createRoute({
    ...approvalRoute('/approvals/new'),
    validateSearch: (search: Record<string, unknown>): NewRequestSearch => parseNewRequestSearch(search),
    component: approvalPage('NewApprovalRequestPage'),
  }),
  createRoute({ ...approvalRoute('/approvals/$requestId'), component: approvalPage('ApprovalRequestPage') }),
] as const;

const policiesSection = sections.find((section) => section.path === '/policies')!;

const policyPage = (name: keyof typeof import('./routes/policy-pages')) =>
  lazyRouteComponent(() => import('./routes/policy-pages'), name);

const policyRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/policies',
    beforeLoad: ({ context }) => requireSection(context.queryClient, policiesSection),
    validateSearch: (search: Record<string, unknown>): PoliciesSearch => parsePoliciesSearch(search),
    component: policyPage('PoliciesHomePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/policies/versions/$versionId',
    beforeLoad: ({ context }) => requireSection(context.queryClient, policiesSection),
    component: policyPage('PolicyVersionPage'),
  }),
] as const;

const discoverySection = sections.find((section) => section.path === '/discovery')!;

/** The Discovery pages are a separate chunk, like the inventory's. */
const discoveryPage = (name: keyof typeof import('./routes/discovery-pages')) =>
  lazyRouteComponent(() => import('./routes/discovery-pages'), name);

const discoveryRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/discovery',
    beforeLoad: ({ context }) => requireSection(context.queryClient, discoverySection),
    component: discoveryPage('DiscoveryHomePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/discovery/reports/$reportId',
    beforeLoad: ({ context }) => requireSection(context.queryClient, discoverySection),
    component: discoveryPage('ScanReportRoutePage'),
  }),
] as const;

const reportsSection = sections.find((section) => section.path === '/reports')!;

const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports',
  beforeLoad: ({ context }) => requireSection(context.queryClient, reportsSection),
  component: lazyRouteComponent(() => import('./routes/report-pages'), 'ReportsPage'),
});

const routeTree = rootRoute.addChildren([
  overviewRoute,
  signInRoute,
  auditRoute,
  tokensRoute,
  adminRoute,
  ...inventoryRoutes,
  ...approvalRoutes,
  ...policyRoutes,
  ...discoveryRoutes,
  reportsRoute,
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

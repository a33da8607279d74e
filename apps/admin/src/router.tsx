import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter } from '@tanstack/react-router';
import { AppLayout } from './features/shell/components/app-layout';
import { sections } from './features/shell/navigation';
import { systemQueries } from './features/system/queries';
import { NotFoundPage } from './routes/not-found-page';
import { OverviewPage } from './routes/overview-page';
import { SectionPage } from './routes/section-page';
import { SignInPage } from './routes/sign-in-page';

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  // Start the request while the route's code renders, so the page never waits twice.
  loader: ({ context }) => void context.queryClient.prefetchQuery(systemQueries.status()),
  component: OverviewPage,
});

const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });

const sectionRoutes = sections.map((section) =>
  createRoute({ getParentRoute: () => rootRoute, path: section.path, component: () => <SectionPage section={section} /> }),
);

const routeTree = rootRoute.addChildren([overviewRoute, signInRoute, ...sectionRoutes]);

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

import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { Root } from './screens/Root';
import { Dashboard } from './screens/Dashboard';

const rootRoute = createRootRoute({ component: Root });

const dashboard = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Dashboard });

export interface ListSearch {
  kind?: string;
  status?: string;
  language?: string;
  categoryId?: string;
  mine?: boolean;
  q?: string;
  from?: string;
  to?: string;
}
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
export const contentList = createRoute({
  getParentRoute: () => rootRoute,
  path: '/noi-dung',
  validateSearch: (s: Record<string, unknown>): ListSearch => ({
    kind: str(s.kind),
    status: str(s.status),
    language: str(s.language),
    categoryId: str(s.categoryId),
    mine: s.mine === true || s.mine === 'true' ? true : undefined,
    q: str(s.q),
    from: str(s.from),
    to: str(s.to),
  }),
  component: lazyRouteComponent(() => import('./screens/ContentList'), 'ContentList'),
});

// The editor (TipTap) and the revisions screen load only when opened.
export const newItem = createRoute({
  getParentRoute: () => rootRoute,
  path: '/noi-dung/moi',
  validateSearch: (s: Record<string, unknown>): { kind: string; translationOf?: string } => ({
    kind: str(s.kind) ?? 'NEWS',
    translationOf: str(s.translationOf),
  }),
  component: lazyRouteComponent(() => import('./screens/Editor'), 'NewItemEditor'),
});

export const item = createRoute({
  getParentRoute: () => rootRoute,
  path: '/noi-dung/$id',
  component: lazyRouteComponent(() => import('./screens/ItemPage'), 'ItemPage'),
});

export const editItem = createRoute({
  getParentRoute: () => rootRoute,
  path: '/noi-dung/$id/sua',
  component: lazyRouteComponent(() => import('./screens/Editor'), 'EditItemEditor'),
});

export const revisions = createRoute({
  getParentRoute: () => rootRoute,
  path: '/noi-dung/$id/phien-ban',
  validateSearch: (s: Record<string, unknown>): { from?: number; to?: number } => ({
    from: Number(s.from) || undefined,
    to: Number(s.to) || undefined,
  }),
  component: lazyRouteComponent(() => import('./screens/Revisions'), 'Revisions'),
});

export const delegation = createRoute({
  getParentRoute: () => rootRoute,
  path: '/uy-quyen',
  component: lazyRouteComponent(() => import('./screens/Delegation'), 'Delegation'),
});

export const intake = createRoute({
  getParentRoute: () => rootRoute,
  path: '/thong-tin-gui-den',
  component: lazyRouteComponent(() => import('./screens/Intake'), 'Intake'),
});

const routeTree = rootRoute.addChildren([
  dashboard,
  contentList,
  newItem,
  item,
  editItem,
  revisions,
  delegation,
  intake,
]);

export const router = createRouter({ routeTree, basepath: '/quan-tri', defaultPreload: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

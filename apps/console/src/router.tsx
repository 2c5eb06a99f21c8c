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

// Administration: the portal tree, the merge wizard, accounts and roles.
export const portalTree = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cay-cong',
  component: lazyRouteComponent(() => import('./screens/admin/PortalTree'), 'PortalTree'),
});
export const mergeWizard = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cay-cong/hop-nhat',
  component: lazyRouteComponent(() => import('./screens/admin/MergeWizard'), 'MergeWizard'),
});
export const accounts = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tai-khoan',
  component: lazyRouteComponent(() => import('./screens/admin/Accounts'), 'Accounts'),
});

// Reports, the audit log, working days and deadlines, the site's look.
export const reports = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bao-cao',
  component: lazyRouteComponent(() => import('./screens/reports/Reports'), 'Reports'),
});

export const auditLog = createRoute({
  getParentRoute: () => rootRoute,
  path: '/nhat-ky',
  component: lazyRouteComponent(() => import('./screens/reports/AuditLog'), 'AuditLog'),
});

export const calendar = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lich-lam-viec',
  component: lazyRouteComponent(() => import('./screens/calendar/Calendar'), 'Calendar'),
});

export const siteSettings = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cai-dat',
  component: lazyRouteComponent(() => import('./screens/settings/SiteSettings'), 'SiteSettings'),
});

// Federation: share an item up or down, the receiving board's inbox, auto-accept rules, the subtree feed.
export const fedShare = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lien-thong/chia-se',
  component: lazyRouteComponent(() => import('./screens/federation/Share'), 'Share'),
});
export const fedInbox = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lien-thong/hop-thu',
  component: lazyRouteComponent(() => import('./screens/federation/Inbox'), 'Inbox'),
});
export const fedRules = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lien-thong/quy-tac',
  component: lazyRouteComponent(() => import('./screens/federation/Rules'), 'Rules'),
});
export const fedFeed = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lien-thong/tong-hop',
  component: lazyRouteComponent(() => import('./screens/federation/SubtreeFeed'), 'SubtreeFeed'),
});

// Citizens: questions, feedback on regulations, consultations, ratings.
export const citQuestions = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/cau-hoi',
  component: lazyRouteComponent(() => import('./screens/citizens/QuestionQueue'), 'QuestionsScreen'),
});
export const citFeedback = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/phan-anh',
  component: lazyRouteComponent(() => import('./screens/citizens/QuestionQueue'), 'FeedbackScreen'),
});
export const citQuestion = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/cau-hoi/$id',
  component: lazyRouteComponent(() => import('./screens/citizens/QuestionPage'), 'QuestionPage'),
});
export const citConsultations = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/gop-y',
  component: lazyRouteComponent(() => import('./screens/citizens/Consultations'), 'Consultations'),
});
export const citRatings = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/danh-gia',
  component: lazyRouteComponent(() => import('./screens/citizens/Ratings'), 'Ratings'),
});

// Royalties: the statement of a month (?thang=2026-11).
export const royalties = createRoute({
  getParentRoute: () => rootRoute,
  path: '/nhuan-but',
  validateSearch: (s: Record<string, unknown>): { thang?: string } => ({
    thang: typeof s.thang === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(s.thang) ? s.thang : undefined,
  }),
  component: lazyRouteComponent(
    () => import('./screens/royalties/RoyaltyStatement'),
    'RoyaltyStatementScreen',
  ),
});

export const citDialogues = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/giao-luu',
  component: lazyRouteComponent(() => import('./screens/citizens/Dialogues'), 'Dialogues'),
});
export const citDialogue = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cong-dan/giao-luu/$id',
  component: lazyRouteComponent(() => import('./screens/citizens/DialoguePage'), 'DialoguePage'),
});

export const intake = createRoute({
  getParentRoute: () => rootRoute,
  path: '/thong-tin-gui-den',
  component: lazyRouteComponent(() => import('./screens/Intake'), 'Intake'),
});

// Legal documents' validity and import; the catalogue of procedures and public services.
export const legalDocuments = createRoute({
  getParentRoute: () => rootRoute,
  path: '/van-ban',
  component: lazyRouteComponent(() => import('./screens/modules/LegalDocuments'), 'LegalDocuments'),
});
export const publicServices = createRoute({
  getParentRoute: () => rootRoute,
  path: '/thu-tuc-hanh-chinh',
  component: lazyRouteComponent(() => import('./screens/modules/PublicServices'), 'PublicServices'),
});

const routeTree = rootRoute.addChildren([
  dashboard,
  contentList,
  newItem,
  item,
  editItem,
  revisions,
  delegation,
  portalTree,
  mergeWizard,
  accounts,
  reports,
  auditLog,
  calendar,
  siteSettings,
  fedShare,
  fedInbox,
  fedRules,
  fedFeed,
  citQuestions,
  citFeedback,
  citQuestion,
  citConsultations,
  citRatings,
  citDialogues,
  citDialogue,
  royalties,
  intake,
  legalDocuments,
  publicServices,
]);

export const router = createRouter({ routeTree, basepath: '/quan-tri', defaultPreload: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

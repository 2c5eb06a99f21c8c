import type { ContentKind } from '@portal/content';
import type { TenantKind } from '@portal/tenancy';
import type { SyndicationEntity } from './syndication.entity';

export enum PushPlacement {
  /** On the receiving portal's home page, pinned. */
  PINNED = 'PINNED',
  /** In the receiving portal's section for the item's kind (announcements, directives…), not pinned. */
  ANNOUNCEMENTS = 'ANNOUNCEMENTS',
}

export interface PushTargets {
  /** Every live descendant. */
  all?: boolean | null;
  /** Only descendants of these kinds (with `all`, or within the subtrees/list below). */
  portalKinds?: TenantKind[] | null;
  /** Whole subtrees (the root included), each under the pushing portal. */
  subtreeRootIds?: string[] | null;
  /** Individual descendants. */
  tenantIds?: string[] | null;
}

export interface AcceptOptions {
  categoryId?: string | null;
  titleOverride?: string | null;
  summaryOverride?: string | null;
}

export interface RuleInput {
  tenantId: string;
  kinds?: ContentKind[] | null;
  sourcePortalKinds?: TenantKind[] | null;
  sourceRootId?: string | null;
  categoryId?: string | null;
}

export interface PushOutcome {
  pushed: SyndicationEntity[];
  /** Chosen portals where the item already shows (or waits), left as they were. */
  alreadyThere: number;
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';

/** A portal taking part in a merge, as participants need it. */
export interface MergeTenant {
  readonly id: string;
  readonly path: string;
  readonly primaryHost: string;
  readonly nameVi: string;
}

/** What is merged into what. */
export interface MergeScope {
  readonly sources: readonly MergeTenant[];
  readonly target: MergeTenant;
}

/** A source category and the target category that stands for it; `null` copies it into the target. */
export interface CategoryMappingEntry {
  sourceCategoryId: string;
  targetCategoryId: string | null;
}

export enum RoleMappingAction {
  /** Re-created on the target (same role, scope, fields, validity) and revoked on the source. */
  MOVE = 'MOVE',
  /** Revoked on the source, not re-created. */
  REVOKE = 'REVOKE',
}

export interface RoleMappingEntry {
  assignmentId: string;
  action: RoleMappingAction;
}

/** The mapping the operator confirms: every source category and every live role assignment of the sources. */
export interface MergePlan {
  categoryMapping: CategoryMappingEntry[];
  roleMapping: RoleMappingEntry[];
}

/** A role assignment of a source as the proposal shows it. */
export interface RoleMappingProposal extends RoleMappingEntry {
  sourceTenantId: string;
  accountId: string;
  username: string;
  role: string;
  scope: string;
  fields: string[];
  /** The account already holds the same live role on the target (or gets it from an earlier entry): moving skips it. */
  duplicate: boolean;
}

/** A merge as every participant sees it: the scope, the confirmed plan, and (in apply) where categories went. */
export interface MergeContext extends MergeScope {
  readonly plan: MergePlan;
  /**
   * Every source category id → the target category that now stands for it (mapped or copied).
   * Filled by the site-structure step before the other participants apply; empty in a preview.
   */
  readonly categoryTargets: Map<string, string>;
}

/**
 * One lib's share of a merge: counts for the dry run, and the re-homing of its rows inside the merge
 * transaction (everything commits or nothing does). Counts are small named integers
 * (`items`, `revisions`, `moved`…); the registry audits each apply with them.
 */
export interface MergeParticipant {
  readonly name: string;
  /** Lower runs first (site structure is 0, so categories exist before items are mapped onto them); default 100. */
  readonly order?: number;
  preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>>;
  apply(tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>>;
  /** Proposes the role mapping for the sources' live assignments (the lib that owns roles). */
  proposeRoleMapping?(
    tx: RequestContext,
    m: EntityManager,
    scope: MergeScope,
  ): Promise<RoleMappingProposal[]>;
  /** Refuses a plan it cannot carry out by throwing a typed input error (field `plan.…`). */
  validate?(tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<void>;
}

/**
 * The libs that own tenant rows register here (in their module's `onModuleInit`) what a merge does
 * to them, because tenancy must not import the libs that depend on it.
 */
@Injectable()
export class MergeParticipants {
  private readonly participants: MergeParticipant[] = [];

  register(participant: MergeParticipant): void {
    if (this.participants.some((p) => p.name === participant.name))
      throw new Error(`merge participant "${participant.name}" is registered twice`);
    this.participants.push(participant);
  }

  /** In the order they run: by `order`, then by registration. */
  all(): MergeParticipant[] {
    return this.participants
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.order ?? 100) - (b.p.order ?? 100) || a.i - b.i)
      .map(({ p }) => p);
  }

  /** Every participant's proposal for the role mapping (the lib that owns roles gives one). */
  async proposeRoleMapping(
    tx: RequestContext,
    m: EntityManager,
    scope: MergeScope,
  ): Promise<RoleMappingProposal[]> {
    const proposals: RoleMappingProposal[] = [];
    for (const p of this.all())
      if (p.proposeRoleMapping) proposals.push(...(await p.proposeRoleMapping(tx, m, scope)));
    return proposals;
  }

  /** Checks a plan with every participant, before anything is written; throws the first typed error. */
  async confirm(
    tx: RequestContext,
    m: EntityManager,
    scope: MergeScope,
    plan: MergePlan,
  ): Promise<MergeContext> {
    const context: MergeContext = { ...scope, plan, categoryTargets: new Map() };
    for (const p of this.all()) await p.validate?.(tx, m, context);
    return context;
  }
}

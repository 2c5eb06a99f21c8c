import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, AppAbility, AppRule, createAppAbility } from '@portal/platform';
import { LiveAssignment, rulesForAssignments } from './role-rules';

/** Rules an account holds through another lib's data. */
export type RuleSource = (accountId: string) => Promise<AppRule[]>;

/** Builds a request's CASL ability from the actor's live role assignments. */
@Injectable()
export class AbilityFactory {
  private readonly sources: RuleSource[] = [];

  constructor(private readonly dataSource: DataSource) {}

  async forActor(actor: Actor): Promise<AppAbility> {
    if (actor.type === 'system') return createAppAbility([{ action: 'manage', subject: 'all' }]);
    if (actor.type !== 'account') return createAppAbility([]);
    if (actor.isPlatformAdmin) return createAppAbility(rulesForAssignments([], true));
    const [assignments, ...contributed] = await Promise.all([
      this.liveAssignments(actor.accountId),
      ...this.sources.map((source) => source(actor.accountId)),
    ]);
    return createAppAbility(rulesForAssignments(assignments, false, actor.accountId, contributed.flat()));
  }

  /**
   * Lets another lib add rules an account holds through its own data (a deputy's delegated approval
   * from libs/editorial), without access reaching into that lib's tables.
   */
  addRuleSource(source: RuleSource): void {
    this.sources.push(source);
  }

  /** Assignments in force now: not revoked, inside their validity window, on a live portal. */
  async liveAssignments(accountId: string): Promise<LiveAssignment[]> {
    const rows: Array<{
      tenant_id: string;
      path: string;
      role: LiveAssignment['role'];
      scope: LiveAssignment['scope'];
      fields: string[];
    }> = await this.dataSource.query(
      `SELECT ra.tenant_id, t.path::text AS path, ra.role, ra.scope, ra.fields
         FROM role_assignments ra JOIN tenants t ON t.id = ra.tenant_id
        WHERE ra.account_id = $1 AND ra.revoked_at IS NULL
          AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now())
          AND t.status IN ('ACTIVE', 'SUSPENDED')`,
      [accountId],
    );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      tenantPath: r.path,
      role: r.role,
      scope: r.scope,
      fields: r.fields,
    }));
  }
}

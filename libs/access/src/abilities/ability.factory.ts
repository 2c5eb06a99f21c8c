import { Injectable } from '@nestjs/common';
import { Actor, AppAbility, AppRule, createAppAbility, systemContext } from '@portal/platform';
import { RoleAssignmentRepository } from '../roles/role-assignment.repository';
import { LiveAssignment, rulesForAssignments } from './role-rules';

/** Rules an account holds through another lib's data. */
export type RuleSource = (accountId: string) => Promise<AppRule[]>;

/** The context of the reads that build an ability: they precede the request's own. */
const ABILITY_SOURCE = systemContext('ability');

/** Builds a request's CASL ability from the actor's live role assignments. */
@Injectable()
export class AbilityFactory {
  private readonly sources: RuleSource[] = [];

  constructor(private readonly assignments: RoleAssignmentRepository) {}

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

  /**
   * Assignments in force now: not revoked, inside their validity window, on a live portal. Read
   * before any request context exists (this builds its ability), hence the factory's own context.
   */
  liveAssignments(accountId: string): Promise<LiveAssignment[]> {
    return this.assignments.live(ABILITY_SOURCE, accountId);
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/** Rows that follow their items and authors to the merge target, with the count name of each. */
const MOVED: Array<[table: string, count: string]> = [
  ['royalty_collaborators', 'collaborators'],
  ['royalty_grades', 'grades'],
  ['royalty_grade_authors', 'gradeAuthors'],
];

/** Rows that stay with the merged portal, with the count name of each. */
const LEFT: Array<[table: string, count: string]> = [
  ['royalty_statements', 'statementsLeft'],
  ['royalty_statement_lines', 'statementLinesLeft'],
  ['royalty_statement_adjustments', 'statementAdjustmentsLeft'],
  ['royalty_budgets', 'budgetsLeft'],
  ['royalty_profile_assignments', 'profileAssignmentsLeft'],
];

/**
 * The royalty share of a merge: grades (with their authors) follow their items to the target and
 * the collaborator registry joins the target's, so the target's next statements pay what was not
 * paid yet. Statements, budgets and the profile choice were the merged portal's own accounting
 * and decisions: they stay with it as its record (an item already on one of its statements is
 * never paid again, whichever portal holds it now).
 */
@Injectable()
export class RoyaltiesMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'royalties';

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [table, count] of [...MOVED, ...LEFT]) {
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ANY($1::uuid[])`,
        [plan.sources.map((s) => s.id)],
      );
      counts[count] = Number(n);
    }
    return counts;
  }

  async apply(_tx: unknown, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [table, count] of MOVED) {
      const [, affected] = await m.query(
        `UPDATE ${table} SET tenant_id = $1 WHERE tenant_id = ANY($2::uuid[])`,
        [plan.target.id, plan.sources.map((s) => s.id)],
      );
      counts[count] = Number(affected ?? 0);
    }
    for (const [table, count] of LEFT) {
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ANY($1::uuid[])`,
        [plan.sources.map((s) => s.id)],
      );
      counts[count] = Number(n);
    }
    return counts;
  }
}

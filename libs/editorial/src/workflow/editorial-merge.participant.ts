import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/** The editorial tables that carry a portal, and the count name each gets in a merge. */
const TABLES: Array<[table: string, count: string]> = [
  ['editorial_states', 'states'],
  ['workflow_events', 'events'],
  ['approval_delegations', 'delegations'],
  ['editorial_reminders', 'reminders'],
];

/**
 * The editorial share of a merge: workflow states, the history of every step, approval delegations
 * and reminders follow their items (and boards) to the target, unchanged otherwise.
 */
@Injectable()
export class EditorialMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'editorial';

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [table, count] of TABLES) {
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
    for (const [table, count] of TABLES) {
      const [, affected] = await m.query(
        `UPDATE ${table} SET tenant_id = $1 WHERE tenant_id = ANY($2::uuid[])`,
        [plan.target.id, plan.sources.map((s) => s.id)],
      );
      counts[count] = Number(affected ?? 0);
    }
    return counts;
  }
}

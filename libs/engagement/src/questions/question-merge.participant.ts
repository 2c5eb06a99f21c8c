import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/** Every tenant column of the questions' tables, and what moving it means. */
const COLUMNS: Array<{ count: string; table: string; column: string }> = [
  { count: 'held', table: 'questions', column: 'tenant_id' },
  { count: 'asked', table: 'questions', column: 'origin_tenant_id' },
  { count: 'handled', table: 'questions', column: 'handler_tenant_id' },
  { count: 'events', table: 'question_events', column: 'tenant_id' },
  { count: 'escalations', table: 'question_escalations', column: 'tenant_id' },
  { count: 'attachments', table: 'question_attachments', column: 'tenant_id' },
];

/**
 * The questions' share of a merge: questions asked at, held by or routed to a merged portal become
 * the target's (its board takes them over with their deadlines as they were), so a tracking code
 * given out by the merged portal keeps working on the target, where the old host now redirects.
 * Units move with their members; a unit named like another one it meets gets its old portal's name
 * appended.
 */
@Injectable()
export class QuestionMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'questions';
  /** After roles: unit members keep working under their moved assignments. */
  readonly order = 220;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const ids = plan.sources.map((s) => s.id);
    const counts: Record<string, number> = {};
    for (const c of COLUMNS) {
      const [row]: Array<{ n: number }> = await m.query(
        `SELECT count(*)::int AS n FROM ${c.table} WHERE ${c.column} = ANY($1::uuid[])`,
        [ids],
      );
      counts[c.count] = row.n;
    }
    const [units]: Array<{ n: number }> = await m.query(
      'SELECT count(*)::int AS n FROM question_units WHERE tenant_id = ANY($1::uuid[])',
      [ids],
    );
    return { ...counts, units: units.n };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const ids = plan.sources.map((s) => s.id);
    const counts: Record<string, number> = {};
    for (const c of COLUMNS) {
      const [, n] = (await m.query(
        `UPDATE ${c.table} SET ${c.column} = $2 WHERE ${c.column} = ANY($1::uuid[])`,
        [ids, plan.target.id],
      )) as [unknown, number];
      counts[c.count] = n;
    }
    const [, units] = (await m.query(
      `UPDATE question_units u
          SET tenant_id = $2,
              name = CASE WHEN EXISTS (SELECT 1 FROM question_units o
                                        WHERE (o.tenant_id = $2 OR (o.tenant_id = ANY($1::uuid[]) AND o.id <> u.id))
                                          AND lower(o.name) = lower(u.name))
                          THEN u.name || ' – ' || t.name_vi ELSE u.name END
         FROM tenants t
        WHERE t.id = u.tenant_id AND u.tenant_id = ANY($1::uuid[])`,
      [ids, plan.target.id],
    )) as [unknown, number];
    return { ...counts, units };
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

const TABLES = ['polls', 'poll_options', 'poll_votes'] as const;

/**
 * Polls' share of a merge: a merged portal's polls, with their options and votes, move to the target,
 * whose board answers for them from then on (one vote per address still holds: it is per poll).
 */
@Injectable()
export class PollMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'polls';
  readonly order = 220;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [r]: Array<{ polls: number; votes: number }> = await m.query(
      `SELECT (SELECT count(*)::int FROM polls WHERE tenant_id = ANY($1::uuid[])) AS polls,
              (SELECT count(*)::int FROM poll_votes WHERE tenant_id = ANY($1::uuid[])) AS votes`,
      [plan.sources.map((s) => s.id)],
    );
    return { polls: r.polls, pollVotes: r.votes };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const table of TABLES) {
      const [, n] = (await m.query(`UPDATE ${table} SET tenant_id = $2 WHERE tenant_id = ANY($1::uuid[])`, [
        plan.sources.map((s) => s.id),
        plan.target.id,
      ])) as [unknown, number];
      moved[table] = n;
    }
    return { polls: moved.polls, pollVotes: moved.poll_votes };
  }
}

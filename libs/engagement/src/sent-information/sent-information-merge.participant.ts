import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/**
 * Sent information's share of a merge: a merged portal's intake queue (waiting, taken up and
 * declined rows) moves to the target, whose board handles what waits and where its senders now
 * follow their codes.
 */
@Injectable()
export class SentInformationMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'sentInformation';
  readonly order = 230;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [r]: Array<{ n: number; waiting: number }> = await m.query(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE status = 'RECEIVED'))::int AS waiting
         FROM sent_information WHERE tenant_id = ANY($1::uuid[])`,
      [plan.sources.map((s) => s.id)],
    );
    return { sentInformation: r.n, sentInformationWaiting: r.waiting };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [, n] = (await m.query(
      'UPDATE sent_information SET tenant_id = $2 WHERE tenant_id = ANY($1::uuid[])',
      [plan.sources.map((s) => s.id), plan.target.id],
    )) as [unknown, number];
    return { sentInformation: n };
  }
}

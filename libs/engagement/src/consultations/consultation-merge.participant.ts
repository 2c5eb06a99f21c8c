import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/**
 * The consultations' share of a merge: comments and summaries follow their items to the target
 * (the target's board moderates them from then on). A merged portal's comment setting and its
 * portal ratings stay with it, as the record of that portal.
 */
@Injectable()
export class ConsultationMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'consultations';
  /** After content: items already belong to the target. */
  readonly order = 210;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const ids = plan.sources.map((s) => s.id);
    const [c]: Array<{ n: number }> = await m.query(
      'SELECT count(*)::int AS n FROM draft_comments WHERE tenant_id = ANY($1::uuid[])',
      [ids],
    );
    const [s]: Array<{ n: number }> = await m.query(
      'SELECT count(*)::int AS n FROM consultation_summaries WHERE tenant_id = ANY($1::uuid[])',
      [ids],
    );
    return { comments: c.n, summaries: s.n };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const ids = plan.sources.map((s) => s.id);
    const [, comments] = (await m.query(
      'UPDATE draft_comments SET tenant_id = $2 WHERE tenant_id = ANY($1::uuid[])',
      [ids, plan.target.id],
    )) as [unknown, number];
    const [, summaries] = (await m.query(
      'UPDATE consultation_summaries SET tenant_id = $2 WHERE tenant_id = ANY($1::uuid[])',
      [ids, plan.target.id],
    )) as [unknown, number];
    return { comments, summaries };
  }
}

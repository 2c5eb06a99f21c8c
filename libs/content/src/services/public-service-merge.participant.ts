import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/**
 * The catalogue's share of a merge: the merged portals' services move to the target. Where the
 * target (or an earlier source) already lists the same code, the merged portal's entry moves
 * withdrawn, so that one entry per code stands; its counts stay on record.
 */
@Injectable()
export class PublicServiceMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'publicServices';
  readonly order = 240;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [r]: Array<{ services: number; duplicates: number }> = await m.query(
      `SELECT count(*)::int AS services,
              count(*) FILTER (WHERE s.withdrawn_at IS NULL AND EXISTS (
                SELECT 1 FROM public_services t WHERE t.tenant_id = $2 AND t.withdrawn_at IS NULL AND lower(t.code) = lower(s.code)))::int AS duplicates
         FROM public_services s WHERE s.tenant_id = ANY($1::uuid[])`,
      [plan.sources.map((s) => s.id), plan.target.id],
    );
    return { publicServices: r.services, publicServicesWithdrawnAsDuplicates: r.duplicates };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    let moved = 0;
    let duplicates = 0;
    // One source at a time, so that a code two sources share stands once too.
    for (const source of plan.sources) {
      const [, d] = (await m.query(
        `UPDATE public_services s SET withdrawn_at = now() WHERE s.tenant_id = $1 AND s.withdrawn_at IS NULL
           AND EXISTS (SELECT 1 FROM public_services t WHERE t.tenant_id = $2 AND t.withdrawn_at IS NULL AND lower(t.code) = lower(s.code))`,
        [source.id, plan.target.id],
      )) as [unknown, number];
      const [, n] = (await m.query(`UPDATE public_services SET tenant_id = $2 WHERE tenant_id = $1`, [
        source.id,
        plan.target.id,
      ])) as [unknown, number];
      duplicates += d;
      moved += n;
    }
    return { publicServices: moved, publicServicesWithdrawnAsDuplicates: duplicates };
  }
}

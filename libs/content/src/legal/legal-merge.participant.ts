import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

const TABLES = ['legal_document_status', 'legal_document_relations'] as const;

/**
 * Legal documents' share of a merge: their validity and the relations the merged portals stated
 * move with the documents to the target (relations between two merged portals' documents stay as
 * they were: they name documents, not portals).
 */
@Injectable()
export class LegalMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'legal';
  readonly order = 230;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [r]: Array<{ statuses: number; relations: number }> = await m.query(
      `SELECT (SELECT count(*)::int FROM legal_document_status WHERE tenant_id = ANY($1::uuid[])) AS statuses,
              (SELECT count(*)::int FROM legal_document_relations WHERE tenant_id = ANY($1::uuid[])) AS relations`,
      [plan.sources.map((s) => s.id)],
    );
    return { legalStatuses: r.statuses, legalRelations: r.relations };
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
    return { legalStatuses: moved.legal_document_status, legalRelations: moved.legal_document_relations };
  }
}

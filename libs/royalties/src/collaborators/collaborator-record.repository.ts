import { Injectable } from '@nestjs/common';
import { RequestContext, ScopedRepository, ScopedRepositoryFactory } from '@portal/platform';
import {
  RoyaltyGradeAuthorEntity,
  RoyaltyStatementLineEntity,
  StatementLineKind,
  StatementState,
} from '../grades/royalty.entities';

/** How many of a collaborator's items and payments one answer lists, newest first. */
export const RECORD_LIMIT = 200;

export interface CollaboratorItemRow {
  itemId: string;
  title: string | null;
  genre: string | null;
  profileKey: string;
  shareBp: number;
  notPaidReason: string | null;
  publishedAt: Date | null;
  gradedAt: Date;
}

export interface CollaboratorPaymentRow {
  month: string;
  state: StatementState;
  kind: StatementLineKind;
  itemId: string | null;
  title: string | null;
  genre: string | null;
  profileKey: string;
  amount: number;
}

/**
 * A collaborator's record in the registry: the items the grades in force name them an author of
 * (read under `read Royalty`) and the statement lines paid to them (read under `read
 * RoyaltyStatement`), each through the scoped repository of its right.
 */
@Injectable()
export class CollaboratorRecordRepository {
  private readonly authors: ScopedRepository<RoyaltyGradeAuthorEntity>;
  private readonly lines: ScopedRepository<RoyaltyStatementLineEntity>;

  constructor(scoped: ScopedRepositoryFactory) {
    this.authors = scoped.for(RoyaltyGradeAuthorEntity, 'Royalty');
    this.lines = scoped.for(RoyaltyStatementLineEntity, 'RoyaltyStatement');
  }

  async items(ctx: RequestContext, collaboratorId: string): Promise<CollaboratorItemRow[]> {
    const rows: Array<Record<string, unknown>> = await this.authors
      .query(ctx, 'read', 'a')
      .innerJoin('royalty_grades', 'g', 'g.id = a.grade_id AND g.superseded_at IS NULL')
      .innerJoin('content_items', 'i', 'i.id = g.item_id')
      .andWhere('a.collaborator_id = :collaboratorId', { collaboratorId })
      .select('g.item_id', 'item_id')
      .addSelect(
        '(SELECT r.title FROM content_revisions r WHERE r.item_id = g.item_id ORDER BY r.number DESC LIMIT 1)',
        'title',
      )
      .addSelect('g.genre', 'genre')
      .addSelect('g.profile_key', 'profile_key')
      .addSelect('a.share_bp', 'share_bp')
      .addSelect('g.not_paid_reason', 'not_paid_reason')
      .addSelect('i.published_at', 'published_at')
      .addSelect('g.graded_at', 'graded_at')
      .orderBy('g.graded_at', 'DESC')
      .addOrderBy('g.item_id', 'ASC')
      .limit(RECORD_LIMIT)
      .getRawMany();
    return rows.map((r) => ({
      itemId: r.item_id as string,
      title: (r.title as string | null) ?? null,
      genre: (r.genre as string | null) ?? null,
      profileKey: r.profile_key as string,
      shareBp: Number(r.share_bp),
      notPaidReason: (r.not_paid_reason as string | null) ?? null,
      publishedAt: r.published_at ? new Date(r.published_at as string) : null,
      gradedAt: new Date(r.graded_at as string),
    }));
  }

  async payments(ctx: RequestContext, collaboratorId: string): Promise<CollaboratorPaymentRow[]> {
    const rows: Array<Record<string, unknown>> = await this.lines
      .query(ctx, 'read', 'l')
      .innerJoin('royalty_statements', 's', 's.id = l.statement_id')
      .andWhere('l.collaborator_id = :collaboratorId', { collaboratorId })
      .select('s.month', 'month')
      .addSelect('s.state', 'state')
      .addSelect('s.profile_key', 'profile_key')
      .addSelect('l.kind', 'kind')
      .addSelect('l.item_id', 'item_id')
      .addSelect('l.title', 'title')
      .addSelect('l.genre', 'genre')
      .addSelect('l.amount', 'amount')
      .orderBy('s.month', 'DESC')
      .addOrderBy('l.line_no', 'ASC')
      .limit(RECORD_LIMIT)
      .getRawMany();
    return rows.map((r) => ({
      month: r.month as string,
      state: r.state as StatementState,
      kind: r.kind as StatementLineKind,
      itemId: (r.item_id as string | null) ?? null,
      title: (r.title as string | null) ?? null,
      genre: (r.genre as string | null) ?? null,
      profileKey: r.profile_key as string,
      amount: Number(r.amount),
    }));
  }
}

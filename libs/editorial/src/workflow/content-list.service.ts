import { Injectable } from '@nestjs/common';
import { ContentKind, ContentRevisionEntity, ContentService } from '@portal/content';
import { RequestContext, decodeCursor, encodeCursor, isUuid, pageSize } from '@portal/platform';
import { EditorialStateEntity } from './editorial.entity';
import { RevisionStatus } from './workflow';
import { EditorialErrors } from '../errors/editorial-errors';

export interface ContentListFilter {
  kind?: ContentKind | null;
  /** The state of the item's latest revision. */
  statuses?: RevisionStatus[] | null;
  categoryId?: string | null;
  /** The account that created the item. */
  createdBy?: string | null;
  /** Only the caller's own items. */
  mine?: boolean | null;
  language?: string | null;
  /** Last change on or after / before this instant. */
  updatedFrom?: Date | null;
  updatedTo?: Date | null;
  /** Words of the title, diacritics optional. */
  query?: string | null;
  first?: number | null;
  after?: string | null;
}

export interface ContentListRow {
  id: string;
  kind: ContentKind;
  language: string;
  slug: string;
  categoryId: string | null;
  createdBy: string;
  updatedAt: Date;
  title: string;
  number: number;
  status: RevisionStatus | null;
  boardDueAt: Date | null;
  dueAt: Date | null;
  isLive: boolean;
}

const badFilter = EditorialErrors.invalidFilter;

/**
 * The editors' list of items: what the caller may read on the addressed portal, newest change first,
 * one row per item with its latest revision's title and state, paged by (updated_at, id).
 */
@Injectable()
export class ContentListService {
  constructor(private readonly content: ContentService) {}

  async list(
    ctx: RequestContext,
    filter: ContentListFilter,
  ): Promise<{ rows: ContentListRow[]; hasNextPage: boolean; endCursor: string | null }> {
    const first = pageSize(filter.first);
    const qb = this.content.items
      .query(ctx, 'read')
      .innerJoin(
        ContentRevisionEntity,
        'rev',
        'rev.item_id = row.id AND rev.number = (SELECT max(r2.number) FROM content_revisions r2 WHERE r2.item_id = row.id)',
      )
      .leftJoin(EditorialStateEntity, 'st', 'st.revision_id = rev.id')
      .select([
        'row.id AS id',
        'row.kind AS kind',
        'row.language AS language',
        'row.slug AS slug',
        'row.category_id AS category_id',
        'row.created_by AS created_by',
        'row.updated_at AS updated_at',
        'CAST(row.updated_at AS text) AS updated_key',
        'rev.title AS title',
        'rev.number AS number',
        'st.status AS status',
        'st.board_due_at AS board_due_at',
        'st.due_at AS due_at',
        '(row.live_revision_id IS NOT NULL AND row.withdrawn_at IS NULL) AS is_live',
      ]);
    if (filter.kind) qb.andWhere('row.kind = :kind', { kind: filter.kind });
    if (filter.statuses?.length) qb.andWhere('st.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.categoryId) {
      if (!isUuid(filter.categoryId)) throw badFilter('categoryId');
      qb.andWhere('row.category_id = :categoryId', { categoryId: filter.categoryId });
    }
    if (filter.createdBy) {
      if (!isUuid(filter.createdBy)) throw badFilter('createdBy');
      qb.andWhere('row.created_by = :createdBy', { createdBy: filter.createdBy });
    }
    if (filter.mine) qb.andWhere('row.created_by = :mine', { mine: ctx.accountId });
    if (filter.language) {
      if (filter.language !== 'vi' && filter.language !== 'en') throw badFilter('language');
      qb.andWhere('row.language = :language', { language: filter.language });
    }
    if (filter.updatedFrom) qb.andWhere('row.updated_at >= :from', { from: filter.updatedFrom });
    if (filter.updatedTo) qb.andWhere('row.updated_at < :to', { to: filter.updatedTo });
    const words = (filter.query ?? '').normalize('NFC').trim().slice(0, 200);
    if (words)
      qb.andWhere(`unaccent(rev.title) ILIKE '%' || unaccent(:words) || '%'`, {
        words: words.replace(/[\\%_]/g, (c) => `\\${c}`),
      });
    if (filter.after) {
      const [at, id] = decodeCursor(filter.after, 2);
      if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) throw badFilter('after');
      qb.andWhere('(row.updated_at, row.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: at,
        afterId: id,
      });
    }
    const raw: Array<Record<string, unknown>> = await qb
      .orderBy('row.updated_at', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .limit(first + 1)
      .getRawMany();
    const page = raw.slice(0, first);
    const last = page[page.length - 1];
    return {
      rows: page.map((r) => ({
        id: r.id as string,
        kind: r.kind as ContentKind,
        language: r.language as string,
        slug: r.slug as string,
        categoryId: (r.category_id as string | null) ?? null,
        createdBy: r.created_by as string,
        updatedAt: new Date(r.updated_at as string),
        title: r.title as string,
        number: Number(r.number),
        status: (r.status as RevisionStatus | null) ?? null,
        boardDueAt: r.board_due_at ? new Date(r.board_due_at as string) : null,
        dueAt: r.due_at ? new Date(r.due_at as string) : null,
        isLive: Boolean(r.is_live),
      })),
      hasNextPage: raw.length > first,
      endCursor: last ? encodeCursor([last.updated_key as string, last.id as string]) : null,
    };
  }
}

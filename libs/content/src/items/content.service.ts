import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { diffWords } from 'diff';
import { EntityManager } from 'typeorm';
import {
  DomainError,
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  inputError,
  isUuid,
} from '@portal/platform';
import { CategoryEntity } from '@portal/tenancy';
import { ContentKind, ContentFields, validateKindFields } from '../kinds/content-kind';
import { plainText, sanitizeRichText, textOf } from '../sanitize/html-sanitizer';
import { ContentItemEntity, ContentRevisionEntity } from './content.entity';
import { slugify } from './slug';
import { ContentErrorCode } from '../errors/content-error-code';

export interface RevisionInput {
  title: string;
  summary?: string | null;
  bodyHtml: string;
  fields?: Record<string, unknown> | null;
  authorName: string;
  source: string;
}

export interface NewItemInput extends RevisionInput {
  tenantId: string;
  kind: ContentKind;
  categoryId?: string | null;
  language?: 'vi' | 'en' | null;
  translationOf?: string | null;
  slug?: string | null;
  field?: string | null;
}

export interface CleanRevision {
  title: string;
  summary: string | null;
  bodyHtml: string;
  bodyText: string;
  fields: ContentFields;
  authorName: string;
  source: string;
}

/** Something that happened to a live item, for other libs to follow in the same transaction. */
export interface ContentLifecycleEvent {
  type: 'published' | 'withdrawn';
  item: ContentItemEntity;
  at: Date;
}
export type ContentLifecycleListener = (tx: RequestContext, event: ContentLifecycleEvent) => Promise<void>;

export interface RevisionDiff {
  field: string;
  parts: Array<{ value: string; added: boolean; removed: boolean }>;
}

/**
 * Items and their revisions. Every save writes a new revision (nothing is overwritten); bodies are
 * sanitised and text fields stripped of markup before they are stored. Who may save what, and when,
 * is the editorial workflow's decision: this service stores what it is given after validation.
 */
@Injectable()
export class ContentService {
  private readonly listeners: ContentLifecycleListener[] = [];

  readonly items: ScopedRepository<ContentItemEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
  ) {
    this.items = scoped.for(ContentItemEntity, 'Content');
  }

  /** Validates a revision's input for a kind; errors name the field. */
  clean(kind: ContentKind, input: RevisionInput): { value: CleanRevision } | { error: DomainError } {
    const title = plainText(input.title ?? '');
    if (!title || title.length > 500)
      return {
        error: inputError(
          ContentErrorCode.INVALID_TITLE,
          'title',
          'Tiêu đề là bắt buộc (tối đa 500 ký tự).',
          'A title is required (at most 500 characters).',
        ),
      };
    const authorName = plainText(input.authorName ?? '');
    if (!authorName)
      return {
        error: inputError(
          ContentErrorCode.REQUIRED,
          'authorName',
          'Cần ghi tác giả.',
          'The author is required (Decree 42: every item names its author).',
        ),
      };
    const source = plainText(input.source ?? '');
    if (!source)
      return {
        error: inputError(
          ContentErrorCode.REQUIRED,
          'source',
          'Cần ghi nguồn tin.',
          'The source is required (Decree 42: every item names its source).',
        ),
      };
    const summary = input.summary ? plainText(input.summary) : null;
    if (summary && summary.length > 2000)
      return {
        error: inputError(
          ContentErrorCode.TOO_LONG,
          'summary',
          'Tóm tắt dài quá 2.000 ký tự.',
          'The summary is longer than 2,000 characters.',
        ),
      };
    if ((input.bodyHtml ?? '').length > 2_000_000)
      return {
        error: inputError(
          ContentErrorCode.TOO_LONG,
          'bodyHtml',
          'Nội dung quá dài.',
          'The body is longer than 2 MB.',
        ),
      };
    const bodyHtml = sanitizeRichText(input.bodyHtml ?? '');
    const fields = validateKindFields(kind, input.fields ?? {});
    if ('error' in fields) return fields;
    return {
      value: {
        title,
        summary,
        bodyHtml,
        bodyText: textOf(bodyHtml),
        fields: fields.value,
        authorName,
        source,
      },
    };
  }

  async createItem(
    m: EntityManager,
    ctx: RequestContext,
    input: NewItemInput,
    clean: CleanRevision,
  ): Promise<{ item: ContentItemEntity; revision: ContentRevisionEntity }> {
    if (input.categoryId) {
      const category = isUuid(input.categoryId)
        ? await m.findOne(CategoryEntity, { where: { id: input.categoryId, tenantId: input.tenantId } })
        : null;
      if (!category)
        throw inputError(
          ContentErrorCode.CATEGORY_NOT_FOUND,
          'categoryId',
          'Chuyên mục không thuộc cổng này.',
          'The category does not belong to this portal.',
        );
    }
    const language = input.language ?? 'vi';
    if (input.translationOf) {
      const original = isUuid(input.translationOf)
        ? await m.findOne(ContentItemEntity, { where: { id: input.translationOf, tenantId: input.tenantId } })
        : null;
      if (!original || original.language !== 'vi' || language !== 'en') {
        throw inputError(
          ContentErrorCode.INVALID_TRANSLATION,
          'translationOf',
          'Bản dịch tiếng Anh phải trỏ tới bản gốc tiếng Việt cùng cổng.',
          'An English translation must point at a Vietnamese original of the same portal.',
        );
      }
      // One translation per original and language (content_items_one_translation): a typed error, not a 500.
      if (await m.exists(ContentItemEntity, { where: { translationOf: original.id, language } }))
        throw inputError(
          ContentErrorCode.TRANSLATION_EXISTS,
          'translationOf',
          'Bài này đã có bản dịch tiếng Anh.',
          'This item already has an English translation.',
        );
    }
    const base = input.slug ? input.slug.trim() : slugify(clean.title);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(base) || base.length > 200)
      throw inputError(
        ContentErrorCode.INVALID_SLUG,
        'slug',
        'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.',
        'The slug may hold lowercase ASCII letters, digits and hyphens only.',
      );
    // A proposed slug that is taken gets a number; an explicit one must be free.
    let slug = base;
    for (let n = 2; await this.slugTaken(m, input.tenantId, language, slug); n++) {
      if (input.slug)
        throw inputError(
          ContentErrorCode.SLUG_TAKEN,
          'slug',
          'Đường dẫn đã được dùng.',
          'The slug is already used on this portal.',
        );
      slug = `${base}-${n}`;
    }
    const now = new Date();
    const item = Object.assign(new ContentItemEntity(), {
      id: randomUUID(),
      tenantId: input.tenantId,
      kind: input.kind,
      categoryId: input.categoryId ?? null,
      language,
      translationOf: input.translationOf ?? null,
      slug,
      field: input.field ? plainText(input.field) : null,
      createdBy: ctx.accountId!,
      createdAt: now,
      updatedAt: now,
      liveRevisionId: null,
      publishedAt: null,
      withdrawnAt: null,
      pinned: false,
    });
    await m.insert(ContentItemEntity, item);
    const revision = await this.addRevision(m, ctx, item, clean);
    return { item, revision };
  }

  async addRevision(
    m: EntityManager,
    ctx: RequestContext,
    item: ContentItemEntity,
    clean: CleanRevision,
    after?: number,
  ): Promise<ContentRevisionEntity> {
    // The item's row lock makes saves of one item take turns; a save prepared against an older
    // revision than the latest (someone saved in between) is told to reload instead of stacking a
    // second draft on a stale one.
    await m.query('SELECT 1 FROM content_items WHERE id = $1 FOR UPDATE', [item.id]);
    const [{ next }] = await m.query(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM content_revisions WHERE item_id = $1',
      [item.id],
    );
    if (after !== undefined && Number(next) !== after + 1) throw editConflict();
    const revision = Object.assign(new ContentRevisionEntity(), {
      id: randomUUID(),
      itemId: item.id,
      tenantId: item.tenantId,
      number: Number(next),
      ...clean,
      createdBy: ctx.accountId!,
      createdAt: new Date(),
    });
    try {
      await m.insert(ContentRevisionEntity, revision as never);
    } catch (e) {
      // A last guard for a writer that numbered its revision without the row lock.
      if ((e as { code?: string; constraint?: string }).constraint === 'content_revisions_number_unique')
        throw editConflict();
      throw e;
    }
    await m.update(ContentItemEntity, { id: item.id }, { updatedAt: new Date() });
    return revision;
  }

  revisions(m: EntityManager, itemId: string): Promise<ContentRevisionEntity[]> {
    return m.find(ContentRevisionEntity, { where: { itemId }, order: { number: 'ASC' } });
  }

  revision(m: EntityManager, itemId: string, number: number): Promise<ContentRevisionEntity | null> {
    return m.findOne(ContentRevisionEntity, { where: { itemId, number } });
  }

  /** Word-level differences between two revisions, field by field (only fields that differ). */
  compare(a: ContentRevisionEntity, b: ContentRevisionEntity): RevisionDiff[] {
    const pairs: Array<[string, string, string]> = [
      ['title', a.title, b.title],
      ['summary', a.summary ?? '', b.summary ?? ''],
      ['body', a.bodyText, b.bodyText],
      ['fields', JSON.stringify(a.fields, null, 1), JSON.stringify(b.fields, null, 1)],
      ['authorName', a.authorName, b.authorName],
      ['source', a.source, b.source],
    ];
    return pairs
      .filter(([, x, y]) => x !== y)
      .map(([field, x, y]) => ({
        field,
        parts: diffWords(x, y).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })),
      }));
  }

  async makeLive(m: EntityManager, item: ContentItemEntity, revisionId: string, at: Date): Promise<void> {
    await m.update(
      ContentItemEntity,
      { id: item.id },
      { liveRevisionId: revisionId, publishedAt: item.publishedAt ?? at, withdrawnAt: null, updatedAt: at },
    );
  }

  async setPinned(m: EntityManager, item: ContentItemEntity, pinned: boolean): Promise<void> {
    await m.update(ContentItemEntity, { id: item.id }, { pinned, updatedAt: new Date() });
  }

  async withdraw(m: EntityManager, item: ContentItemEntity, at: Date): Promise<void> {
    await m.update(ContentItemEntity, { id: item.id }, { withdrawnAt: at, updatedAt: at });
  }

  /**
   * Whether a slug is in use on a portal: by one of its own items, or by a copy of another portal's
   * item shown there (syndication), so that an address never names two items.
   */
  async slugTaken(m: EntityManager, tenantId: string, language: 'vi' | 'en', slug: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM content_items WHERE tenant_id = $1 AND language = $2 AND slug = $3
       UNION ALL
       SELECT 1 FROM public_copies WHERE place_tenant_id = $1 AND place_slug = $3
       LIMIT 1`,
      [tenantId, language, slug],
    );
    return rows.length > 0;
  }

  /** Lets another lib follow publications and withdrawals (e.g. to end syndicated copies). */
  onLifecycle(listener: ContentLifecycleListener): void {
    this.listeners.push(listener);
  }

  /** Called by the workflow inside the transaction that made the change. */
  async lifecycle(tx: RequestContext, event: ContentLifecycleEvent): Promise<void> {
    for (const listener of this.listeners) await listener(tx, event);
  }

  manager(ctx: RequestContext): EntityManager {
    return this.tx.manager(ctx);
  }
}

/** Someone saved the item between this save's reading and writing it. */
export function editConflict(): DomainError {
  return new DomainError(
    ContentErrorCode.EDIT_CONFLICT,
    {
      vi: 'Tin bài vừa được người khác lưu; hãy tải lại rồi sửa tiếp.',
      en: 'Someone saved this item at the same moment; reload it and edit again.',
    },
    'itemId',
    409,
  );
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  NotFoundError,
  PgNotifications,
  RequestContext,
  Result,
  TransactionRunner,
  can,
  fail,
  forbidden,
  inputError,
  isUuid,
  ok,
  withinRequestTenant,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { ContentItemEntity } from '../items/content.entity';
import { ContentService } from '../items/content.service';
import { ContentKind } from '../kinds/content-kind';
import { LegalDocumentRelationEntity, LegalDocumentStatusEntity } from './legal-validity.entity';
import {
  CleanValidity,
  LegalRelationKind,
  LegalValidity,
  ValidityInput,
  checkValidity,
  relationAsSeenFrom,
  storedRelation,
  validityOn,
} from './legal-validity';
import { ContentErrorCode } from '../errors/content-error-code';

/** One relation of a document as read from it, with what may be shown of the other document. */
export interface LegalRelationView {
  id: string;
  kind: LegalRelationKind;
  otherItemId: string;
  otherTenantId: string;
  /** Null when the other document is neither live nor within the reader's portal. */
  otherTitle: string | null;
  otherNumber: string | null;
}

/** A legal document's validity and relations as its officers see them. */
export interface LegalDocumentView {
  itemId: string;
  validity: LegalValidity | null;
  /** The validity today (past the expiry date it is EXPIRED). */
  validityToday: LegalValidity | null;
  expiryDate: string | null;
  nationalDbUrl: string | null;
  relations: LegalRelationView[];
}

const notFound = (field = 'itemId') => new NotFoundError('Legal document', field);

/** Vietnam's date today (the validity of a document changes at local midnight). */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Legal documents' validity and relations. Those who may publish a portal's documents (its board
 * and operator) state them; a relation may point at a live document of any portal, or at one of
 * their own not yet published, and is stored once, read from both documents.
 */
@Injectable()
export class LegalValidityService {
  constructor(
    private readonly content: ContentService,
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly notifications: PgNotifications,
  ) {}

  /**
   * After a commit: this instance drops the portals' cached pages at once (the trigger's NOTIFY
   * reaches every instance, this one a moment later).
   */
  changed(...tenantIds: string[]): void {
    for (const id of new Set(tenantIds)) this.notifications.emitLocal('content_changed', id);
  }

  /** Sets (or changes) a document's validity; the same statement again writes nothing. */
  setValidity(ctx: RequestContext, itemId: string, input: ValidityInput): Promise<Result<LegalDocumentView>> {
    return this.guard(async () => {
      const id = await this.tx.run(ctx, async (tx) => {
        const item = await this.writable(tx, itemId, 'itemId');
        const clean = checkValidity(input);
        if (clean instanceof DomainError) throw clean;
        await this.writeStatus(tx, item, clean);
        return item.id;
      });
      return this.committed(ctx, id);
    });
  }

  /**
   * Writes a document's status when it differs from the stored one; answers whether it wrote.
   * The caller has checked the item and the right to publish it.
   */
  async writeStatus(tx: RequestContext, item: ContentItemEntity, clean: CleanValidity): Promise<boolean> {
    const m = this.tx.manager(tx);
    const before = await m.findOne(LegalDocumentStatusEntity, { where: { itemId: item.id } });
    if (
      before &&
      before.validity === clean.validity &&
      (before.expiryDate ?? null) === clean.expiryDate &&
      (before.nationalDbUrl ?? null) === clean.nationalDbUrl
    )
      return false;
    const row = Object.assign(new LegalDocumentStatusEntity(), {
      itemId: item.id,
      tenantId: item.tenantId,
      ...clean,
      updatedBy: tx.accountId!,
      updatedAt: new Date(),
    });
    await m.upsert(LegalDocumentStatusEntity, row, ['itemId']);
    await this.audit.record(tx, {
      tenantId: item.tenantId,
      action: 'legal.validity_set',
      subjectType: 'Content',
      subjectId: item.id,
      before: before
        ? { validity: before.validity, expiryDate: before.expiryDate, nationalDbUrl: before.nationalDbUrl }
        : null,
      after: { ...clean },
    });
    return true;
  }

  /** States "this document <kind> that one"; the other may be a live document of any portal. */
  relate(
    ctx: RequestContext,
    input: { itemId: string; kind: LegalRelationKind; otherItemId: string },
  ): Promise<Result<LegalDocumentView>> {
    return this.guard(async () => {
      const id = await this.tx.run(ctx, async (tx) => {
        const item = await this.writable(tx, input.itemId, 'itemId');
        const otherId = await this.relatable(tx, input.otherItemId, 'otherItemId');
        await this.addRelation(tx, item, input.kind, otherId, 'otherItemId');
        return item.id;
      });
      return this.committed(ctx, id);
    });
  }

  /**
   * Adds a relation unless the same one stands; answers whether it wrote. The caller has checked
   * both documents.
   */
  async addRelation(
    tx: RequestContext,
    item: ContentItemEntity,
    kind: LegalRelationKind,
    otherId: string,
    field: string,
  ): Promise<boolean> {
    if (!Object.values(LegalRelationKind).includes(kind))
      throw inputError(
        ContentErrorCode.INVALID_RELATION,
        field.replace(/otherItemId$|number$/, 'kind'),
        'Quan hệ không hợp lệ.',
        'Unknown relation.',
      );
    if (otherId === item.id)
      throw inputError(
        ContentErrorCode.SELF_RELATION,
        field,
        'Văn bản không thể có quan hệ với chính nó.',
        'A document cannot be related to itself.',
      );
    const stored = storedRelation(item.id, kind, otherId);
    // Asked twice: in this transaction (it sees what it wrote, within its portal), and outside it
    // (another portal may have stated the same relation; RLS hides it here, the answer says nothing else).
    const standing = async (q: {
      query: (sql: string, params: unknown[]) => Promise<Array<{ n: number }>>;
    }) =>
      (
        await q.query(
          `SELECT count(*)::int AS n FROM legal_document_relations
            WHERE from_item_id = $1 AND to_item_id = $2 AND kind = $3 AND removed_at IS NULL`,
          [stored.fromId, stored.toId, stored.kind],
        )
      )[0].n > 0;
    // UNSCOPED: existence of a standing relation between two given documents.
    if ((await standing(this.tx.manager(tx))) || (await standing(this.dataSource))) return false;
    const row = Object.assign(new LegalDocumentRelationEntity(), {
      id: randomUUID(),
      tenantId: item.tenantId,
      fromItemId: stored.fromId,
      toItemId: stored.toId,
      kind: stored.kind,
      createdBy: tx.accountId!,
      createdAt: new Date(),
      removedBy: null,
      removedAt: null,
    });
    await this.tx.manager(tx).insert(LegalDocumentRelationEntity, row);
    await this.audit.record(tx, {
      tenantId: item.tenantId,
      action: 'legal.relation_added',
      subjectType: 'Content',
      subjectId: item.id,
      before: null,
      after: { relationId: row.id, kind, otherItemId: otherId },
    });
    return true;
  }

  /** Removes a relation stated by the caller's portal (kept, marked removed). */
  removeRelation(ctx: RequestContext, relationId: string): Promise<Result<LegalDocumentView>> {
    return this.guard(async () => {
      const done = await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const row = isUuid(relationId)
          ? await m.findOne(LegalDocumentRelationEntity, { where: { id: relationId, removedAt: IsNull() } })
          : null;
        const portal = row ? this.routing.tenant(row.tenantId) : null;
        if (
          !row ||
          !portal ||
          !can(tx, 'publish', 'Content', { tenantId: portal.id, tenantPath: portal.path })
        )
          throw new NotFoundError('Legal document relation', 'id');
        await m.update(
          LegalDocumentRelationEntity,
          { id: row.id },
          { removedAt: new Date(), removedBy: tx.accountId! },
        );
        // UNSCOPED: the portals of the two documents (both pages show the relation).
        const items: Array<{ id: string; tenant_id: string }> = await this.dataSource.query(
          `SELECT id, tenant_id FROM content_items WHERE id = ANY($1::uuid[])`,
          [[row.fromItemId, row.toItemId]],
        );
        const own =
          items.find((i) => i.id === row.fromItemId)?.tenant_id === row.tenantId
            ? row.fromItemId
            : row.toItemId;
        await this.audit.record(tx, {
          tenantId: row.tenantId,
          action: 'legal.relation_removed',
          subjectType: 'Content',
          subjectId: own,
          before: { relationId: row.id, kind: row.kind, fromItemId: row.fromItemId, toItemId: row.toItemId },
          after: null,
        });
        return { own, tenants: items.map((i) => i.tenant_id) };
      });
      return this.committed(ctx, done.own, done.tenants);
    });
  }

  /**
   * A legal document of the request's portal (or below) whose validity the caller may state:
   * NOT_FOUND when it cannot read it (another portal's), FORBIDDEN when it may read but not publish.
   */
  async writable(tx: RequestContext, itemId: string, field: string): Promise<ContentItemEntity> {
    const item = isUuid(itemId) ? await this.content.items.findById(tx, 'read', itemId) : null;
    const portal = item ? this.routing.tenant(item.tenantId) : null;
    if (!item || !portal) throw notFound(field);
    if (!can(tx, 'publish', 'Content', { tenantId: portal.id, tenantPath: portal.path }))
      throw forbidden('publish', 'Content');
    if (item.kind !== ContentKind.LEGAL_DOCUMENT)
      throw inputError(
        ContentErrorCode.NOT_A_LEGAL_DOCUMENT,
        field,
        'Đây không phải văn bản quy phạm, văn bản chỉ đạo điều hành.',
        'This item is not a legal document.',
      );
    return item;
  }

  /**
   * The other side of a relation: a legal document the caller can read (its own portal's, even a
   * draft), or a live one of any portal. Anything else reads as not found (drafts of others stay
   * unseen).
   */
  async relatable(tx: RequestContext, itemId: string, field: string): Promise<string> {
    if (!isUuid(itemId)) throw notFound(field);
    const own = await this.content.items.findById(tx, 'read', itemId);
    let kind: string | null = own?.kind ?? null;
    if (!own) {
      // UNSCOPED: a live document is public on its portal.
      const [live]: Array<{ kind: string }> = await this.dataSource.query(
        `SELECT kind FROM content_items WHERE id = $1 AND live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
        [itemId],
      );
      kind = live?.kind ?? null;
    }
    if (!kind) throw notFound(field);
    if (kind !== ContentKind.LEGAL_DOCUMENT)
      throw inputError(
        ContentErrorCode.NOT_A_LEGAL_DOCUMENT,
        field,
        'Văn bản liên quan phải là văn bản quy phạm, văn bản chỉ đạo điều hành.',
        'The related item must be a legal document.',
      );
    return itemId;
  }

  /**
   * After a commit: the document's view (read outside the transaction, which saw neither other
   * portals' rows nor, from another connection, its own), and the pages showing it dropped.
   */
  private async committed(
    ctx: RequestContext,
    itemId: string,
    alsoTenants: string[] = [],
  ): Promise<LegalDocumentView> {
    const view = await this.view(ctx, itemId);
    this.changed(ctx.requireTenant().id, ...alsoTenants, ...view.relations.map((r) => r.otherTenantId));
    return view;
  }

  /** A legal document's status and relations for an officer who may read it; null otherwise. */
  async statusOf(ctx: RequestContext, itemId: string): Promise<LegalDocumentView | null> {
    return this.tx.run(ctx, async (tx) => {
      const item = isUuid(itemId) ? await this.content.items.findById(tx, 'read', itemId) : null;
      if (!item || item.kind !== ContentKind.LEGAL_DOCUMENT) return null;
      return this.view(tx, item.id);
    });
  }

  /** The document's status and standing relations, for its officers. */
  async view(tx: RequestContext, itemId: string): Promise<LegalDocumentView> {
    const m = this.tx.manager(tx);
    const status = await m.findOne(LegalDocumentStatusEntity, { where: { itemId } });
    // UNSCOPED: relations name documents of other portals; what is shown of them is decided below.
    const rows: Array<{
      id: string;
      kind: string;
      from_item_id: string;
      other_id: string;
      other_tenant_id: string;
      live: boolean;
      title: string;
      number: string | null;
    }> = await this.dataSource.query(
      `SELECT rel.id, rel.kind, rel.from_item_id, o.id AS other_id, o.tenant_id AS other_tenant_id,
              (o.live_revision_id IS NOT NULL AND o.withdrawn_at IS NULL) AS live, r.title, r.fields->>'number' AS number
         FROM legal_document_relations rel
         JOIN content_items o ON o.id = CASE WHEN rel.from_item_id = $1 THEN rel.to_item_id ELSE rel.from_item_id END
         JOIN LATERAL (SELECT title, fields FROM content_revisions
                        WHERE item_id = o.id ORDER BY (id = o.live_revision_id) DESC, number DESC LIMIT 1) r ON true
        WHERE (rel.from_item_id = $1 OR rel.to_item_id = $1) AND rel.removed_at IS NULL
        ORDER BY rel.created_at, rel.id`,
      [itemId],
    );
    const today = vietnamToday();
    return {
      itemId,
      validity: status?.validity ?? null,
      validityToday: status ? validityOn(status.validity, status.expiryDate, today) : null,
      expiryDate: status?.expiryDate ?? null,
      nationalDbUrl: status?.nationalDbUrl ?? null,
      relations: rows.map((r) => {
        const portal = this.routing.tenant(r.other_tenant_id);
        const shown = r.live || (!!portal && withinRequestTenant(tx, portal.path));
        return {
          id: r.id,
          kind: relationAsSeenFrom(r.kind as never, r.from_item_id, itemId),
          otherItemId: r.other_id,
          otherTenantId: r.other_tenant_id,
          otherTitle: shown ? r.title : null,
          otherNumber: shown ? r.number : null,
        };
      }),
    };
  }

  private async guard<T>(work: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus !== 500) return fail(e);
      throw e;
    }
  }
}

import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  AttachmentsService,
  ContentKind,
  PublicContentService,
  plainText,
  type ReceivedFile,
} from '@portal/content';
import { EditorialService } from '@portal/editorial';
import {
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  assertCan,
  decodeTimeIdCursor,
  encodeCursor,
  fail,
  inputError,
  isUuid,
  ok,
  pageSize,
  readFromPrimary,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { PublicWriteGuard, PublicWriteProof, RateLimitedError } from '../abuse/public-write-guard';
import { EngagementClock } from '../consultations/engagement-clock';
import { guarded } from '../consultations/public-result';
import { randomTrackingCode } from '../questions/question-input';
import {
  SENT_INFORMATION_PREFIX,
  SendInformationInput,
  cleanSentInformation,
  normalizeSentCode,
  paragraphs,
} from './sent-information-input';
import { SentInformationEntity, SentInformationStatus } from './sent-information.entity';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** Largest file a sender may attach. */
export const SENT_INFORMATION_MAX_BYTES = 10 * 1024 * 1024;

export interface SentInformationReceipt {
  trackingCode: string;
  receivedAt: Date;
}

/** What the sender sees by the code: never the contact details, never the board's notes. */
export interface SentInformationTracking {
  trackingCode: string;
  title: string;
  status: SentInformationStatus;
  receivedAt: Date;
  handledAt: Date | null;
  declineReason: string | null;
  /** The published item's slug, once the draft written from it is live. */
  publishedSlug: string | null;
}

export interface TakeUpInput {
  kind?: ContentKind | null;
  categoryId?: string | null;
  fields?: Record<string, unknown> | null;
}

export interface SentInformationPage {
  nodes: SentInformationEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const notFound = () => new NotFoundError('SentInformation', 'id');
const alreadyHandled = () =>
  inputError(
    EngagementErrorCode.ALREADY_HANDLED,
    'id',
    'Thông tin này đã được xử lý (đã tiếp nhận biên tập hoặc không sử dụng).',
    'This information has already been handled (taken up or declined).',
  );

/**
 * Information sent in by outside organisations and people (05/2024/QĐ-UBND art. 14.2; 1376/QĐ-SVHTT
 * art. 9.1). Anyone sends it (behind the public write gate, with an optional file typed by its
 * content); it waits in the board's intake queue until a contributor takes it up, which writes a
 * draft item from it in the same transaction, or the board declines it with a reason. The sender
 * follows it by its tracking code on the portal it was sent to.
 */
@Injectable()
export class SentInformationService {
  private readonly rows: ScopedRepository<SentInformationEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
    private readonly guard: PublicWriteGuard,
    private readonly clock: EngagementClock,
    private readonly attachments: AttachmentsService,
    private readonly editorial: EditorialService,
    private readonly published: PublicContentService,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
  ) {
    this.rows = scoped.for(SentInformationEntity, 'SentInformation');
  }

  async send(
    ctx: RequestContext,
    input: SendInformationInput,
    proof: PublicWriteProof,
    file: ReceivedFile | null = null,
  ): Promise<Result<SentInformationReceipt>> {
    try {
      // First, before anything is read or written; a flood is refused as a thrown 429.
      await this.guard.admit(ctx, proof);
    } catch (e) {
      if (e instanceof DomainError && !(e instanceof RateLimitedError) && e.httpStatus === 400)
        return fail(e);
      throw e;
    }
    const tenant = ctx.requireTenant();
    const clean = cleanSentInformation(input);
    if ('error' in clean) return fail(clean.error);
    let stored: Awaited<ReturnType<AttachmentsService['storeFile']>> | null = null;
    if (file) {
      try {
        stored = await this.attachments.storeFile(file, await this.attachments.typeOf(file));
      } catch (e) {
        if (e instanceof DomainError && e.httpStatus < 500) return fail(e);
        throw e;
      }
    }
    const now = this.clock.now();
    const row = Object.assign(new SentInformationEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      trackingCode: randomTrackingCode(SENT_INFORMATION_PREFIX),
      status: SentInformationStatus.RECEIVED,
      senderName: clean.value.name,
      organisation: clean.value.organisation,
      position: clean.value.position,
      email: clean.value.email,
      phone: clean.value.phone,
      address: clean.value.address,
      title: clean.value.title,
      body: clean.value.body,
      fileSha256: stored?.sha256 ?? null,
      fileName: stored?.fileName ?? null,
      fileMediaType: stored?.mediaType ?? null,
      fileSize: stored ? String(stored.size) : null,
      receivedAt: now,
      handledBy: null,
      handledAt: null,
      itemId: null,
      declineReason: null,
    });
    await this.tx.run(ctx, (tx) => this.tx.manager(tx).insert(SentInformationEntity, row));
    return ok({ trackingCode: row.trackingCode, receivedAt: now });
  }

  /** Sent information by its code, on the portal it was sent to only (else null, as for an unknown code). */
  async track(ctx: RequestContext, code: string): Promise<SentInformationTracking | null> {
    const tenant = ctx.requireTenant();
    const normalized = normalizeSentCode(code);
    if (!normalized) return null;
    // The sender follows the code they were just given: read it where it was written.
    const row = await readFromPrimary(() =>
      this.tx
        .manager(ctx)
        .findOne(SentInformationEntity, { where: { trackingCode: normalized, tenantId: tenant.id } }),
    );
    if (!row) return null;
    const live = row.itemId ? await this.published.byId(row.tenantId, row.itemId) : null;
    return {
      trackingCode: row.trackingCode,
      title: row.title,
      status: row.status,
      receivedAt: row.receivedAt,
      handledAt: row.handledAt,
      declineReason: row.declineReason,
      publishedSlug: live?.slug ?? null,
    };
  }

  /** The intake queue of the addressed portal (and below, for subtree roles), newest first. */
  async list(
    ctx: RequestContext,
    filter: { status?: SentInformationStatus | null; first?: number | null; after?: string | null },
  ): Promise<SentInformationPage> {
    const first = pageSize(filter.first);
    const qb = this.rows.query(ctx, 'read');
    if (filter.status) qb.andWhere('row.status = :status', { status: filter.status });
    if (filter.after) {
      const { at, id } = decodeTimeIdCursor(filter.after);
      qb.andWhere('(row.received_at, row.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at, id });
    }
    const rows = await qb
      .orderBy('row.received_at', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null,
    };
  }

  /** One piece of sent information the caller may read (NOT_FOUND otherwise, as for none). */
  async view(ctx: RequestContext, id: string): Promise<SentInformationEntity> {
    const row = isUuid(id) ? await this.rows.findById(ctx, 'read', id) : null;
    if (!row) throw notFound();
    return row;
  }

  /**
   * A contributor takes it up: a draft item of the portal is written from it (title, text as
   * paragraphs, the sender as author and source), with the caller as its writer, in one transaction.
   */
  takeUp(ctx: RequestContext, id: string, input: TakeUpInput): Promise<Result<SentInformationEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = isUuid(id) ? await this.rows.findById(tx, 'read', id) : null;
        if (!row) throw notFound();
        const portal = this.routing.tenant(row.tenantId)!;
        assertCan(tx, 'update', 'SentInformation', { tenantId: portal.id, tenantPath: portal.path });
        if (row.status !== SentInformationStatus.RECEIVED) throw alreadyHandled();
        const made = await this.editorial.create(tx, {
          tenantId: row.tenantId,
          kind: input.kind ?? ContentKind.NEWS,
          categoryId: input.categoryId ?? null,
          title: row.title,
          summary: null,
          bodyHtml: paragraphs(row.body),
          fields: input.fields ?? {},
          authorName: row.senderName,
          source: row.organisation ?? row.senderName,
        });
        if (!made.ok) throw made.error;
        const now = this.clock.now();
        await this.settle(tx, row, {
          status: SentInformationStatus.TAKEN_UP,
          itemId: made.value.item.id,
          handledBy: tx.accountId!,
          handledAt: now,
        });
        return row;
      }),
    );
  }

  /** The board declines it, with the reason the sender is told. */
  decline(ctx: RequestContext, id: string, reason: string): Promise<Result<SentInformationEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = isUuid(id) ? await this.rows.findById(tx, 'read', id) : null;
        if (!row) throw notFound();
        const portal = this.routing.tenant(row.tenantId)!;
        assertCan(tx, 'moderate', 'SentInformation', { tenantId: portal.id, tenantPath: portal.path });
        const why = cleanReason(reason);
        if (!why)
          throw inputError(
            EngagementErrorCode.REASON_REQUIRED,
            'reason',
            'Cần ghi lý do không sử dụng.',
            'A reason is required.',
          );
        if (why.length > 1000)
          throw inputError(
            EngagementErrorCode.TOO_LONG,
            'reason',
            'Lý do dài quá 1.000 ký tự.',
            'The reason is over 1,000 characters.',
          );
        if (row.status !== SentInformationStatus.RECEIVED) throw alreadyHandled();
        await this.settle(tx, row, {
          status: SentInformationStatus.DECLINED,
          declineReason: why,
          handledBy: tx.accountId!,
          handledAt: this.clock.now(),
        });
        return row;
      }),
    );
  }

  /** The sent file's bytes (for an officer who may read the row). */
  open(row: SentInformationEntity): Promise<Readable> {
    return this.attachments.openBlob(row.fileSha256!);
  }

  /** Moves a waiting row on, once: a concurrent take-up or decline finds it handled. */
  private async settle(
    tx: RequestContext,
    row: SentInformationEntity,
    change: Partial<SentInformationEntity>,
  ): Promise<void> {
    const result = await this.tx
      .manager(tx)
      .createQueryBuilder()
      .update(SentInformationEntity)
      .set(change)
      .where('id = :id AND status = :waiting', { id: row.id, waiting: SentInformationStatus.RECEIVED })
      .execute();
    if (result.affected !== 1) throw alreadyHandled();
    await this.audit.record(tx, {
      tenantId: row.tenantId,
      action:
        change.status === SentInformationStatus.TAKEN_UP
          ? 'sentInformation.takenUp'
          : 'sentInformation.declined',
      subjectType: 'SentInformation',
      subjectId: row.id,
      before: { status: row.status },
      after: { status: change.status, itemId: change.itemId ?? null, reason: change.declineReason ?? null },
    });
    Object.assign(row, change);
  }
}

const cleanReason = (reason: string) => plainText(reason ?? '').trim();

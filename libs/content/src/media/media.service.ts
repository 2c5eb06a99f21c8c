import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { AttachmentsService } from '../attachments/attachments.service';
import { BLOB_STORE, BlobStore, blobKey } from '../attachments/blob-store';
import { cleanFileName } from '../attachments/file-name';
import type { ReceivedFile } from '../attachments/upload-receiver';
import { ContentKind } from '../kinds/content-kind';
import { plainText } from '../sanitize/html-sanitizer';
import { MediaFileEntity } from './media-file.entity';
import { MediaItemRow, MediaRepository } from './media.repository';
import {
  ItemMediaView,
  MediaFileView,
  MediaServing,
  PhotoDescription,
  PreparedMedia,
  ROLE_KINDS,
  TEXT_MAX,
  itemMediaOf,
  mediaView,
  unsupportedMedia,
} from './media-views';
import {
  FORMAT_EXTENSION,
  MediaFormat,
  MediaRole,
  ROLE_FORMATS,
  checkWebVttFile,
  imageFileSize,
  sniffMediaFile,
} from './media-sniff';
import { ContentErrorCode } from '../errors/content-error-code';

/**
 * Media items' files: the video or audio of an item, its poster and captions, a gallery's photos.
 * Files are typed by their bytes (the role names what is acceptable), stored content-addressed in
 * the attachments' blob store, and belong to the addressed portal. Whoever may edit the item (its
 * author, a reviewer) attaches, describes, orders and withdraws them; nothing is deleted.
 */
@Injectable()
export class MediaService {
  constructor(
    private readonly repo: MediaRepository,
    private readonly attachments: AttachmentsService,
    private readonly tx: TransactionRunner,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  assertMayUpload(ctx: RequestContext): void {
    this.attachments.assertMayUpload(ctx);
  }

  /** The file's format by content, if its role accepts it (else UNSUPPORTED_TYPE, or INVALID_CAPTIONS). */
  async formatOf(role: MediaRole, file: ReceivedFile): Promise<MediaFormat> {
    const format = await sniffMediaFile(file.path);
    if (!format || !ROLE_FORMATS[role].includes(format)) throw unsupportedMedia(role);
    if (role === MediaRole.CAPTIONS) {
      const problem = await checkWebVttFile(file.path);
      if (problem)
        throw inputError(
          ContentErrorCode.INVALID_CAPTIONS,
          'file',
          `Tệp phụ đề WebVTT không hợp lệ (dòng ${problem.line}): ${problem.vi}.`,
          `The WebVTT captions are not valid (line ${problem.line}): ${problem.en}.`,
        );
    }
    return format;
  }

  /**
   * Checks a received upload and stores its bytes: type by content, the item (when given: same
   * portal, editable, of a kind the role fits), bytes into the blob store unless already there.
   * Done before the row's transaction, so that no transaction stays open while a large file copies.
   */
  async prepare(
    ctx: RequestContext,
    role: MediaRole,
    file: ReceivedFile,
    itemId: string | null,
  ): Promise<PreparedMedia> {
    this.assertMayUpload(ctx);
    const format = await this.formatOf(role, file);
    if (itemId) {
      const item = await this.editableItem(ctx, itemId, 'itemId');
      this.assertRoleFits(role, item, 'itemId');
    }
    const key = blobKey(file.sha256);
    const size =
      role === MediaRole.POSTER || role === MediaRole.PHOTO ? await imageFileSize(file.path) : null;
    if (!(await this.store.has(key))) await this.store.put(key, createReadStream(file.path), file.size);
    return { format, width: size?.width ?? null, height: size?.height ?? null };
  }

  /** Writes the row of a prepared upload (attached to the item when one is given). */
  async record(
    ctx: RequestContext,
    role: MediaRole,
    file: ReceivedFile,
    prepared: PreparedMedia,
    itemId: string | null,
  ): Promise<MediaFileView> {
    const { format } = prepared;
    const tenant = ctx.requireTenant();
    if (itemId) {
      const item = await this.editableItem(ctx, itemId, 'itemId');
      this.assertRoleFits(role, item, 'itemId');
    }
    const now = new Date();
    const row = Object.assign(new MediaFileEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      itemId: null,
      role,
      sha256: file.sha256,
      size: file.size,
      mediaType: format,
      fileName: cleanFileName(file.clientName, `media.${FORMAT_EXTENSION[format]}`),
      position: null,
      width: prepared.width,
      height: prepared.height,
      captionVi: null,
      captionEn: null,
      creditVi: null,
      creditEn: null,
      uploadedBy: ctx.accountId!,
      createdAt: now,
      updatedAt: now,
      withdrawnAt: null,
    });
    await this.tx.run(ctx, async (tx) => {
      await this.repo.insert(tx, row);
      if (itemId) await this.attachRow(tx, row, itemId, now);
    });
    return mediaView(row);
  }

  /** Attaches an uploaded file of the portal to an item (replacing the item's file of that role). */
  async attach(ctx: RequestContext, itemId: string, mediaFileId: string): Promise<Result<ItemMediaView>> {
    return this.guard(async () => {
      const item = await this.editableItem(ctx, itemId, 'itemId');
      const file = await this.ownFile(ctx, mediaFileId, 'mediaFileId');
      if (file.itemId && file.itemId !== item.id)
        throw inputError(
          ContentErrorCode.MEDIA_ALREADY_ATTACHED,
          'mediaFileId',
          'Tệp này đã thuộc một tin bài khác; hãy tải lên lại.',
          'This file belongs to another item; upload it again.',
        );
      this.assertRoleFits(file.role, item, 'itemId');
      if (file.itemId !== item.id)
        await this.tx.run(ctx, (tx) => this.attachRow(tx, file, item.id, new Date()));
      return this.viewOf(ctx, item.id);
    });
  }

  /** What an officer sees of an item's media (who may read the item). */
  async itemMedia(ctx: RequestContext, itemId: string): Promise<ItemMediaView | null> {
    const item = isUuid(itemId) ? await this.repo.item(ctx, itemId) : null;
    if (!item || !this.mayRead(ctx, item)) return null;
    return this.viewOf(ctx, item.id);
  }

  async describePhoto(
    ctx: RequestContext,
    id: string,
    input: PhotoDescription,
  ): Promise<Result<ItemMediaView>> {
    return this.guard(async () => {
      const file = await this.ownFile(ctx, id, 'id');
      if (file.role !== MediaRole.PHOTO || !file.itemId)
        throw inputError(
          ContentErrorCode.NOT_A_GALLERY_PHOTO,
          'id',
          'Chỉ ảnh của một bộ ảnh mới có chú thích và tác giả ảnh.',
          'Only a photo of a gallery has a caption and a credit.',
        );
      await this.editableItem(ctx, file.itemId, 'id');
      const text = (name: keyof PhotoDescription): string | null => {
        const raw = input[name];
        if (raw === undefined) return file[name];
        const clean = raw === null ? '' : plainText(raw).normalize('NFC').trim();
        if (clean.length > TEXT_MAX)
          throw inputError(
            ContentErrorCode.TEXT_TOO_LONG,
            name,
            `Dài quá ${TEXT_MAX} ký tự.`,
            `Longer than ${TEXT_MAX} characters.`,
          );
        return clean || null;
      };
      const changes = {
        captionVi: text('captionVi'),
        captionEn: text('captionEn'),
        creditVi: text('creditVi'),
        creditEn: text('creditEn'),
      };
      await this.tx.run(ctx, (tx) => this.repo.update(tx, file.id, { ...changes, updatedAt: new Date() }));
      return this.viewOf(ctx, file.itemId);
    });
  }

  /** Puts a gallery's photos in the given order: the list names every standing photo exactly once. */
  async reorder(
    ctx: RequestContext,
    itemId: string,
    photoIds: readonly string[],
  ): Promise<Result<ItemMediaView>> {
    return this.guard(async () => {
      const item = await this.editableItem(ctx, itemId, 'itemId');
      return this.tx.run(ctx, async (tx) => {
        await this.repo.nextPosition(tx, item.id); // locks the item: orders and appends take turns
        const standing = (await this.repo.standingOf(tx, item.id)).filter((f) => f.role === MediaRole.PHOTO);
        const asked = new Set(photoIds);
        if (
          asked.size !== photoIds.length ||
          asked.size !== standing.length ||
          standing.some((f) => !asked.has(f.id))
        )
          throw inputError(
            ContentErrorCode.PHOTOS_MISMATCH,
            'photoIds',
            'Danh sách phải gồm đúng mỗi ảnh hiện có của bộ ảnh một lần.',
            "The list must name each of the gallery's current photos exactly once.",
          );
        await this.repo.setPositions(tx, photoIds, new Date());
        return this.viewOf(tx, item.id);
      });
    });
  }

  /** Takes a file off its item (kept, never deleted); a gallery's remaining photos close up. */
  async withdraw(ctx: RequestContext, id: string): Promise<Result<ItemMediaView>> {
    return this.guard(async () => {
      const file = await this.ownFile(ctx, id, 'id');
      if (!file.itemId)
        throw inputError(
          ContentErrorCode.NOT_ATTACHED,
          'id',
          'Tệp chưa gắn vào tin bài nào.',
          'The file is not attached.',
        );
      const itemId = file.itemId;
      await this.editableItem(ctx, itemId, 'id');
      return this.tx.run(ctx, async (tx) => {
        const now = new Date();
        await this.repo.nextPosition(tx, itemId);
        await this.repo.update(tx, file.id, { withdrawnAt: now, updatedAt: now });
        if (file.role === MediaRole.PHOTO) {
          const rest = (await this.repo.standingOf(tx, itemId)).filter((f) => f.role === MediaRole.PHOTO);
          await this.repo.setPositions(
            tx,
            rest.map((f) => f.id),
            now,
          );
        }
        return this.viewOf(tx, itemId);
      });
    });
  }

  /** How many photos of an item stand: what a gallery's royalty grade counts. */
  standingPhotoCount(ctx: RequestContext, itemId: string): Promise<number> {
    return this.repo.standingPhotoCount(ctx, itemId);
  }

  /** The media of a live item, for its public page. */
  async publicMedia(itemId: string): Promise<ItemMediaView> {
    return itemMediaOf(itemId, await this.repo.publicOf(itemId));
  }

  /**
   * A file the caller may receive through the addressed portal, or NOT_FOUND (never a hint that it
   * exists elsewhere or unpublished): anyone for a standing file of a live item of this portal; the
   * portal's own officers who may read the item for the rest (drafts, withdrawn files).
   */
  async forServing(ctx: RequestContext, id: string): Promise<MediaServing> {
    const tenant = ctx.requireTenant();
    const row = isUuid(id) ? await this.repo.serving(ctx, id) : null;
    if (!row || row.file.tenantId !== tenant.id) throw new NotFoundError('Media file');
    const { file } = row;
    const isPublic = row.itemLive && file.withdrawnAt === null;
    const officerMay =
      ctx.accountId !== null &&
      can(ctx, 'read', 'Content', {
        tenantId: file.tenantId,
        tenantPath: row.tenantPath,
        createdBy: row.itemCreatedBy ?? file.uploadedBy,
        field: row.itemField,
      });
    if (!isPublic && !officerMay) throw new NotFoundError('Media file');
    return {
      file,
      isPublic,
      open: (range) => this.store.get(blobKey(file.sha256), range),
    };
  }

  private async viewOf(ctx: RequestContext, itemId: string): Promise<ItemMediaView> {
    return itemMediaOf(itemId, await this.repo.standingOf(ctx, itemId));
  }

  private async attachRow(
    ctx: RequestContext,
    file: MediaFileEntity,
    itemId: string,
    now: Date,
  ): Promise<void> {
    // Locks the item first: two uploads for one item take turns (one standing file per role).
    const next = await this.repo.nextPosition(ctx, itemId);
    let position: number | null = null;
    if (file.role === MediaRole.PHOTO) position = next;
    else await this.repo.withdrawRole(ctx, itemId, file.role, now);
    await this.repo.attach(ctx, file.id, itemId, position, now);
    Object.assign(file, { itemId, position, updatedAt: now });
  }

  private subject(item: MediaItemRow) {
    return {
      tenantId: item.tenant_id,
      tenantPath: item.tenant_path,
      createdBy: item.created_by,
      field: item.field,
    };
  }

  private mayRead(ctx: RequestContext, item: MediaItemRow): boolean {
    return item.tenant_id === ctx.requireTenant().id && can(ctx, 'read', 'Content', this.subject(item));
  }

  /** An item of the addressed portal the caller may edit (its author, or a reviewer of it). */
  private async editableItem(ctx: RequestContext, itemId: string, field: string): Promise<MediaItemRow> {
    const item = isUuid(itemId) ? await this.repo.item(ctx, itemId) : null;
    if (!item || !this.mayRead(ctx, item)) throw new NotFoundError('Content item', field);
    const subject = this.subject(item);
    if (!can(ctx, 'update', 'Content', subject) && !can(ctx, 'review', 'Content', subject))
      throw new ForbiddenError();
    return item;
  }

  /** A media file uploaded to the addressed portal and not withdrawn. */
  private async ownFile(ctx: RequestContext, id: string, field: string): Promise<MediaFileEntity> {
    const row = isUuid(id) ? await this.repo.serving(ctx, id) : null;
    if (!row || row.file.tenantId !== ctx.requireTenant().id || row.file.withdrawnAt)
      throw new NotFoundError('Media file', field);
    // A file not attached yet is its uploader's (or anyone's who may create content here).
    if (!row.file.itemId) this.assertMayUpload(ctx);
    return row.file;
  }

  private assertRoleFits(role: MediaRole, item: MediaItemRow, field: string): void {
    if (!ROLE_KINDS[role].includes(item.kind as ContentKind))
      throw inputError(
        ContentErrorCode.MEDIA_NOT_FOR_KIND,
        field,
        `Tệp loại ${role} không gắn được vào tin bài loại ${item.kind} (chỉ ${ROLE_KINDS[role].join(', ')}).`,
        `A ${role} file cannot go on an item of kind ${item.kind} (only ${ROLE_KINDS[role].join(', ')}).`,
      );
  }

  /** Expected failures become typed results; refusals (not found, forbidden) stay errors. */
  private async guard<T>(work: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (error) {
      if (error instanceof DomainError && error.httpStatus === 400) return fail(error);
      throw error;
    }
  }
}

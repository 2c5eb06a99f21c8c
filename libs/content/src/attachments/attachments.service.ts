import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ForbiddenError, NotFoundError, RequestContext, can, isUuid } from '@portal/platform';
import { AttachmentEntity } from './attachment.entity';
import { BLOB_STORE, BlobStore, blobKey } from './blob-store';
import { cleanFileName } from './file-name';
import { ALLOWED_MEDIA_TYPES, EXTENSION_OF, MediaType, sniffFile } from './media-type';
import { DEFAULT_MAX_ATTACHMENT_BYTES, ReceivedFile } from './upload-receiver';
import { ContentErrorCode } from '../errors/content-error-code';

export const ATTACHMENT_SETTINGS = Symbol('ATTACHMENT_SETTINGS');

export interface AttachmentSettings {
  /** Largest accepted file (ATTACHMENT_MAX_BYTES, default 50 MiB). */
  readonly maxBytes: number;
  /** Where uploads are spooled while they arrive (ATTACHMENT_TMP_DIR, default the OS temp folder). */
  readonly tmpDir: string;
}

export function attachmentSettingsFromEnv(env: NodeJS.ProcessEnv): AttachmentSettings {
  const raw = env.ATTACHMENT_MAX_BYTES?.trim();
  const maxBytes = raw ? Number(raw) : DEFAULT_MAX_ATTACHMENT_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    throw new Error(`Configuration ATTACHMENT_MAX_BYTES must be a positive integer, got "${raw}"`);
  const tmpDir = env.ATTACHMENT_TMP_DIR?.trim() || tmpdir();
  mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  return Object.freeze({ maxBytes, tmpDir });
}

/** What an upload answers, and what lists of an item's attachments show. */
export interface AttachmentView {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
}

export interface AttachmentDownload {
  attachment: AttachmentEntity;
  /** True when anyone may read it (an attachment of a published item): cacheable. */
  isPublic: boolean;
  open(): Promise<Readable>;
}

interface ItemRow {
  id: string;
  tenant_id: string;
  created_by: string;
  field: string | null;
  tenant_path: string;
}

interface DownloadRow {
  id: string;
  tenant_id: string;
  item_id: string | null;
  sha256: string;
  size: string;
  media_type: string;
  file_name: string;
  uploaded_by: string;
  created_at: Date;
  tenant_path: string;
  item_created_by: string | null;
  item_field: string | null;
  item_live: boolean | null;
}

export const unsupportedType = () =>
  new DomainError(
    ContentErrorCode.UNSUPPORTED_TYPE,
    {
      vi: 'Chỉ nhận tệp PDF, DOCX, XLSX, PNG, JPEG, GIF hoặc WebP (kiểm tra theo nội dung tệp).',
      en: 'Only PDF, DOCX, XLSX, PNG, JPEG, GIF and WebP files are accepted (checked by content).',
    },
    'file',
    415,
  );

export const view = (a: AttachmentEntity): AttachmentView => ({
  id: a.id,
  sha256: a.sha256,
  size: Number(a.size),
  mediaType: a.mediaType,
  fileName: a.fileName,
});

/**
 * Attachments of a portal's content. Uploads belong to the portal the request addressed; the bytes
 * are stored once per content (SHA-256 address) whatever the number of rows pointing at them.
 * Readers: anyone for attachments of published items of the addressed portal; the portal's editors
 * (whoever may read the item, by the CASL rules) for the rest.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  /** Whether the caller may upload on the addressed portal: the right to create content there. */
  mayUpload(ctx: RequestContext): boolean {
    const tenant = ctx.tenant;
    if (!tenant || !ctx.accountId) return false;
    return can(ctx, 'create', 'Content', {
      tenantId: tenant.id,
      tenantPath: tenant.path,
      createdBy: ctx.accountId,
      field: null,
    });
  }

  assertMayUpload(ctx: RequestContext): void {
    if (!this.mayUpload(ctx)) throw new ForbiddenError();
  }

  /**
   * Files a received upload: checks the type by content, the item (same portal, and the caller may
   * edit it), stores the bytes under their hash unless already there, and writes the row.
   */
  async accept(ctx: RequestContext, file: ReceivedFile, itemId: string | null): Promise<AttachmentView> {
    this.assertMayUpload(ctx);
    const tenant = ctx.requireTenant();
    const mediaType = await this.typeOf(file);
    if (itemId) await this.assertMayAttachTo(ctx, itemId);
    const stored = await this.storeFile(file, mediaType);
    const row = Object.assign(new AttachmentEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      itemId: itemId || null,
      ...stored,
      uploadedBy: ctx.accountId!,
      createdAt: new Date(),
    });
    await (ctx.manager ?? this.dataSource.manager).insert(AttachmentEntity, row);
    return view(row);
  }

  /** An item of the addressed portal that the caller may edit (its author, or a reviewer of it). */
  /** The file's type by its content, if it is one the platform accepts (else UNSUPPORTED_TYPE). */
  async typeOf(file: ReceivedFile): Promise<MediaType> {
    const mediaType = await sniffFile(file.path);
    if (!mediaType || !ALLOWED_MEDIA_TYPES.includes(mediaType)) throw unsupportedType();
    return mediaType;
  }

  /**
   * Stores a received file's bytes under their hash (once, whoever else stored the same bytes) and
   * says what a row describing it holds. Other libs keep their own rows (and their own readers).
   */
  async storeFile(
    file: ReceivedFile,
    mediaType: MediaType,
  ): Promise<{ sha256: string; size: number; mediaType: MediaType; fileName: string }> {
    const key = blobKey(file.sha256);
    if (!(await this.store.has(key))) await this.store.put(key, createReadStream(file.path), file.size);
    return {
      sha256: file.sha256,
      size: file.size,
      mediaType,
      fileName: cleanFileName(file.clientName, `tep-dinh-kem.${EXTENSION_OF[mediaType]}`),
    };
  }

  /** The stored bytes of a file by its hash. */
  openBlob(sha256: string): Promise<Readable> {
    return this.store.get(blobKey(sha256));
  }

  private async assertMayAttachTo(ctx: RequestContext, itemId: string): Promise<void> {
    const tenant = ctx.requireTenant();
    const [item]: ItemRow[] = isUuid(itemId)
      ? await this.dataSource.query(
          `SELECT i.id, i.tenant_id, i.created_by, i.field, t.path::text AS tenant_path
             FROM content_items i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = $1`,
          [itemId],
        )
      : [];
    const subject = item && {
      tenantId: item.tenant_id,
      tenantPath: item.tenant_path,
      createdBy: item.created_by,
      field: item.field,
    };
    if (!item || item.tenant_id !== tenant.id || !can(ctx, 'read', 'Content', subject))
      throw new NotFoundError('Content item', 'itemId');
    if (!can(ctx, 'update', 'Content', subject) && !can(ctx, 'review', 'Content', subject))
      throw new ForbiddenError();
  }

  /**
   * An attachment the caller may download through the addressed portal, or NOT_FOUND (never a
   * hint that it exists elsewhere or unpublished).
   */
  async forDownload(ctx: RequestContext, id: string): Promise<AttachmentDownload> {
    const tenant = ctx.requireTenant();
    const [row]: DownloadRow[] = isUuid(id)
      ? await this.dataSource.query(
          `SELECT a.*, t.path::text AS tenant_path, i.created_by AS item_created_by, i.field AS item_field,
                  (i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.tenant_id = a.tenant_id) AS item_live
             FROM attachments a
             JOIN tenants t ON t.id = a.tenant_id
             LEFT JOIN content_items i ON i.id = a.item_id
            WHERE a.id = $1`,
          [id],
        )
      : [];
    if (!row) throw new NotFoundError('Attachment');
    const isPublic = row.tenant_id === tenant.id && row.item_live === true;
    const editorMay =
      ctx.accountId !== null &&
      can(ctx, 'read', 'Content', {
        tenantId: row.tenant_id,
        tenantPath: row.tenant_path,
        createdBy: row.item_created_by ?? row.uploaded_by,
        field: row.item_field,
      });
    if (!isPublic && !editorMay) throw new NotFoundError('Attachment');
    const attachment = Object.assign(new AttachmentEntity(), {
      id: row.id,
      tenantId: row.tenant_id,
      itemId: row.item_id,
      sha256: row.sha256,
      size: Number(row.size),
      mediaType: row.media_type,
      fileName: row.file_name,
      uploadedBy: row.uploaded_by,
      createdAt: row.created_at,
    });
    return { attachment, isPublic, open: () => this.store.get(blobKey(row.sha256)) };
  }

  /** The attachments of an item, oldest first (for resolvers that show an item's files). */
  async ofItem(tenantId: string, itemId: string): Promise<AttachmentView[]> {
    if (!isUuid(itemId) || !isUuid(tenantId)) return [];
    const rows = await this.dataSource.manager.find(AttachmentEntity, {
      where: { tenantId, itemId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(view);
  }
}

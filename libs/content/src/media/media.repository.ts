import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { RequestContext, TransactionRunner } from '@portal/platform';
import { MediaFileEntity } from './media-file.entity';
import { MediaRole } from './media-sniff';

/** An item as the media rules need it: its portal and place in the tree, kind, author, live or not. */
export interface MediaItemRow {
  id: string;
  tenant_id: string;
  tenant_path: string;
  kind: string;
  created_by: string;
  field: string | null;
  /** Published and not withdrawn. */
  live: boolean;
}

/** A file with what serving it needs to know about its item. */
export interface MediaServingRow {
  file: MediaFileEntity;
  tenantPath: string;
  itemCreatedBy: string | null;
  itemField: string | null;
  /** The item is live on the file's own portal. */
  itemLive: boolean;
}

/**
 * The SQL of media files. Reads by id are unscoped on purpose: whether a file is public (its item
 * live) or may be shown to an officer (the CASL rules on its item) is decided by MediaService,
 * which answers the same NOT_FOUND for "elsewhere" and "not yours". Writes run in the caller's
 * transaction (confined to its subtree by row-level security).
 */
@Injectable()
export class MediaRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  private m(ctx: RequestContext): EntityManager {
    return this.tx.manager(ctx);
  }

  async insert(ctx: RequestContext, row: MediaFileEntity): Promise<void> {
    await this.m(ctx).insert(MediaFileEntity, row);
  }

  // UNSCOPED: the service checks the item's portal and the caller's rules on it.
  async item(ctx: RequestContext, itemId: string): Promise<MediaItemRow | null> {
    const [row]: MediaItemRow[] = await this.m(ctx).query(
      `SELECT i.id, i.tenant_id, t.path::text AS tenant_path, i.kind, i.created_by, i.field,
              (i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL) AS live
         FROM content_items i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = $1`,
      [itemId],
    );
    return row ?? null;
  }

  // UNSCOPED: see the class comment.
  async serving(ctx: RequestContext, id: string): Promise<MediaServingRow | null> {
    const [row]: Array<{
      id: string;
      tenant_path: string;
      item_created_by: string | null;
      item_field: string | null;
      item_live: boolean | null;
    }> = await this.m(ctx).query(
      `SELECT f.id, t.path::text AS tenant_path, i.created_by AS item_created_by, i.field AS item_field,
              (i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.tenant_id = f.tenant_id) AS item_live
         FROM media_files f
         JOIN tenants t ON t.id = f.tenant_id
         LEFT JOIN content_items i ON i.id = f.item_id
        WHERE f.id = $1`,
      [id],
    );
    if (!row) return null;
    const file = await this.m(ctx).findOneByOrFail(MediaFileEntity, { id });
    return {
      file,
      tenantPath: row.tenant_path,
      itemCreatedBy: row.item_created_by,
      itemField: row.item_field,
      itemLive: row.item_live === true,
    };
  }

  /** The item's standing files: main file, poster, captions, then the photos in order. */
  standingOf(ctx: RequestContext, itemId: string): Promise<MediaFileEntity[]> {
    return this.m(ctx).find(MediaFileEntity, {
      where: { itemId, withdrawnAt: IsNull() },
      order: { role: 'ASC', position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The same for the public pages (an item the public may already read). */
  publicOf(itemId: string): Promise<MediaFileEntity[]> {
    return this.dataSource.manager.find(MediaFileEntity, {
      where: { itemId, withdrawnAt: IsNull() },
      order: { role: 'ASC', position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Withdraws the item's standing file of a single-file role (it is being replaced). */
  async withdrawRole(ctx: RequestContext, itemId: string, role: MediaRole, now: Date): Promise<void> {
    await this.m(ctx).update(
      MediaFileEntity,
      { itemId, role, withdrawnAt: IsNull() },
      { withdrawnAt: now, updatedAt: now },
    );
  }

  /** The position after the item's last standing photo (the item's row is locked first: appends take turns). */
  async nextPosition(ctx: RequestContext, itemId: string): Promise<number> {
    const m = this.m(ctx);
    await m.query('SELECT 1 FROM content_items WHERE id = $1 FOR UPDATE', [itemId]);
    const [{ next }] = await m.query(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM media_files
        WHERE item_id = $1 AND role = 'PHOTO' AND withdrawn_at IS NULL`,
      [itemId],
    );
    return next;
  }

  async attach(
    ctx: RequestContext,
    id: string,
    itemId: string,
    position: number | null,
    now: Date,
  ): Promise<void> {
    await this.m(ctx).update(MediaFileEntity, { id }, { itemId, position, updatedAt: now });
  }

  async setPositions(ctx: RequestContext, ids: readonly string[], now: Date): Promise<void> {
    const m = this.m(ctx);
    for (const [position, id] of ids.entries())
      await m.update(MediaFileEntity, { id }, { position, updatedAt: now });
  }

  async update(ctx: RequestContext, id: string, changes: Partial<MediaFileEntity>): Promise<void> {
    await this.m(ctx).update(MediaFileEntity, { id }, changes);
  }

  async byIds(ctx: RequestContext, ids: readonly string[]): Promise<MediaFileEntity[]> {
    return ids.length ? this.m(ctx).find(MediaFileEntity, { where: { id: In([...ids]) } }) : [];
  }

  /** How many photos of the item stand (the count its royalty grade pays). */
  async standingPhotoCount(ctx: RequestContext, itemId: string): Promise<number> {
    const [{ n }] = await this.m(ctx).query(
      `SELECT count(*)::int AS n FROM media_files WHERE item_id = $1 AND role = 'PHOTO' AND withdrawn_at IS NULL`,
      [itemId],
    );
    return n;
  }
}

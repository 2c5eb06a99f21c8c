import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

/**
 * Media files' share of a merge (SQL only, hence a repository): the merged portals' files move to
 * the target with their items, withdrawn ones too (their history stays), their bytes untouched.
 */
@Injectable()
export class MediaMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'media';
  readonly order = 245;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [r]: Array<{ files: number; photos: number }> = await m.query(
      `SELECT count(*)::int AS files, count(*) FILTER (WHERE role = 'PHOTO')::int AS photos
         FROM media_files WHERE tenant_id = ANY($1::uuid[])`,
      [plan.sources.map((s) => s.id)],
    );
    return { mediaFiles: r.files, galleryPhotos: r.photos };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const [rows, n] = (await m.query(
      `UPDATE media_files SET tenant_id = $2 WHERE tenant_id = ANY($1::uuid[]) RETURNING role`,
      [plan.sources.map((s) => s.id), plan.target.id],
    )) as [Array<{ role: string }>, number];
    return { mediaFiles: n, galleryPhotos: rows.filter((r) => r.role === 'PHOTO').length };
  }
}

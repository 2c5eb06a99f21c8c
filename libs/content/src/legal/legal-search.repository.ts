import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '@portal/platform';
import { ContentKind } from '../kinds/content-kind';

export interface LegalNumberMatch {
  item_id: string;
  tenant_id: string;
  number: string;
  title: string;
}

/** Live legal documents of every portal found by their number (số, ký hiệu), to relate one to another. */
@Injectable()
export class LegalSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Live Vietnamese legal documents whose number holds `key` (a `numberKey`: lower case, no
   * spaces), exact matches first, then the newest; at most `limit`.
   */
  // UNSCOPED: a live legal document is public on its portal; nothing else is read.
  async liveByNumber(_ctx: RequestContext, key: string, limit: number): Promise<LegalNumberMatch[]> {
    const like = `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.dataSource.query(
      `SELECT i.id AS item_id, i.tenant_id, r.fields->>'number' AS number, r.title
         FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE i.kind = $1 AND i.language = 'vi' AND i.withdrawn_at IS NULL
          AND regexp_replace(lower(r.fields->>'number'), '\\s+', '', 'g') LIKE $2
        ORDER BY (regexp_replace(lower(r.fields->>'number'), '\\s+', '', 'g') = $3) DESC, i.published_at DESC, i.id
        LIMIT $4`,
      [ContentKind.LEGAL_DOCUMENT, like, key, limit],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { RequestContext, UnscopedReads } from '@portal/platform';

const REASON =
  'accounts belong to no portal: the officers named in the figures of portals already authorised';

/** What reports need to know of accounts: who they are, and who was suspended when. */
@Injectable()
export class AccountFiguresRepository {
  constructor(private readonly reads: UnscopedReads) {}

  /** The accounts of `ids` that exist, in username order (the database's, citext). */
  async named(
    ctx: RequestContext,
    ids: string[],
  ): Promise<Array<{ id: string; username: string; displayName: string }>> {
    if (!ids.length) return [];
    const rows = await this.reads
      .systemWide(ctx, REASON)
      .query<{ id: string; username: string; display_name: string }>(
        `SELECT a.id, a.username, a.display_name FROM accounts a WHERE a.id = ANY($1::uuid[]) ORDER BY a.username`,
        [ids],
      );
    return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }

  /** Of `ids`, the accounts suspended at or before `at`. */
  async suspendedBy(ctx: RequestContext, ids: string[], at: Date): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.reads
      .systemWide(ctx, REASON)
      .query<{ id: string }>(
        `SELECT a.id FROM accounts a WHERE a.id = ANY($1::uuid[]) AND a.suspended_at <= $2`,
        [ids, at],
      );
    return new Set(rows.map((r) => r.id));
  }
}

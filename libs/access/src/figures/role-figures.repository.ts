import { Injectable } from '@nestjs/common';
import { RequestContext, UnscopedReads } from '@portal/platform';

/** A period as reports count it: from `start` (inclusive) to `end` (exclusive). */
interface FigureWindow {
  start: Date;
  end: Date;
}

const REASON = "a report's portals, each authorised by the reporting scope before the read";

/** Role holders for the reports of the managing agencies (05/2024/QĐ-UBND art. 28). */
@Injectable()
export class RoleFiguresRepository {
  constructor(private readonly reads: UnscopedReads) {}

  /**
   * Who held which role on the portals at some time in the window (granted before its end, neither
   * expired nor revoked before its start): each (portal, account, role) once.
   */
  async holders(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
  ): Promise<Array<{ tenantId: string; accountId: string; role: string }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; account_id: string; role: string }>(
        `SELECT DISTINCT ra.tenant_id, ra.account_id, ra.role
           FROM role_assignments ra
          WHERE ra.tenant_id = ANY($1::uuid[]) AND ra.valid_from < $3
            AND (ra.valid_to IS NULL OR ra.valid_to > $2) AND (ra.revoked_at IS NULL OR ra.revoked_at > $2)`,
        [portalIds, w.start, w.end],
      );
    return rows.map((r) => ({ tenantId: r.tenant_id, accountId: r.account_id, role: r.role }));
  }
}

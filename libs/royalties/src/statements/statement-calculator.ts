import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inputError } from '@portal/platform';
import { StatementLineKind } from '../grades/royalty.entities';
import { hundredths, lineAmount, splitByShares } from '../money/royalty-amount';
import { EffectiveRoyaltyProfile, RoyaltyProfileService } from '../profiles/royalty-profile.service';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

/** A line as computed, before it is stored on a statement. */
export interface ComputedLine {
  tenantId: string;
  kind: StatementLineKind;
  itemId: string | null;
  gradeId: string | null;
  syndicationId: string | null;
  accountId: string | null;
  collaboratorId: string | null;
  payeeName: string;
  title: string | null;
  genre: string | null;
  coefficientH: number;
  factorBp: number;
  levelBp: number;
  base: number;
  unitBp: number;
  /** The day whose unit value applies (publication, placement, or the month's last day). */
  dated: string;
  shareBp: number;
  amount: number;
  note: string | null;
}

export interface ComputedStatement {
  tenantId: string;
  profileKey: string;
  lines: ComputedLine[];
  total: number;
}

/** The first instant of a month in Vietnam (UTC+7 all year) and of the month after it. */
export function monthBounds(month: string): { start: Date; end: Date; lastDay: string; year: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m)
    throw inputError(
      RoyaltiesErrorCode.INVALID_MONTH,
      'month',
      'Tháng phải có dạng YYYY-MM, ví dụ 2026-11.',
      'The month must be YYYY-MM, such as 2026-11.',
    );
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const start = new Date(Date.UTC(year, mon - 1, 1) - 7 * 3_600_000);
  const end = new Date(Date.UTC(year, mon, 1) - 7 * 3_600_000);
  const lastDay = new Date(Date.UTC(year, mon, 0)).toISOString().slice(0, 10);
  return { start, end, lastDay, year };
}

interface GradeRow {
  grade_id: string;
  item_id: string;
  tenant_id: string;
  genre: string;
  coefficient_h: number;
  photo_count: number;
  photo_coefficient_h: number;
  reposted: boolean;
  day: string;
  title: string | null;
  syndication_id?: string;
  target_tenant_id?: string;
}

interface AuthorRow {
  grade_id: string;
  account_id: string | null;
  collaborator_id: string | null;
  share_bp: number;
  payee_name: string;
}

const payeeKey = (a: {
  account_id?: string | null;
  collaborator_id?: string | null;
  accountId?: string | null;
  collaboratorId?: string | null;
}) => `${a.account_id ?? a.accountId ?? ''}|${a.collaborator_id ?? a.collaboratorId ?? ''}`;

/**
 * Computes a month's lines for a set of portals in a few set-based queries (the subtree summary
 * asks for a whole province at once): royalties of items published (or graded late) in the month,
 * syndicated copies placed on the portal in the month at its profile's factor (once per item),
 * the difference due on items re-graded after their statement was locked, and the remuneration of
 * board roles. The caller has checked who may see these portals, and names them: the queries run
 * on the platform's own connection, like the reports', because whether an item was already paid is
 * a fact of the whole federation (a merged portal's statements are no longer in its successor's
 * subtree, yet what they paid must not be paid again).
 */
@Injectable()
export class StatementCalculator {
  constructor(
    private readonly profiles: RoyaltyProfileService,
    private readonly db: DataSource,
  ) {}

  async compute(tenantIds: string[], month: string): Promise<Map<string, ComputedStatement>> {
    const m = this.db;
    const { start, end, lastDay } = monthBounds(month);
    const effective = new Map<string, EffectiveRoyaltyProfile>();
    for (const id of tenantIds) effective.set(id, await this.profiles.effective(id));
    const out = new Map<string, ComputedStatement>(
      tenantIds.map((id) => [
        id,
        { tenantId: id, profileKey: effective.get(id)!.profile.key, lines: [], total: 0 },
      ]),
    );
    const ids = tenantIds;
    const params = [ids, start, end, month];

    // Own items: published in the month, or published earlier and graded in it, not yet on another statement.
    const own: GradeRow[] = await m.query(
      `SELECT g.id AS grade_id, g.item_id, g.tenant_id, g.genre, g.coefficient_h, g.photo_count, g.photo_coefficient_h,
              g.reposted, to_char(i.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, r.title
         FROM royalty_grades g
         JOIN content_items i ON i.id = g.item_id
         LEFT JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE g.tenant_id = ANY($1::uuid[]) AND g.superseded_at IS NULL AND g.not_paid_reason IS NULL
          AND i.published_at IS NOT NULL AND i.published_at < $3
          AND (i.published_at >= $2 OR (g.graded_at >= $2 AND g.graded_at < $3))
          AND NOT EXISTS (SELECT 1 FROM royalty_statement_lines l JOIN royalty_statements s ON s.id = l.statement_id
                           WHERE l.item_id = g.item_id AND l.kind = 'ROYALTY'
                             AND (s.tenant_id <> g.tenant_id OR s.month <> $4))
        ORDER BY i.published_at, g.item_id`,
      params,
    );
    // Copies placed on a portal of the set in the month, of items graded (and paid) at their source.
    const copies: GradeRow[] = await m.query(
      `SELECT DISTINCT ON (s.target_tenant_id, s.item_id)
              g.id AS grade_id, s.item_id, s.target_tenant_id AS tenant_id, g.genre, g.coefficient_h, g.photo_count,
              g.photo_coefficient_h, g.reposted, s.id AS syndication_id,
              to_char(s.placed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day,
              coalesce(s.title_override, r.title) AS title
         FROM syndications s
         JOIN royalty_grades g ON g.item_id = s.item_id AND g.superseded_at IS NULL AND g.not_paid_reason IS NULL
         JOIN content_items i ON i.id = s.item_id
         LEFT JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE s.target_tenant_id = ANY($1::uuid[]) AND s.state = 'ACCEPTED' AND s.placed_at >= $2 AND s.placed_at < $3
          AND NOT EXISTS (SELECT 1 FROM royalty_statement_lines l JOIN royalty_statements st ON st.id = l.statement_id
                           WHERE l.tenant_id = s.target_tenant_id AND l.item_id = s.item_id AND l.kind = 'SYNDICATED'
                             AND st.month <> $4)
        ORDER BY s.target_tenant_id, s.item_id, s.placed_at`,
      params,
    );
    // Items re-graded after a locked statement paid them: what was paid, payee by payee.
    const regraded: Array<
      GradeRow & {
        paid: Array<{
          account_id: string | null;
          collaborator_id: string | null;
          payee_name: string;
          amount: string;
        }>;
      }
    > = await m.query(
      `SELECT g.id AS grade_id, g.item_id, g.tenant_id, g.genre, g.coefficient_h, g.photo_count, g.photo_coefficient_h,
                g.reposted, to_char(i.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, r.title,
                (SELECT json_agg(json_build_object('account_id', p.account_id, 'collaborator_id', p.collaborator_id,
                                                   'payee_name', p.payee_name, 'amount', p.amount))
                   FROM (SELECT l.account_id, l.collaborator_id, min(l.payee_name) AS payee_name, sum(l.amount) AS amount
                           FROM royalty_statement_lines l JOIN royalty_statements s ON s.id = l.statement_id
                          WHERE l.item_id = g.item_id AND l.kind IN ('ROYALTY', 'ADJUSTMENT')
                            AND s.state = 'LOCKED' AND s.month < $3
                          GROUP BY l.account_id, l.collaborator_id) p) AS paid
           FROM royalty_grades g
           JOIN content_items i ON i.id = g.item_id
           LEFT JOIN content_revisions r ON r.id = i.live_revision_id
          WHERE g.tenant_id = ANY($1::uuid[]) AND g.superseded_at IS NULL AND g.graded_at < $2
            AND EXISTS (SELECT 1 FROM royalty_statement_lines l JOIN royalty_statements s ON s.id = l.statement_id
                         WHERE l.item_id = g.item_id AND s.state = 'LOCKED' AND s.month < $3)
            AND NOT EXISTS (SELECT 1 FROM royalty_statement_lines l JOIN royalty_statements s ON s.id = l.statement_id
                             WHERE l.grade_id = g.id AND s.month < $3 AND l.kind IN ('ROYALTY', 'ADJUSTMENT'))
          ORDER BY g.graded_at, g.item_id`,
      [ids, end, month],
    );
    const gradeIds = [...new Set([...own, ...copies, ...regraded].map((g) => g.grade_id))];
    const authorRows: AuthorRow[] = gradeIds.length
      ? await m.query(
          `SELECT a.grade_id, a.account_id, a.collaborator_id, a.share_bp,
                  coalesce(acc.display_name, c.real_name || ' (bút danh ' || c.pen_name || ')') AS payee_name
             FROM royalty_grade_authors a
             LEFT JOIN accounts acc ON acc.id = a.account_id
             LEFT JOIN royalty_collaborators c ON c.id = a.collaborator_id
            WHERE a.grade_id = ANY($1::uuid[])
            ORDER BY a.grade_id, a.position`,
          [gradeIds],
        )
      : [];
    const authors = new Map<string, AuthorRow[]>();
    for (const a of authorRows) authors.set(a.grade_id, [...(authors.get(a.grade_id) ?? []), a]);

    const unit = (tenantId: string, day: string) => {
      const e = effective.get(tenantId)!;
      const u = this.profiles.unitOn(e.profile, day);
      if (!u)
        throw inputError(
          RoyaltiesErrorCode.UNIT_VALUE_MISSING,
          'month',
          `Bảng nhuận bút ${e.profile.key} chưa có giá trị đơn vị áp dụng ngày ${day}.`,
          `Royalty profile ${e.profile.key} has no unit value in force on ${day}.`,
        );
      return u;
    };
    const split = (
      g: GradeRow,
      kind: StatementLineKind,
      factorBp: number,
      levelBp: number,
      note: string | null,
    ): ComputedLine[] => {
      const u = unit(g.tenant_id, g.day);
      const coefficientH = g.coefficient_h + g.photo_count * g.photo_coefficient_h;
      const amount = lineAmount({ coefficientH, base: u.base, unitBp: u.unitBp, factorBp, levelBp });
      const payees = authors.get(g.grade_id) ?? [];
      const parts = splitByShares(
        amount,
        payees.map((p) => p.share_bp),
      );
      return payees.map((p, i) => ({
        tenantId: g.tenant_id,
        kind,
        itemId: g.item_id,
        gradeId: g.grade_id,
        syndicationId: g.syndication_id ?? null,
        accountId: p.account_id,
        collaboratorId: p.collaborator_id,
        payeeName: p.payee_name,
        title: g.title,
        genre: g.genre,
        coefficientH,
        factorBp,
        levelBp,
        base: u.base,
        unitBp: u.unitBp,
        dated: g.day,
        shareBp: p.share_bp,
        amount: parts[i],
        note,
      }));
    };
    const push = (lines: ComputedLine[]) => {
      for (const l of lines) out.get(l.tenantId)!.lines.push(l);
    };

    for (const g of own) {
      const e = effective.get(g.tenant_id)!;
      push(
        split(
          g,
          StatementLineKind.ROYALTY,
          g.reposted ? e.repostBp : 10_000,
          e.levelBp,
          g.reposted ? 'Tin bài đăng lại' : null,
        ),
      );
    }
    for (const g of copies) {
      const e = effective.get(g.tenant_id)!;
      if (e.repostBp === 0) continue; // the receiving profile pays nothing for copies
      push(split(g, StatementLineKind.SYNDICATED, e.repostBp, e.levelBp, 'Tin bài chia sẻ từ cổng khác'));
    }
    for (const g of regraded) {
      const e = effective.get(g.tenant_id)!;
      const due =
        g.genre === null
          ? []
          : split(g, StatementLineKind.ADJUSTMENT, g.reposted ? e.repostBp : 10_000, e.levelBp, null);
      const paid = new Map((g.paid ?? []).map((p) => [payeeKey(p), p]));
      const seen = new Set<string>();
      for (const line of due) {
        const key = payeeKey(line);
        seen.add(key);
        const diff = line.amount - Number(paid.get(key)?.amount ?? 0);
        if (diff !== 0)
          push([
            { ...line, amount: diff, note: 'Điều chỉnh sau khi chấm lại / Adjustment after re-grading' },
          ]);
      }
      for (const [key, p] of paid) {
        if (seen.has(key) || Number(p.amount) === 0) continue;
        push([
          {
            tenantId: g.tenant_id,
            kind: StatementLineKind.ADJUSTMENT,
            itemId: g.item_id,
            gradeId: g.grade_id,
            syndicationId: null,
            accountId: p.account_id,
            collaboratorId: p.collaborator_id,
            payeeName: p.payee_name,
            title: g.title,
            genre: g.genre,
            coefficientH: 0,
            factorBp: 0,
            levelBp: 0,
            base: 0,
            unitBp: 0,
            dated: g.day,
            shareBp: 0,
            amount: -Number(p.amount),
            note: 'Điều chỉnh sau khi chấm lại / Adjustment after re-grading',
          },
        ]);
      }
    }

    // Remuneration: every holder, during the month, of a role the profile pays.
    const holders: Array<{ tenant_id: string; role: string; account_id: string; display_name: string }> =
      await m.query(
        `SELECT DISTINCT ra.tenant_id, ra.role, ra.account_id, a.display_name
         FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id
        WHERE ra.tenant_id = ANY($1::uuid[]) AND ra.valid_from < $3 AND (ra.valid_to IS NULL OR ra.valid_to > $2)
          AND (ra.revoked_at IS NULL OR ra.revoked_at > $2)
        ORDER BY ra.tenant_id, ra.role, a.display_name, ra.account_id`,
        [ids, start, end],
      );
    for (const h of holders) {
      const e = effective.get(h.tenant_id)!;
      const rule = e.profile.remuneration.find((r) => r.role === h.role);
      if (!rule) continue;
      const u = unit(h.tenant_id, lastDay);
      const coefficientH = hundredths(rule.coefficient);
      push([
        {
          tenantId: h.tenant_id,
          kind: StatementLineKind.REMUNERATION,
          itemId: null,
          gradeId: null,
          syndicationId: null,
          accountId: h.account_id,
          collaboratorId: null,
          payeeName: h.display_name,
          title: rule.nameVi,
          genre: null,
          coefficientH,
          factorBp: 10_000,
          levelBp: 10_000,
          base: u.base,
          unitBp: u.unitBp,
          dated: lastDay,
          shareBp: 10_000,
          amount: lineAmount({
            coefficientH,
            base: u.base,
            unitBp: u.unitBp,
            factorBp: 10_000,
            levelBp: 10_000,
          }),
          note: rule.article,
        },
      ]);
    }
    for (const s of out.values()) s.total = s.lines.reduce((a, l) => a + l.amount, 0);
    return out;
  }
}

import { Injectable } from '@nestjs/common';
import { CalendarService, localDayOf } from '@portal/calendar';
import { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import { writeCsv } from '../export/csv-writer';
import { ReportFormat } from '../export/report-export.types';
import type { CellValue, ReportColumn, ReportHeader, ReportSheet } from '../export/report-sheet';
import { writeXlsx } from '../export/xlsx-writer';
import { ReportFiguresService } from '../figures/report-figures.service';
import { parseReportPeriod, type ReportPeriod } from '../period/report-period';
import { ReportRulesService } from '../rules/report-rules.service';
import { KIND_LABELS, OUTCOME_LABELS, REFUSAL_LABELS, ROLE_LABELS, label } from './report-labels';
import { ReportScope, ReportScopeResolver } from './report-scope';
import { ReportSectionRegistry } from './report-sections';
import { ReportService, type ReportFigures } from './report.service';

export interface ReportRequest {
  tenantId?: string | null;
  scope: ReportScope;
  /** `2026-H1`, `2026-Q3`, `2026-05`, `2026` or `2026-01-01..2026-02-15`. */
  period: string;
  format: ReportFormat;
}

/** The statutory reporting duty every report answers (the city's regulation). */
const DUTY = 'Quyết định 05/2024/QĐ-UBND TP. Hồ Chí Minh, Điều 24 và Điều 28';

/** Portals per database round trip: small enough to keep memory flat, large enough to be quick. */
const BATCH = 500;

const col = (key: string, vi: string, en: string, type: ReportColumn['type'] = 'integer'): ReportColumn => ({
  key,
  vi,
  en,
  type,
});

const PORTAL_COLUMNS = [col('host', 'Cổng', 'Portal', 'text'), col('name', 'Tên cổng', 'Name', 'text')];

const TOTAL_HOST = 'Tổng / Total';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Writes a report as the file a clerk opens: XLSX with one sheet per section, or CSV with the
 * sections one after another. Sheets are written one at a time and each reads its portals in
 * batches, so a report of the whole federation streams with flat memory.
 */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly scopes: ReportScopeResolver,
    private readonly reports: ReportService,
    private readonly figures: ReportFiguresService,
    private readonly rules: ReportRulesService,
    private readonly calendars: CalendarService,
    private readonly sections: ReportSectionRegistry,
  ) {}

  /** Checks the request (period, scope, permission) before anything is written. */
  prepare(
    ctx: RequestContext,
    request: ReportRequest,
  ): { period: ReportPeriod; root: RoutedTenant | null; portals: RoutedTenant[] } {
    const period = parseReportPeriod(request.period);
    const { root, portals } = this.scopes.resolve(ctx, request.tenantId, request.scope);
    return { period, root, portals };
  }

  async write(
    ctx: RequestContext,
    request: ReportRequest,
    out: NodeJS.WritableStream,
    now = new Date(),
  ): Promise<void> {
    const { period, root, portals } = this.prepare(ctx, request);
    const header: ReportHeader = {
      portalName: root?.nameVi ?? 'Toàn bộ các cổng thông tin điện tử',
      portalHost: root?.primaryHost ?? '*',
      scope: request.scope,
      periodLabel: period.label,
      from: period.from,
      to: period.to,
      generatedAt: now,
      legalBasis: DUTY,
    };
    const sheets = this.sheets(ctx, portals, period, request.scope !== ReportScope.PORTAL, now);
    if (request.format === ReportFormat.CSV) await writeCsv(header, sheets, out);
    else await writeXlsx(header, sheets, out);
  }

  /** The file name a download proposes, e.g. `bao-cao-saigon-hochiminhcity-gov-vn-2026-H1.xlsx`. */
  fileName(root: RoutedTenant | null, period: ReportPeriod, format: ReportFormat): string {
    const who = (root?.primaryHost ?? 'toan-bo').replace(/[^a-z0-9]+/gi, '-');
    return `bao-cao-${who}-${period.label.replace(/\.\./, '_')}.${format === ReportFormat.CSV ? 'csv' : 'xlsx'}`;
  }

  private sheets(
    ctx: RequestContext,
    portals: RoutedTenant[],
    p: ReportPeriod,
    withTotal: boolean,
    now: Date,
  ): ReportSheet[] {
    const ids = portals.map((t) => t.id);
    // Generators below read these, not `this`.
    const { calendars, rules, reports } = this;
    // Every figure of a batch of portals is read once (by the first sheet) and kept for the other
    // sheets: a few kilobytes per portal, while the rows behind them stay in the database. The
    // total is added up from them (see ReportService.total).
    const computed = new Map<string, ReportFigures>();
    let total: ReportFigures | null = null;
    const figuresOf = async (batch: RoutedTenant[]) => {
      if (!computed.has(batch[0].id)) {
        const values = await reports.collect(
          ctx,
          batch.map((t) => t.id),
          p,
          true,
        );
        for (const [id, v] of values) computed.set(id, v);
      }
    };
    // Each sheet walks the portals batch by batch, then (for a subtree) adds the total row.
    const perPortal = (rows: (portal: RoutedTenant | null, figures: ReportFigures) => CellValue[][]) =>
      async function* () {
        for (let i = 0; i < portals.length; i += BATCH) {
          const batch = portals.slice(i, i + BATCH);
          await figuresOf(batch);
          for (const t of batch) yield* rows(t, computed.get(t.id)!);
        }
        if (withTotal) {
          total ??= await reports.total(
            ctx,
            ids,
            p,
            ids.map((id) => computed.get(id)!),
          );
          yield* rows(null, total);
        }
      };
    const who = (t: RoutedTenant | null): CellValue[] => (t ? [t.primaryHost, t.nameVi] : [TOTAL_HOST, null]);
    const f = this.figures;

    const sheets: ReportSheet[] = [
      {
        key: 'summary',
        titleVi: 'Tổng hợp',
        titleEn: 'Summary',
        legalBasis: 'Điều 24, Điều 28',
        columns: [
          ...PORTAL_COLUMNS,
          col('published', 'Tin bài đã đăng', 'Items published'),
          col('onTimeShare', 'Tỷ lệ đúng hạn', 'Published on time', 'percent'),
          col('late', 'Đăng trễ hạn', 'Published late'),
          col('boardOnTimeShare', 'Ban biên tập xử lý đúng hạn', 'Board on time', 'percent'),
          col('sentUp', 'Được cổng cấp trên sử dụng', 'Syndicated up'),
          col('receivedDown', 'Nhận từ cấp trên', 'Pushed down to it'),
          col('questions', 'Hỏi đáp, phản ánh nhận được', 'Questions received'),
          col('handled', 'Hỏi đáp do cổng xử lý', 'Questions handled here'),
          col('answeredOnTime', 'Trả lời đúng hạn', 'Answered on time'),
          col('answerLate', 'Trả lời trễ hạn', 'Answered late or overdue'),
          col('comments', 'Ý kiến góp ý dự thảo', 'Comments on drafts'),
          col('refused', 'Tin bài bị từ chối', 'Items refused'),
        ],
        rows: perPortal((t, x) => {
          const withDeadline = x.timeliness.reduce((n, k) => n + k.withDeadline, 0);
          const onTime = x.timeliness.reduce((n, k) => n + k.onTime, 0);
          return [
            [
              ...who(t),
              x.published.total,
              share(onTime, withDeadline),
              withDeadline - onTime,
              share(x.board.onTime, x.board.withDeadline),
              x.syndication.sentUp,
              x.syndication.receivedDown,
              x.questions.received,
              x.questions.handled,
              x.questions.answeredOnTime,
              x.questions.answerLate,
              x.consultations.comments,
              x.refusals.refused,
            ],
          ];
        }),
      },
      {
        key: 'published',
        titleVi: 'Tin bài đã đăng',
        titleEn: 'Items published',
        legalBasis: 'Điều 24 khoản 2',
        columns: [
          ...PORTAL_COLUMNS,
          col('dimension', 'Phân loại theo', 'By', 'text'),
          col('value', 'Giá trị', 'Value', 'text'),
          col('count', 'Số tin bài', 'Items'),
        ],
        rows: perPortal((t, { published: v }) => {
          return [
            [...who(t), 'Tổng / Total', null, v.total],
            ...v.byKind.map((c) => [...who(t), 'Loại tin / Kind', label(KIND_LABELS, c.key, '—'), c.count]),
            ...v.byCategory.map((c) => [
              ...who(t),
              'Chuyên mục / Category',
              c.key ?? '(không có) / (none)',
              c.count,
            ]),
            ...v.byUnit.map((c) => [
              ...who(t),
              'Đơn vị / Unit',
              c.key ?? '(không thuộc đơn vị) / (no unit)',
              c.count,
            ]),
            ...v.byLanguage.map((c) => [...who(t), 'Ngôn ngữ / Language', c.key, c.count]),
          ];
        }),
      },
      {
        key: 'syndication',
        titleVi: 'Chia sẻ tin bài giữa các cổng',
        titleEn: 'Syndication',
        legalBasis: 'Điều 24 khoản 2',
        columns: [
          ...PORTAL_COLUMNS,
          col('sentUp', 'Gửi lên, được sử dụng', 'Accepted upstream'),
          col('refusedUp', 'Gửi lên, bị từ chối', 'Refused upstream'),
          col('receivedUp', 'Nhận từ cấp dưới', 'Accepted from below'),
          col('pushedDown', 'Chuyển xuống cấp dưới', 'Pushed down (placements)'),
          col('receivedDown', 'Nhận từ cấp trên', 'Received from above'),
        ],
        rows: perPortal((t, { syndication: v }) => [
          [...who(t), v.sentUp, v.refusedUp, v.receivedUp, v.pushedDown, v.receivedDown],
        ]),
      },
      {
        key: 'timeliness',
        titleVi: 'Thời hạn đăng tin',
        titleEn: 'Timeliness',
        legalBasis: 'Điều 12',
        columns: [
          ...PORTAL_COLUMNS,
          col('kind', 'Loại tin', 'Kind', 'text'),
          col('published', 'Đã đăng', 'Published'),
          col('withDeadline', 'Có thời hạn', 'With a deadline'),
          col('onTime', 'Đúng hạn', 'On time'),
          col('late', 'Trễ hạn', 'Late'),
          col('share', 'Tỷ lệ đúng hạn', 'On-time share', 'percent'),
        ],
        rows: perPortal((t, { timeliness: v }) =>
          v.map((k) => [
            ...who(t),
            label(KIND_LABELS, k.kind, '—'),
            k.published,
            k.withDeadline,
            k.onTime,
            k.late,
            share(k.onTime, k.withDeadline),
          ]),
        ),
      },
      {
        key: 'late-items',
        titleVi: 'Tin bài đăng trễ hạn',
        titleEn: 'Items published late',
        legalBasis: 'Điều 12',
        columns: [
          ...PORTAL_COLUMNS,
          col('kind', 'Loại tin', 'Kind', 'text'),
          col('title', 'Tiêu đề', 'Title', 'text'),
          col('dueAt', 'Hạn đăng', 'Due', 'dateTime'),
          col('publishedAt', 'Đăng lúc', 'Published', 'dateTime'),
          col('workingDaysLate', 'Số ngày làm việc trễ', 'Working days late'),
          col('hoursLate', 'Số giờ trễ', 'Hours late', 'decimal'),
        ],
        rows: async function* () {
          const byId = new Map(portals.map((t) => [t.id, t]));
          // A batch of portals at a time, in one query each: their late items are a bounded list.
          for (let i = 0; i < portals.length; i += BATCH) {
            const batch = portals.slice(i, i + BATCH);
            const items = await f.lateItems(
              ctx,
              batch.map((t) => t.id),
              p,
              null,
              null,
            );
            for (const item of items) {
              const t = byId.get(item.tenantId)!;
              const calendar = await calendars.forTenant(t.id);
              yield [
                ...who(t),
                label(KIND_LABELS, item.kind, '—'),
                item.title,
                item.dueAt,
                item.publishedAt,
                calendar.workingDaysBetween(localDayOf(item.dueAt), localDayOf(item.publishedAt)),
                Math.round(((item.publishedAt.getTime() - item.dueAt.getTime()) / 3_600_000) * 10) / 10,
              ];
            }
          }
        },
      },
      {
        key: 'board',
        titleVi: 'Thời gian xử lý của Ban biên tập',
        titleEn: 'Board handling time',
        legalBasis: 'Điều 9, Điều 12',
        columns: [
          ...PORTAL_COLUMNS,
          col('decided', 'Số lượt xử lý', 'Decisions'),
          col('withDeadline', 'Có thời hạn', 'With a deadline'),
          col('onTime', 'Đúng hạn', 'On time'),
          col('late', 'Trễ hạn', 'Late'),
          col('share', 'Tỷ lệ đúng hạn', 'On-time share', 'percent'),
          col('median', 'Trung vị (giờ)', 'Median (hours)', 'decimal'),
          col('p90', 'Phân vị 90 (giờ)', '90th percentile (hours)', 'decimal'),
        ],
        rows: perPortal((t, { board: v }) => [
          [
            ...who(t),
            v.decided,
            v.withDeadline,
            v.onTime,
            v.late,
            share(v.onTime, v.withDeadline),
            v.medianHours,
            v.p90Hours,
          ],
        ]),
      },
      {
        key: 'questions',
        titleVi: 'Hỏi đáp, phản ánh kiến nghị',
        titleEn: 'Questions and feedback',
        legalBasis: 'Điều 12 khoản 1 điểm đ',
        columns: [
          ...PORTAL_COLUMNS,
          col('received', 'Nhận được', 'Received'),
          col('questions', 'Câu hỏi', 'Questions'),
          col('feedback', 'Phản ánh, kiến nghị', 'Feedback'),
          col('forwardedAway', 'Chuyển cổng khác', 'Forwarded away'),
          col('handled', 'Đang/đã xử lý tại cổng', 'Handled here'),
          col('routedOnTime', 'Phân loại, chuyển đúng hạn', 'Routed on time'),
          col('routedLate', 'Phân loại trễ hạn', 'Routed late'),
          col('outOfScope', 'Ngoài thẩm quyền', 'Out of scope'),
          col('answered', 'Đã trả lời', 'Answered'),
          col('answeredOnTime', 'Trả lời đúng hạn', 'Answered on time'),
          col('answerLate', 'Trả lời trễ hoặc quá hạn', 'Late or overdue'),
          col('published', 'Đã công khai', 'Published'),
        ],
        rows: perPortal((t, { questions: q }) => {
          return [
            [
              ...who(t),
              q.received,
              q.questions,
              q.feedback,
              q.forwardedAway,
              q.handled,
              q.routedOnTime,
              q.routedLate,
              q.outOfScope,
              q.answered,
              q.answeredOnTime,
              q.answerLate,
              q.published,
            ],
          ];
        }),
      },
      {
        key: 'consultations-ratings',
        titleVi: 'Lấy ý kiến dự thảo và đánh giá',
        titleEn: 'Consultations and ratings',
        legalBasis: 'Điều 4 khoản 3',
        columns: [
          ...PORTAL_COLUMNS,
          col('held', 'Dự thảo lấy ý kiến', 'Drafts open for comment'),
          col('comments', 'Ý kiến nhận được', 'Comments'),
          col('commentsPublished', 'Ý kiến đã đăng', 'Published'),
          col('commentsRejected', 'Ý kiến không đăng', 'Rejected'),
          col('commentsPending', 'Ý kiến chờ duyệt', 'Awaiting moderation'),
          col('ratings', 'Lượt đánh giá', 'Ratings'),
          col('interface', 'Giao diện', 'Interface', 'decimal'),
          col('content', 'Nội dung', 'Content', 'decimal'),
          col('quality', 'Chất lượng', 'Quality', 'decimal'),
          col('support', 'Hỗ trợ', 'Support', 'decimal'),
        ],
        rows: perPortal((t, x) => [
          [
            ...who(t),
            x.consultations.held,
            x.consultations.comments,
            x.consultations.commentsPublished,
            x.consultations.commentsRejected,
            x.consultations.commentsPending,
            x.ratings.count,
            x.ratings.interface,
            x.ratings.content,
            x.ratings.quality,
            x.ratings.support,
          ],
        ]),
      },
      {
        key: 'refusals',
        titleVi: 'Tin bài bị từ chối, trả lại',
        titleEn: 'Refusals and returns',
        legalBasis: 'Điều 9',
        columns: [
          ...PORTAL_COLUMNS,
          col('reason', 'Lý do', 'Reason', 'text'),
          col('count', 'Số lượt', 'Count'),
        ],
        rows: perPortal((t, { refusals: v }) =>
          v
            ? [
                ...v.byReason.map((r) => [
                  ...who(t),
                  `Từ chối / Refused: ${label(REFUSAL_LABELS, r.key, '—')}`,
                  r.count,
                ]),
                ...(v.returned ? [[...who(t), 'Trả lại để sửa / Returned for changes', v.returned]] : []),
              ]
            : [],
        ),
      },
      {
        key: 'throughput',
        titleVi: 'Xử lý theo thành viên',
        titleEn: 'Workflow per member',
        legalBasis: 'Điều 9',
        columns: [
          ...PORTAL_COLUMNS,
          col('username', 'Tài khoản', 'Account', 'text'),
          col('displayName', 'Họ tên', 'Name', 'text'),
          col('tookForReview', 'Nhận duyệt', 'Took for review'),
          col('returned', 'Trả lại', 'Returned'),
          col('refused', 'Từ chối', 'Refused'),
          col('approved', 'Phê duyệt', 'Approved'),
          col('scheduled', 'Hẹn giờ đăng', 'Scheduled'),
          col('published', 'Đăng', 'Published'),
          col('withdrawn', 'Gỡ', 'Withdrawn'),
        ],
        rows: perPortal((t, { throughput: v }) =>
          t
            ? v.map((m) => [
                ...who(t),
                m.username,
                m.displayName,
                m.tookForReview,
                m.returned,
                m.refused,
                m.approved,
                m.scheduled,
                m.published,
                m.withdrawn,
              ])
            : [],
        ),
      },
      {
        key: 'accounts',
        titleVi: 'Tài khoản theo vai trò',
        titleEn: 'Accounts per role',
        legalBasis: 'Điều 8',
        columns: [
          ...PORTAL_COLUMNS,
          col('role', 'Vai trò', 'Role', 'text'),
          col('holders', 'Số tài khoản', 'Holders'),
          col('active', 'Có hoạt động trong kỳ', 'Active in the period'),
        ],
        rows: perPortal((t, { accounts: v }) =>
          v.map((r) => [...who(t), label(ROLE_LABELS, r.role, '—'), r.holders, r.active]),
        ),
      },
      {
        key: 'rules',
        titleVi: 'Kiểm tra theo quy định',
        titleEn: 'Rule checks',
        legalBasis: 'theo từng quy định / as each rule names',
        columns: [
          ...PORTAL_COLUMNS,
          col('rule', 'Quy định', 'Rule', 'text'),
          col('source', 'Căn cứ', 'Source', 'text'),
          col('outcome', 'Kết quả', 'Outcome', 'text'),
          col('findings', 'Chi tiết', 'Findings', 'text'),
        ],
        rows: async function* () {
          for (let i = 0; i < portals.length; i += BATCH) {
            const batch = portals.slice(i, i + BATCH);
            const checks = await rules.check(ctx, batch, p, now);
            for (const t of batch)
              for (const c of checks.get(t.id) ?? [])
                yield [
                  ...who(t),
                  c.titleEn ? `${c.titleVi} / ${c.titleEn}` : c.titleVi,
                  `${c.document}, ${c.article}`,
                  OUTCOME_LABELS[c.outcome],
                  c.findings.join('; '),
                ];
          }
        },
      },
    ];
    // Sections of the libs built on reporting (royalties) go before the rule checks.
    sheets.splice(-1, 0, ...this.sections.sheets({ portals, period: p, withTotal }));
    return sheets;
  }
}

import { localDayOf } from '@portal/calendar';
import { KIND_LABELS, label } from '../report-labels';
import { BATCH, col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Items published late” of the report file. */
export const lateItemsSheet: SheetBuilder = ({ ctx, who, portals, period, figures, calendars }) => ({
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
      const items = await figures.lateItems(
        ctx,
        batch.map((t) => t.id),
        period,
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
});

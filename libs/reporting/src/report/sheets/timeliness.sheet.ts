import { KIND_LABELS, label } from '../report-labels';
import { col, PORTAL_COLUMNS, share, SheetBuilder } from './report-sheet-context';

/** The sheet “Timeliness” of the report file. */
export const timelinessSheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

import { col, PORTAL_COLUMNS, share, SheetBuilder } from './report-sheet-context';

/** The sheet “Board handling time” of the report file. */
export const boardSheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

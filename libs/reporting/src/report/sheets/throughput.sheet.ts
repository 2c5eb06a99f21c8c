import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Workflow per member” of the report file. */
export const throughputSheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

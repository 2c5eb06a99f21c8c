import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Syndication” of the report file. */
export const syndicationSheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

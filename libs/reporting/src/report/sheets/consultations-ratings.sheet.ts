import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Consultations and ratings” of the report file. */
export const consultationsRatingsSheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

import { col, PORTAL_COLUMNS, share, SheetBuilder } from './report-sheet-context';

/** The sheet “Summary” of the report file. */
export const summarySheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

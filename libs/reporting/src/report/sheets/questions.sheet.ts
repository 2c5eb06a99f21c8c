import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Questions and feedback” of the report file. */
export const questionsSheet: SheetBuilder = ({ perPortal, who }) => ({
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
});

export const QUESTION_STATUS: Record<string, [string, string]> = {
  RECEIVED: ['Đã tiếp nhận', 'Received'],
  ROUTED: ['Đang xử lý', 'With a unit'],
  ANSWERED: ['Chờ duyệt trả lời', 'Answer waiting for approval'],
  APPROVED: ['Đã duyệt trả lời', 'Answer approved'],
  PUBLISHED: ['Đã công bố', 'Published'],
  OUT_OF_SCOPE: ['Ngoài phạm vi', 'Out of scope'],
};

export const QUESTION_TYPES: Record<string, [string, string]> = {
  QUESTION: ['Hỏi đáp', 'Question'],
  FEEDBACK: ['Phản ánh, kiến nghị về quy định hành chính', 'Feedback on regulations'],
};

export const QUESTION_ACTIONS: Record<string, [string, string]> = {
  ASK: ['Gửi câu hỏi', 'Asked'],
  CLASSIFY: ['Phân loại', 'Classified'],
  ROUTE: ['Chuyển xử lý', 'Routed'],
  FORWARD: ['Chuyển cổng khác', 'Forwarded'],
  ANSWER_OUT_OF_SCOPE: ['Trả lời ngoài phạm vi', 'Answered out of scope'],
  DRAFT_ANSWER: ['Dự thảo trả lời', 'Answer drafted'],
  RETURN: ['Trả lại', 'Returned'],
  APPROVE: ['Phê duyệt', 'Approved'],
  PUBLISH: ['Công bố', 'Published'],
};

export const COMMENT_STATES: Record<string, [string, string]> = {
  PENDING: ['Chờ duyệt', 'Waiting'],
  PUBLISHED: ['Đã đăng', 'Published'],
  REJECTED: ['Không đăng', 'Rejected'],
};

export const CONSULTATION_STATUS: Record<string, [string, string]> = {
  UPCOMING: ['Chưa mở', 'Not open yet'],
  OPEN: ['Đang lấy ý kiến', 'Open for comment'],
  CLOSED: ['Đã hết hạn góp ý', 'Closed'],
};

interface Deadlines {
  status: string;
  routingDueAt?: string | null;
  outOfScopeDueAt?: string | null;
  unitDueAt?: string | null;
  answerDueAt?: string | null;
  boardDueAt?: string | null;
}

/** The deadline the question is working against now (working days, computed by the server). */
export function currentDeadline(q: Deadlines): { at: string; which: [string, string] } | null {
  const pick = (at: string | null | undefined, which: [string, string]) => (at ? { at, which } : null);
  switch (q.status) {
    case 'RECEIVED':
      return (
        pick(q.routingDueAt, ['Hạn phân loại, chuyển xử lý', 'Routing due']) ??
        pick(q.answerDueAt, ['Hạn trả lời', 'Answer due'])
      );
    case 'ROUTED':
      return (
        pick(q.unitDueAt, ['Hạn đơn vị trả lời', 'Unit’s answer due']) ??
        pick(q.answerDueAt, ['Hạn trả lời', 'Answer due'])
      );
    case 'ANSWERED':
      return pick(q.answerDueAt, ['Hạn trả lời', 'Answer due']);
    case 'APPROVED':
      return (
        pick(q.boardDueAt, ['Hạn công bố', 'Publication due']) ??
        pick(q.answerDueAt, ['Hạn trả lời', 'Answer due'])
      );
    default:
      return null;
  }
}

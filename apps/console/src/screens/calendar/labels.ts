// Names of the calendar's and the deadline profiles' codes, Vietnamese first.

export const INFO_KINDS: Record<string, [string, string]> = {
  INTRODUCTION: ['Thông tin giới thiệu', 'Introduction'],
  NEWS: ['Tin tức, sự kiện', 'News and events'],
  DIRECTIVE: ['Thông tin chỉ đạo, điều hành', 'Direction and administration'],
  CONTACTS: ['Thông tin liên hệ', 'Contacts'],
  POLICY_DISSEMINATION: ['Tuyên truyền, phổ biến pháp luật', 'Policy dissemination'],
  LEGAL_DOCUMENT_OWN: ['Văn bản do cơ quan ban hành', 'Legal documents it issues'],
  LEGAL_DOCUMENT_IN_SCOPE: ['Văn bản liên quan phạm vi quản lý', 'Legal documents in its scope'],
  LEGAL_DOCUMENT_NORMATIVE: ['Văn bản quy phạm pháp luật', 'Normative legal documents'],
  LEGAL_DOCUMENT_ADMINISTRATIVE: ['Văn bản hành chính', 'Administrative documents'],
  STRATEGY_PLAN_PROJECT: ['Chiến lược, quy hoạch, dự án', 'Strategies, plans, projects'],
  PROCUREMENT: ['Đầu tư, đấu thầu, mua sắm công', 'Investment and procurement'],
  SCIENCE_PROGRAMME: ['Chương trình, đề tài khoa học', 'Science programmes'],
  STATISTICS: ['Thông tin thống kê', 'Statistics'],
  WORK_SCHEDULE: ['Lịch công tác của lãnh đạo', 'Leaders’ work schedule'],
  BOARD_HANDLING: ['Ban biên tập xử lý bài gửi', 'Board handling of a submission'],
  QA_ROUTING: ['Chuyển câu hỏi', 'Routing a question'],
  QA_OUT_OF_SCOPE_NOTICE: ['Báo câu hỏi ngoài phạm vi', 'Out-of-scope notice'],
  QA_ANSWER: ['Trả lời câu hỏi', 'Answering a question'],
  QA_UNIT_ANSWER: ['Đơn vị trả lời câu hỏi', 'Unit’s answer'],
  QA_BOARD_PUBLISH: ['Đăng câu trả lời', 'Publishing the answer'],
};

export const ANCHORS: Record<string, [string, string]> = {
  EVENT: ['sự kiện diễn ra', 'the event'],
  ISSUE: ['văn bản được ban hành', 'the text’s issue'],
  APPROVAL: ['được phê duyệt', 'the approval'],
  PUBLICATION_DECISION: ['quyết định công bố', 'the decision to publish'],
  WEEK_START: ['tuần làm việc', 'the week covered'],
  SUBMISSION: ['bài được gửi duyệt', 'the submission'],
  RECEIPT: ['nhận câu hỏi', 'the question’s receipt'],
  ROUTING: ['chuyển câu hỏi', 'the routing'],
  ANSWER: ['đơn vị trả lời', 'the unit’s answer'],
};

export const ORIGINS: Record<string, [string, string]> = {
  STATUTORY: ['Ngày lễ, Tết theo luật', 'Public holiday'],
  COMPENSATORY: ['Nghỉ bù', 'Compensatory day off'],
  ANNOUNCED: ['Theo thông báo của Chính phủ', 'Announced by the government'],
  OVERRIDE: ['Do cổng quy định', 'Declared by a portal'],
  WEEKDAY: ['Ngày thường', 'Weekday'],
  WEEKEND: ['Cuối tuần', 'Weekend'],
};

const WEEKDAYS_VI: Record<string, string> = {
  MONDAY: 'thứ Hai',
  TUESDAY: 'thứ Ba',
  WEDNESDAY: 'thứ Tư',
  THURSDAY: 'thứ Năm',
  FRIDAY: 'thứ Sáu',
  SATURDAY: 'thứ Bảy',
  SUNDAY: 'Chủ nhật',
};

/** A rule in words: "within 2 working days", "immediately (end of the working day)", … */
export function ruleText(
  r: { type: string; workingDays?: number | null; weekday?: string | null; time?: string | null },
  vi: boolean,
): string {
  switch (r.type) {
    case 'WITHIN_WORKING_DAYS':
      return vi ? `trong ${r.workingDays} ngày làm việc` : `within ${r.workingDays} working days`;
    case 'IMMEDIATELY':
      return vi ? 'tức thời (hết ngày làm việc)' : 'immediately (end of the working day)';
    case 'SAME_WORKING_DAY':
      return vi ? 'trong ngày làm việc' : 'the same working day';
    case 'AT_ANCHOR':
      return vi ? 'ngay tại thời điểm' : 'at the anchor instant';
    case 'BEFORE_TIME_PRECEDING_WEEK': {
      const day = r.weekday ?? '';
      return vi
        ? `trước ${r.time ?? ''} ${WEEKDAYS_VI[day] ?? day} tuần trước`
        : `before ${r.time ?? ''} on the ${day.toLowerCase()} of the week before`;
    }
    default:
      return r.type;
  }
}

export const WEEKDAY_SHORT_VI = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
export const WEEKDAY_SHORT_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
export const WEEKDAY_LONG_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
export const WEEKDAY_LONG_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Monday = 0 … Sunday = 6 of a YYYY-MM-DD date. */
export function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** dd/mm/yyyy of a YYYY-MM-DD date (no time zone involved). */
export function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Words a clerk reads in the exported files (codes stay in the GraphQL API). */

export const KIND_LABELS: Record<string, string> = {
  NEWS: 'Tin tức, sự kiện / News',
  ANNOUNCEMENT: 'Thông báo / Announcement',
  DIRECTIVE: 'Chỉ đạo, điều hành / Direction',
  WORK_SCHEDULE: 'Lịch công tác / Work schedule',
  LEGAL_DOCUMENT: 'Văn bản quy phạm pháp luật / Legal document',
  DRAFT_DOCUMENT: 'Dự thảo lấy ý kiến / Draft for comment',
  GAZETTE_ISSUE: 'Công báo / Official gazette',
  PROJECT: 'Chương trình, dự án / Project',
  STATISTICS_REPORT: 'Thống kê / Statistics',
  ADMINISTRATIVE_PROCEDURE: 'Thủ tục hành chính / Administrative procedure',
  ORGANISATION_PAGE: 'Giới thiệu / Introduction',
  LEADER_PROFILE: 'Lãnh đạo / Leader',
  CONTACT_ENTRY: 'Liên hệ / Contact',
  QA_ITEM: 'Hỏi đáp / Q&A',
  GENERIC_PAGE: 'Trang / Page',
  LAW_DISSEMINATION: 'Phổ biến pháp luật / Law dissemination',
  SCIENCE_PROGRAMME: 'Chương trình, đề tài khoa học / Science programme',
  CITIZEN_RECEPTION: 'Lịch tiếp công dân / Citizen reception',
  VIDEO: 'Video / Video',
  AUDIO: 'Âm thanh / Audio',
  PHOTO_GALLERY: 'Phóng sự ảnh / Photo gallery',
};

export const REFUSAL_LABELS: Record<string, string> = {
  AGAINST_POLICY_OR_LAW: 'Không phù hợp chủ trương, chính sách, pháp luật / Against policy or law',
  STATE_SECRET: 'Bí mật nhà nước / State secret',
  NOT_AUTHORISED_FOR_RELEASE: 'Chưa được phép công bố / Not authorised for release',
  INACCURATE_OR_LOW_QUALITY: 'Chưa chính xác, chất lượng / Inaccurate or low quality',
  OUT_OF_SCOPE: 'Ngoài phạm vi / Out of scope',
  UNKNOWN_ORIGIN: 'Không rõ nguồn gốc / Unknown origin',
};

export const ROLE_LABELS: Record<string, string> = {
  OWNER: 'Cơ quan chủ quản / Owner',
  MANAGER: 'Cơ quan quản lý / Managing agency',
  OPERATOR: 'Đơn vị vận hành / Operator',
  BOARD_HEAD: 'Trưởng Ban biên tập / Board head',
  BOARD_DEPUTY: 'Phó Trưởng Ban biên tập / Board deputy',
  BOARD_MEMBER: 'Thành viên Ban biên tập / Board member',
  CONTRIBUTOR: 'Cộng tác viên, đầu mối / Contributor',
};

export const OUTCOME_LABELS: Record<string, string> = {
  PASSED: 'Đạt / Passed',
  FAILED: 'Không đạt / Failed',
  NOT_APPLICABLE: 'Chưa đánh giá / Not yet judged',
};

export const label = (labels: Record<string, string>, key: string | null, none: string): string =>
  key === null ? none : (labels[key] ?? key);

import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ApiError } from './api/session';

export type Lang = 'vi' | 'en';
let lang: Lang =
  typeof localStorage !== 'undefined' && localStorage.getItem('console-lang') === 'en' ? 'en' : 'vi';
export const currentLang = () => lang;

const ZONE = 'Asia/Ho_Chi_Minh';

function parts(value: string | Date) {
  const d = typeof value === 'string' ? new Date(value) : value;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return p as Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>;
}

/** dd/mm/yyyy in Asia/Ho_Chi_Minh, whatever the browser's zone. */
export function fmtDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** dd/mm/yyyy HH:mm (24 h) in Asia/Ho_Chi_Minh. */
export function fmtDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A `datetime-local` value read as Vietnam time (UTC+7 all year) → ISO instant. */
export function vnLocalToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  return new Date(`${value.length === 16 ? `${value}:00` : value}+07:00`).toISOString();
}

const I18n = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'vi',
  setLang: () => undefined,
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<Lang>(lang);
  const setLang = (l: Lang) => {
    lang = l;
    localStorage.setItem('console-lang', l);
    document.documentElement.lang = l;
    setValue(l);
  };
  return <I18n.Provider value={{ lang: value, setLang }}>{children}</I18n.Provider>;
}

/** `t('Vietnamese', 'English')`: Vietnamese first, English by the switch. */
export function useI18n() {
  const { lang: l, setLang } = useContext(I18n);
  const t = (vi: string, en: string) => (l === 'en' ? en : vi);
  const msg = (e: ApiError | null | undefined) => (e ? (l === 'en' ? e.messageEn : e.messageVi) : '');
  return { lang: l, setLang, t, msg };
}

export const STATUS: Record<string, [string, string]> = {
  DRAFT: ['Bản nháp', 'Draft'],
  SUBMITTED: ['Đã gửi duyệt', 'Submitted'],
  IN_REVIEW: ['Đang biên tập', 'In review'],
  APPROVED: ['Đã duyệt', 'Approved'],
  SCHEDULED: ['Hẹn giờ đăng', 'Scheduled'],
  PUBLISHED: ['Đã đăng', 'Published'],
  RETURNED: ['Trả lại để sửa', 'Returned'],
  REFUSED: ['Từ chối', 'Refused'],
  SUPERSEDED: ['Đã thay thế', 'Superseded'],
  WITHDRAWN: ['Đã gỡ', 'Withdrawn'],
};

export const ACTIONS: Record<string, [string, string]> = {
  SUBMIT: ['Gửi duyệt', 'Submit'],
  TAKE_FOR_REVIEW: ['Nhận biên tập', 'Take into review'],
  RETURN: ['Trả lại', 'Return'],
  REFUSE: ['Từ chối', 'Refuse'],
  APPROVE: ['Phê duyệt', 'Approve'],
  SCHEDULE: ['Hẹn giờ đăng', 'Schedule'],
  UNSCHEDULE: ['Hủy hẹn giờ', 'Unschedule'],
  PUBLISH: ['Đăng ngay', 'Publish now'],
  WITHDRAW: ['Gỡ bài', 'Withdraw'],
  CREATE: ['Tạo mới', 'Created'],
  EDIT: ['Sửa', 'Edited'],
  SCHEDULE_WITHDRAWAL: ['Hẹn giờ gỡ', 'Withdrawal scheduled'],
};

export const REASONS: Record<string, [string, string]> = {
  AGAINST_POLICY_OR_LAW: ['Trái chủ trương, chính sách, pháp luật', 'Against Party/State policy or law'],
  STATE_SECRET: ['Thuộc bí mật nhà nước', 'State secret'],
  NOT_AUTHORISED_FOR_RELEASE: ['Chưa được phép công bố', 'Not yet authorised for release'],
  INACCURATE_OR_LOW_QUALITY: ['Không chính xác hoặc chất lượng thấp', 'Inaccurate or low quality'],
  OUT_OF_SCOPE: ['Ngoài phạm vi của cổng', 'Outside the portal’s scope'],
  UNKNOWN_ORIGIN: ['Không rõ nguồn gốc', 'Unknown origin'],
};

export const KINDS: Record<string, [string, string]> = {
  NEWS: ['Tin tức', 'News'],
  ANNOUNCEMENT: ['Thông báo', 'Announcement'],
  DIRECTIVE: ['Chỉ đạo điều hành', 'Directive'],
  WORK_SCHEDULE: ['Lịch công tác', 'Work schedule'],
  LEGAL_DOCUMENT: ['Văn bản pháp luật', 'Legal document'],
  DRAFT_DOCUMENT: ['Dự thảo lấy ý kiến', 'Draft for comment'],
  GAZETTE_ISSUE: ['Công báo', 'Official gazette'],
  PROJECT: ['Dự án, đấu thầu', 'Project, procurement'],
  STATISTICS_REPORT: ['Thống kê, báo cáo', 'Statistics report'],
  ADMINISTRATIVE_PROCEDURE: ['Thủ tục hành chính', 'Administrative procedure'],
  ORGANISATION_PAGE: ['Giới thiệu tổ chức', 'Organisation page'],
  LEADER_PROFILE: ['Lãnh đạo', 'Leader profile'],
  CONTACT_ENTRY: ['Danh bạ liên hệ', 'Contact entry'],
  QA_ITEM: ['Hỏi đáp', 'Q&A'],
  GENERIC_PAGE: ['Trang nội dung', 'Page'],
  LAW_DISSEMINATION: ['Phổ biến pháp luật', 'Law dissemination'],
  SCIENCE_PROGRAMME: ['Chương trình, đề tài khoa học', 'Science programme'],
  CITIZEN_RECEPTION: ['Lịch tiếp công dân', 'Citizen reception'],
  VIDEO: ['Video', 'Video'],
  AUDIO: ['Âm thanh', 'Audio'],
  PHOTO_GALLERY: ['Phóng sự ảnh', 'Photo gallery'],
};

export const ROLES: Record<string, [string, string]> = {
  OWNER: ['Cơ quan chủ quản', 'Owner agency'],
  MANAGER: ['Cơ quan quản lý', 'Managing agency'],
  OPERATOR: ['Đơn vị vận hành', 'Operator'],
  BOARD_HEAD: ['Trưởng ban biên tập', 'Head of the editorial board'],
  BOARD_DEPUTY: ['Phó trưởng ban', 'Deputy head'],
  BOARD_MEMBER: ['Thành viên ban biên tập', 'Board member'],
  CONTRIBUTOR: ['Cộng tác viên', 'Contributor'],
};

export function useLabel() {
  const { lang: l } = useI18n();
  return (table: Record<string, [string, string]>, key: string | null | undefined) =>
    key ? (table[key]?.[l === 'en' ? 1 : 0] ?? key) : '—';
}

import { DomainError, inputError } from '@portal/platform';

/**
 * Values of the structured fields that used to be free text: a project's and a tender's status
 * (641/QĐ-UBND art. 14.1.h lists projects being prepared, under way and completed), the kinds of
 * citizen reception (1376/QĐ-SVHTT art. 7.1.l: regular, periodic, ad hoc), with their labels.
 */
export const PROJECT_STATUSES = ['PREPARING', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED'] as const;
export const TENDER_STATUSES = ['PLANNED', 'INVITING', 'EVALUATING', 'AWARDED', 'CANCELLED'] as const;
export const RECEPTION_TYPES = ['REGULAR', 'PERIODIC', 'AD_HOC'] as const;

/** Vietnamese and English labels of every structured value (site pages, console, exports). */
export const STRUCTURED_VALUE_LABELS: Record<string, Record<string, [string, string]>> = {
  status: {
    PREPARING: ['Đang chuẩn bị đầu tư', 'Being prepared'],
    IN_PROGRESS: ['Đang triển khai', 'Under way'],
    COMPLETED: ['Đã hoàn thành', 'Completed'],
    SUSPENDED: ['Tạm dừng', 'Suspended'],
  },
  tenderStatus: {
    PLANNED: ['Kế hoạch lựa chọn nhà thầu', 'Procurement planned'],
    INVITING: ['Đang mời thầu', 'Inviting bids'],
    EVALUATING: ['Đang xét thầu', 'Bids under evaluation'],
    AWARDED: ['Đã có kết quả lựa chọn nhà thầu', 'Contract awarded'],
    CANCELLED: ['Hủy thầu', 'Cancelled'],
  },
  type: {
    REGULAR: ['Thường xuyên', 'Regular'],
    PERIODIC: ['Định kỳ', 'Periodic'],
    AD_HOC: ['Đột xuất', 'Ad hoc'],
  },
};

/** A telephone or fax number as people write it: digits, spaces, `+ . - ( )`; 3 to 15 digits. */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[\d ().-]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 3 && digits <= 15;
}

/** An e-mail address (one, no display name), at most 254 characters. */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && /^[^\s@<>"(),;:[\]]+@[^\s@<>"(),;:[\]]+\.[^\s@<>"(),;:[\].]+$/.test(text);
}

const fail = (code: string, field: string, vi: string, en: string) => ({
  error: inputError(code, field, `${field}: ${vi}`, `${field}: ${en}`),
});

/**
 * Checks across the fields of one item that a field spec cannot say: a tender status only for an
 * item with procurement; each reception session's date (ad hoc), recurrence (regular, periodic),
 * receiving leader (periodic, ad hoc) and an end after its start.
 */
export function checkStructured(kind: string, f: Record<string, unknown>): { error: DomainError } | null {
  if (kind === 'PROJECT' && f.tenderStatus !== undefined && f.procurement !== 'YES')
    return fail(
      'INVALID_FIELD',
      'fields.tenderStatus',
      'chỉ ghi tình trạng đấu thầu cho dự án có đấu thầu, mua sắm công (procurement = YES).',
      'a tender status belongs only to an item with procurement (procurement = YES).',
    );
  if (kind === 'CITIZEN_RECEPTION' && Array.isArray(f.sessions)) {
    for (const [i, s] of (f.sessions as Array<Record<string, unknown>>).entries()) {
      const at = `fields.sessions.${i}`;
      if (s.type === 'AD_HOC' && !s.date)
        return fail(
          'REQUIRED',
          `${at}.date`,
          'buổi tiếp đột xuất cần ngày tiếp.',
          'an ad hoc session needs its date.',
        );
      if (s.type !== 'AD_HOC' && !s.recurrence)
        return fail(
          'REQUIRED',
          `${at}.recurrence`,
          'lịch tiếp thường xuyên, định kỳ cần ghi ngày tiếp trong tuần, tháng.',
          'a regular or periodic session needs its days (of the week or month).',
        );
      if (s.type !== 'REGULAR' && !s.leader)
        return fail(
          'REQUIRED',
          `${at}.leader`,
          'cần ghi lãnh đạo tiếp công dân.',
          'the leader who receives citizens is required.',
        );
      if (typeof s.to === 'string' && typeof s.from === 'string' && s.to <= s.from)
        return fail(
          'INVALID_PERIOD',
          `${at}.to`,
          'giờ kết thúc phải sau giờ bắt đầu.',
          'the session must end after it starts.',
        );
    }
  }
  return null;
}

/** Lowercase, without diacritics (đ as d), spaces collapsed: how free text is matched to values. */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The status value a project's free-text status most likely meant, or null when the words say
 * none of them (the text itself is kept as `statusNote` either way).
 */
export function projectStatusFromText(text: string): (typeof PROJECT_STATUSES)[number] | null {
  const n = folded(text);
  if ((PROJECT_STATUSES as readonly string[]).includes(text.trim())) return text.trim() as never;
  if (/chua (trien khai|khoi cong|thuc hien|dau tu)|chuan bi|keu goi|moi goi|prepar|planned/.test(n))
    return 'PREPARING';
  if (/tam (dung|ngung|hoan)|ngung thi cong|suspend|halt|on hold|paused/.test(n)) return 'SUSPENDED';
  if (/chua hoan (thanh|tat)/.test(n)) return 'IN_PROGRESS';
  if (/hoan (thanh|tat)|da xong|nghiem thu|ban giao|quyet toan|complet|finished/.test(n)) return 'COMPLETED';
  if (/dang|trien khai|thi cong|thuc hien|progress|under way|ongoing|construction/.test(n))
    return 'IN_PROGRESS';
  return null;
}

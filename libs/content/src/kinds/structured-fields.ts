import { DomainError, inputError } from '@portal/platform';
import { PROJECT_STATUSES } from './structured-text';

export { PROJECT_STATUSES, isEmailAddress, isPhoneNumber, projectStatusFromText } from './structured-text';

/**
 * Values of the structured fields that used to be free text: a project's and a tender's status
 * (641/QĐ-UBND art. 14.1.h lists projects being prepared, under way and completed), the kinds of
 * citizen reception (1376/QĐ-SVHTT art. 7.1.l: regular, periodic, ad hoc), with their labels.
 */
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


import { DomainError, inputError } from '@portal/platform';
import { CalendarErrorCode as Code } from './calendar-error-code';

/** An input error of the calendar (a date, a number of days), naming the field. */
export class CalendarInputError extends DomainError {
  constructor(code: Code, field: string, vi: string, en: string) {
    super(code, { vi, en }, field, 400);
  }
}

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);
const dateInput = (code: Code, field: string, vi: string, en: string): DomainError =>
  new CalendarInputError(code, field, vi, en);

/** Every typed error of calendar, its Vietnamese and English text in one place. */
export const CalendarErrors = {
  tenantNotFound: () =>
    input(Code.TENANT_NOT_FOUND, 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
  reasonRequired: () =>
    input(Code.REQUIRED, 'nameVi', 'Cần ghi lý do (tiếng Việt).', 'A reason (in Vietnamese) is required.'),
  sourceRequired: () =>
    input(Code.REQUIRED, 'source', 'Cần ghi văn bản căn cứ.', 'The legal source is required.'),
  notADate: (field: string, text: string) =>
    dateInput(
      Code.INVALID_DATE,
      field,
      `“${text}” không phải ngày dạng YYYY-MM-DD.`,
      `"${text}" is not a date in YYYY-MM-DD form.`,
    ),
  noSuchDate: (field: string, text: string) =>
    dateInput(Code.INVALID_DATE, field, `Không có ngày ${text}.`, `There is no such date: ${text}.`),
  invalidAnchor: () =>
    input(Code.INVALID_DATE, 'anchor', 'Thời điểm mốc không hợp lệ.', 'The anchor is not a valid instant.'),
  dateOutOfRange: (field: string, first: number, last: number) =>
    dateInput(
      Code.DATE_OUT_OF_RANGE,
      field,
      `Lịch chỉ hỗ trợ các năm ${first}–${last}.`,
      `The calendar supports the years ${first}–${last} only.`,
    ),
  invalidWorkingDays: () =>
    dateInput(
      Code.INVALID_WORKING_DAYS,
      'days',
      'Số ngày làm việc phải là số nguyên không âm.',
      'The number of working days must be a non-negative integer.',
    ),
  noDeadlineRule: (kind: string) =>
    new DomainError(
      Code.NO_DEADLINE_RULE,
      {
        vi: `Chính sách thời hạn không quy định loại thông tin ${kind}.`,
        en: `The deadline policy has no rule for ${kind}.`,
      },
      'kind',
      400,
    ),
  unknownPolicyProfile: (profileKey: string) =>
    input(
      Code.UNKNOWN_POLICY_PROFILE,
      'profileKey',
      `Không có chính sách “${profileKey}”.`,
      `There is no policy profile "${profileKey}".`,
    ),
  fileTooLarge: (maxChars: number) =>
    input(
      Code.TOO_LARGE,
      'yaml',
      `Tệp quá lớn (tối đa ${maxChars / 1000} nghìn ký tự).`,
      `The file is too large (at most ${maxChars / 1000} thousand characters).`,
    ),
  invalidFile: (lines: string) =>
    input(
      Code.INVALID_FILE,
      'yaml',
      `Tệp có lỗi (dòng:cột) — ${lines}`,
      `The file has errors (line:column) — ${lines}`,
    ),
};

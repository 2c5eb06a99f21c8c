import { DomainError, ForbiddenError, inputError } from '@portal/platform';
import { ReportingErrorCode as Code } from './reporting-error-code';

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

/** Every typed error of reporting, its Vietnamese and English text in one place. */
export const ReportingErrors = {
  /** FORBIDDEN: also the answer for a portal that does not exist or is out of reach. */
  reportDenied: () =>
    new ForbiddenError({
      vi: 'Bạn không có quyền xem báo cáo của (một trong) các cổng này.',
      en: 'You may not read the report of (one of) these portals.',
    }),
  tenantNotFound: () =>
    input(Code.TENANT_NOT_FOUND, 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
  fileNotFound: () =>
    new DomainError(
      Code.NOT_FOUND,
      {
        vi: 'Không tìm thấy tệp báo cáo, hoặc liên kết tải đã hết hạn: hãy mở lại báo cáo để lấy liên kết mới.',
        en: 'The report file does not exist, or the download link has expired: open the report again for a new link.',
      },
      null,
      404,
    ),
  invalidPeriod: () =>
    input(
      Code.INVALID_PERIOD,
      'period',
      'Kỳ báo cáo phải có dạng 2026, 2026-H1, 2026-Q3, 2026-05 hoặc 2026-01-01..2026-02-15.',
      'The period must look like 2026, 2026-H1, 2026-Q3, 2026-05 or 2026-01-01..2026-02-15.',
    ),
  periodReversed: () =>
    input(
      Code.INVALID_PERIOD,
      'period',
      'Ngày cuối của kỳ báo cáo đứng trước ngày đầu.',
      'The period ends before it starts.',
    ),
  periodTooLong: () =>
    input(Code.INVALID_PERIOD, 'period', 'Kỳ báo cáo dài tối đa 5 năm.', 'A period covers at most 5 years.'),
  invalidCursor: () =>
    input(Code.INVALID_CURSOR, 'after', 'Con trỏ trang không hợp lệ.', 'The page cursor is not valid.'),
  invalidPageSize: () =>
    input(Code.INVALID_PAGE_SIZE, 'first', 'Số mục mỗi trang từ 1 đến 1000.', 'Page size is 1 to 1000.'),
};

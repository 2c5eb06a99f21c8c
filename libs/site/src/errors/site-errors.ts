import { DomainError, inputError } from '@portal/platform';
import { SiteErrorCode as Code } from './site-error-code';

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

/** Every typed error of the public site's settings and statistics, its Vietnamese and English text in one place. */
export const SiteErrors = {
  themeNotAllowed: () =>
    new DomainError(
      Code.FORBIDDEN,
      {
        vi: 'Bạn không có quyền đổi giao diện của cổng này.',
        en: 'You may not change the look of this portal.',
      },
      'tenantId',
      403,
    ),
  tooLong: (field: string, max: number) =>
    input(Code.TOO_LONG, field, `Tối đa ${max} ký tự.`, `At most ${max} characters.`),
  invalidColour: (field: string) =>
    input(Code.INVALID_COLOUR, field, 'Màu phải có dạng #rrggbb.', 'A colour is written #rrggbb.'),
  invalidImageUrl: (field: string) =>
    input(
      Code.INVALID_URL,
      field,
      'Địa chỉ ảnh phải bắt đầu bằng https:// hoặc / (trên cổng này).',
      'An image address starts with https:// or / (on this portal).',
    ),
  invalidEmail: () =>
    input(Code.INVALID_EMAIL, 'email', 'Địa chỉ thư điện tử không hợp lệ.', 'Not an e-mail address.'),
  missingBannerAlt: () =>
    input(
      Code.MISSING_ALT,
      'bannerAltVi',
      'Ảnh băng-rôn cần lời mô tả (cho người đọc bằng máy đọc màn hình).',
      'A banner image needs a text alternative (for screen reader users).',
    ),
  whiteOnPrimary: (ratio: number) =>
    input(
      Code.LOW_CONTRAST,
      'primaryColour',
      `Chữ trắng trên màu chính chỉ đạt độ tương phản ${ratio.toFixed(2)}:1, cần ít nhất 4.5:1.`,
      `White text on the primary colour has a contrast of ${ratio.toFixed(2)}:1; at least 4.5:1 is needed.`,
    ),
  accentOnPrimary: (ratio: number) =>
    input(
      Code.LOW_CONTRAST,
      'accentColour',
      `Màu nhấn trên màu chính chỉ đạt độ tương phản ${ratio.toFixed(2)}:1, cần ít nhất 4.5:1.`,
      `The accent colour on the primary colour has a contrast of ${ratio.toFixed(2)}:1; at least 4.5:1 is needed.`,
    ),
  invalidDate: (field: string) =>
    input(Code.INVALID_DATE, field, 'Ngày không hợp lệ (YYYY-MM-DD).', 'Not a date (YYYY-MM-DD).'),
  invalidPeriod: () =>
    input(Code.INVALID_PERIOD, 'to', 'Khoảng thời gian từ 0 đến 366 ngày.', 'A period of 0 to 366 days.'),
};

import { inputError } from '@portal/platform';
import { AuditErrorCode as Code } from './audit-error-code';

/** Every typed error of audit, its Vietnamese and English text in one place. */
export const AuditErrors = {
  invalidCursor: () =>
    inputError(
      Code.INVALID_CURSOR,
      'after',
      'Con trỏ phân trang không hợp lệ.',
      'The pagination cursor is not valid.',
    ),
};

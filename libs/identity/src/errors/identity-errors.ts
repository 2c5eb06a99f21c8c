import { DomainError, UnauthenticatedError, inputError } from '@portal/platform';
import { IdentityErrorCode as Code } from './identity-error-code';

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

/** HH:mm dd/mm/yyyy in Asia/Ho_Chi_Minh, as a Vietnamese reader writes a time. */
const vietnamTime = (d: Date): string => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
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
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
};

const PASSWORD_REASONS: Record<'TOO_SHORT' | 'TOO_LONG' | 'CONTAINS_USERNAME', [Code, string, string]> = {
  TOO_SHORT: [
    Code.PASSWORD_TOO_SHORT,
    'Mật khẩu phải có ít nhất 12 ký tự.',
    'The password must be at least 12 characters long.',
  ],
  TOO_LONG: [
    Code.PASSWORD_TOO_LONG,
    'Mật khẩu dài quá 256 ký tự.',
    'The password must be at most 256 characters long.',
  ],
  CONTAINS_USERNAME: [
    Code.PASSWORD_CONTAINS_USERNAME,
    'Mật khẩu không được chứa tên đăng nhập.',
    'The password must not contain the username.',
  ],
};

/** Every typed error of identity, its Vietnamese and English text in one place. */
export const IdentityErrors = {
  sessionRevoked: () =>
    new UnauthenticatedError({ vi: 'Phiên đăng nhập đã bị thu hồi.', en: 'The session has been revoked.' }),
  invalidAccessToken: () =>
    new UnauthenticatedError({
      vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn.',
      en: 'The access token is invalid or has expired.',
    }),
  /** One message for a wrong password and an unknown username: the answer must not tell them apart. */
  invalidCredentials: () =>
    new DomainError(
      Code.INVALID_CREDENTIALS,
      { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
      'password',
      401,
    ),
  locked: (until: Date) =>
    new DomainError(
      Code.LOGIN_LOCKED,
      {
        vi: `Đăng nhập sai quá nhiều lần; vui lòng thử lại sau ${vietnamTime(until)} (giờ Việt Nam).`,
        en: `Too many failed logins; try again after ${until.toISOString()}.`,
      },
      'username',
      429,
    ),
  throttled: (until: Date) =>
    new DomainError(
      Code.LOGIN_THROTTLED,
      {
        vi: `Có quá nhiều lần đăng nhập sai từ địa chỉ này; vui lòng thử lại sau ${until.toISOString()}.`,
        en: `Too many failed logins from this address; try again after ${until.toISOString()}.`,
      },
      'username',
      429,
    ),
  suspended: () =>
    new DomainError(
      Code.ACCOUNT_SUSPENDED,
      { vi: 'Tài khoản đang bị tạm khóa.', en: 'The account is suspended.' },
      'username',
      403,
    ),
  invalidRefreshToken: () =>
    new DomainError(
      Code.INVALID_REFRESH_TOKEN,
      { vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.', en: 'The session is invalid or has expired.' },
      'refreshToken',
      401,
    ),
  tenantNotFound: () =>
    input(Code.TENANT_NOT_FOUND, 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
  invalidUsername: () =>
    input(
      Code.INVALID_USERNAME,
      'username',
      'Tên đăng nhập gồm 3–63 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.',
      'The username must be 3–63 characters: lowercase ASCII letters, digits, dots, hyphens, underscores.',
    ),
  invalidDisplayName: () =>
    input(
      Code.INVALID_DISPLAY_NAME,
      'displayName',
      'Họ tên là bắt buộc (tối đa 200 ký tự).',
      'The display name is required (at most 200 characters).',
    ),
  invalidEmail: () =>
    input(Code.INVALID_EMAIL, 'email', 'Địa chỉ email không hợp lệ.', 'The email address is not valid.'),
  weakPassword: (problem: keyof typeof PASSWORD_REASONS) =>
    input(
      PASSWORD_REASONS[problem][0],
      'password',
      PASSWORD_REASONS[problem][1],
      PASSWORD_REASONS[problem][2],
    ),
  usernameTaken: (username: string) =>
    input(
      Code.USERNAME_TAKEN,
      'username',
      `Tên đăng nhập “${username}” đã tồn tại.`,
      `The username "${username}" is already taken.`,
    ),
  cannotChangeOwnStatus: () =>
    input(
      Code.CANNOT_CHANGE_OWN_STATUS,
      'accountId',
      'Không thể tự khóa hoặc mở khóa tài khoản của chính mình.',
      'You cannot suspend or reactivate your own account.',
    ),
};

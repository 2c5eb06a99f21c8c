import { DomainError, inputError } from '@portal/platform';
import { checkText, cleanLine, cleanText } from '../questions/question-input';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** What a sender fills in (the file, if any, comes beside it). */
export interface SendInformationInput {
  name: string;
  organisation?: string | null;
  position?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  title: string;
  body: string;
}

export type CleanSentInformation = Required<{
  [K in keyof SendInformationInput]: Exclude<SendInformationInput[K], undefined>;
}>;

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// Vietnamese numbers: 0 or +84, then 9 digits (mobile, new landlines) or 10 (old landlines).
const PHONE = /^(?:\+84|0)[1-9][0-9]{8,9}$/;

/**
 * Validates and cleans what a sender sends: name, title and text required; the unit, position and
 * address optional; an e-mail address or a phone number to reach them (1376/QĐ-SVHTT art. 9.1).
 * The first problem comes back as a typed error naming its field.
 */
export function cleanSentInformation(
  input: SendInformationInput,
): { value: CleanSentInformation } | { error: DomainError } {
  const name = cleanLine(input.name);
  const organisation = cleanLine(input.organisation);
  const position = cleanLine(input.position);
  const address = cleanLine(input.address);
  const title = cleanLine(input.title);
  const body = cleanText(input.body);
  const email = cleanLine(input.email);
  const phone = cleanLine(input.phone).replace(/[\s.()-]/g, '');
  const problem =
    checkText('name', name, 2, 100, { vi: 'họ và tên', en: 'name' }) ??
    checkText('organisation', organisation, 0, 200, { vi: 'tên đơn vị, tổ chức', en: 'organisation' }) ??
    checkText('position', position, 0, 100, { vi: 'chức danh', en: 'position' }) ??
    checkText('address', address, 0, 300, { vi: 'địa chỉ liên lạc', en: 'address' }) ??
    checkText('title', title, 5, 300, { vi: 'tiêu đề', en: 'title' }) ??
    checkText('body', body, 20, 20000, { vi: 'nội dung thông tin', en: 'text' });
  if (problem) return { error: problem };
  if (!email && !phone)
    return {
      error: inputError(
        EngagementErrorCode.CONTACT_REQUIRED,
        'email',
        'Cần nhập thư điện tử hoặc số điện thoại để Ban Biên tập liên hệ.',
        'An email address or a phone number is required, for the board to reach you.',
      ),
    };
  if (email && (email.length > 254 || !EMAIL.test(email)))
    return {
      error: inputError(
        EngagementErrorCode.INVALID_EMAIL,
        'email',
        'Địa chỉ thư điện tử không hợp lệ.',
        'The email address is not valid.',
      ),
    };
  if (phone && !PHONE.test(phone))
    return {
      error: inputError(
        EngagementErrorCode.INVALID_PHONE,
        'phone',
        'Số điện thoại không hợp lệ (ví dụ 0912345678 hoặc +84912345678).',
        'The phone number is not valid (e.g. 0912345678 or +84912345678).',
      ),
    };
  return {
    value: {
      name,
      organisation: organisation || null,
      position: position || null,
      email: email || null,
      phone: phone || null,
      address: address || null,
      title,
      body,
    },
  };
}

/** Tracking codes of sent information: `TT-` (thông tin) and 16 base32 characters. */
export const SENT_INFORMATION_PREFIX = 'TT';
const CODE = /^TT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The canonical form of a code as typed by a person (case, spaces, look-alike letters), or null. */
export function normalizeSentCode(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const compact = raw.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  const m = /^TT([0-9A-Z]{16})$/.exec(compact);
  if (!m) return null;
  const code = `TT-${m[1].match(/.{4}/g)!.join('-')}`;
  return CODE.test(code) ? code : null;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sender's plain text as paragraphs of a draft (escaped; the sanitiser sees it again on save). */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

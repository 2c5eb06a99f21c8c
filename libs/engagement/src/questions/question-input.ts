import { randomBytes } from 'node:crypto';
import { plainText } from '@portal/content';
import { DomainError, inputError } from '@portal/platform';
import { QuestionType } from './question-state';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** Crockford's base32: no I, L, O, U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX: Record<QuestionType, string> = { [QuestionType.QUESTION]: 'HD', [QuestionType.FEEDBACK]: 'PA' };
const CODE =
  /^(HD|PA)-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$/;

/**
 * A tracking code: `HD-` (hỏi đáp) or `PA-` (phản ánh) and 16 random base32 characters (80 bits),
 * in groups of four. Never derived from anything sequential.
 */
export function newTrackingCode(type: QuestionType): string {
  return randomTrackingCode(PREFIX[type]);
}

/** A prefix and 16 random base32 characters (80 bits) in groups of four (any public tracking code). */
export function randomTrackingCode(prefix: string): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${prefix}-${out.match(/.{4}/g)!.join('-')}`;
}

/** The canonical form of a code as typed by a person (case, spaces, look-alike letters), or null. */
export function normalizeTrackingCode(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const compact = raw.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  const m = /^(HD|PA)([0-9A-Z]{16})$/.exec(compact);
  if (!m) return null;
  const code = `${m[1]}-${m[2].match(/.{4}/g)!.join('-')}`;
  return CODE.test(code) ? code : null;
}

// C0 controls other than tab and line breaks, and DEL: never meaningful in a citizen's text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** One line of plain text: NFC, markup removed, whitespace collapsed. */
export function cleanLine(value: string | null | undefined): string {
  return plainText((value ?? '').replace(CONTROL, ''));
}

/** Plain text that keeps its paragraphs: each line cleaned, runs of blank lines kept to one. */
export function cleanText(value: string | null | undefined): string {
  return (value ?? '')
    .replace(CONTROL, '')
    .split(/\r\n|\r|\n/)
    .map((line) => plainText(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const length = (s: string) => [...s].length;

/** A required or optional plain-text field within [min, max] characters, or a typed error naming it. */
export function checkText(
  field: string,
  value: string,
  min: number,
  max: number,
  names: { vi: string; en: string },
): DomainError | null {
  const n = length(value);
  if (n === 0 && min > 0)
    return inputError(
      `${snake(field)}_REQUIRED`,
      field,
      `Cần nhập ${names.vi}.`,
      `${cap(names.en)} is required.`,
    );
  if (n < min)
    return inputError(
      EngagementErrorCode.TOO_SHORT,
      field,
      `${cap(names.vi)} phải có ít nhất ${min} ký tự.`,
      `${cap(names.en)} must have at least ${min} characters.`,
    );
  if (n > max)
    return inputError(
      EngagementErrorCode.TOO_LONG,
      field,
      `${cap(names.vi)} không được dài quá ${max} ký tự.`,
      `${cap(names.en)} must have at most ${max} characters.`,
    );
  return null;
}

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface AskInput {
  type: QuestionType;
  name: string;
  email?: string | null;
  phone?: string | null;
  topic: string;
  text: string;
}

export interface CleanAsk {
  type: QuestionType;
  name: string;
  email: string | null;
  phone: string | null;
  topic: string;
  text: string;
}

// A practical address check (RFC 5321 lengths, one @, a dotted domain); delivery is the real test.
export const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// Vietnamese numbers: 0 or +84, then 9 digits (mobile, new landlines) or 10 (old landlines).
export const PHONE = /^(?:\+84|0)[1-9][0-9]{8,9}$/;

/** Validates and cleans what an asker sends; the first problem comes back as a typed error. */
export function cleanAsk(input: AskInput): { value: CleanAsk } | { error: DomainError } {
  if (!Object.values(QuestionType).includes(input.type))
    return {
      error: inputError(
        EngagementErrorCode.INVALID_TYPE,
        'type',
        'Loại câu hỏi không hợp lệ.',
        'Unknown question type.',
      ),
    };
  const name = cleanLine(input.name);
  const topic = cleanLine(input.topic);
  const text = cleanText(input.text);
  const email = cleanLine(input.email);
  const phone = cleanLine(input.phone).replace(/[\s.()-]/g, '');
  const problem =
    checkText('name', name, 2, 100, { vi: 'họ và tên', en: 'name' }) ??
    checkText('topic', topic, 3, 200, { vi: 'chủ đề', en: 'topic' }) ??
    checkText('text', text, 10, 5000, { vi: 'nội dung', en: 'text' });
  if (problem) return { error: problem };
  if (!email && !phone)
    return {
      error: inputError(
        EngagementErrorCode.CONTACT_REQUIRED,
        'email',
        'Cần nhập thư điện tử hoặc số điện thoại để liên hệ.',
        'An email address or a phone number is required.',
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
      type: input.type,
      name,
      email: email || null,
      phone: phone || null,
      topic,
      text,
    },
  };
}

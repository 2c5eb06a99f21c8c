import { plainText } from '@portal/content';
import { inputError } from '@portal/platform';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** What a citizen writes; everything is plain text (markup is removed, not escaped later). */
export interface CommentFields {
  name: string;
  email: string;
  organisation?: string | null;
  text: string;
}

export const COMMENT_LIMITS = { name: 200, email: 254, organisation: 300, text: 10_000 } as const;

// Raw input far beyond the limit is refused before any markup is parsed.
const RAW_FACTOR = 4;
const LINE = '\uE000';
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;

const tooLong = (field: keyof typeof COMMENT_LIMITS, nameVi: string, nameEn: string) =>
  inputError(
    EngagementErrorCode.TOO_LONG,
    field,
    `${nameVi} quá dài (tối đa ${COMMENT_LIMITS[field]} ký tự).`,
    `The ${nameEn} is too long (${COMMENT_LIMITS[field]} characters at most).`,
  );

function line(value: string | null | undefined, field: 'name' | 'organisation', vi: string, en: string) {
  const raw = value ?? '';
  if (raw.length > COMMENT_LIMITS[field] * RAW_FACTOR) throw tooLong(field, vi, en);
  const clean = plainText(raw).trim();
  if (clean.length > COMMENT_LIMITS[field]) throw tooLong(field, vi, en);
  return clean;
}

/** Plain text that keeps the writer's line breaks (paragraphs of a comment), NFC, markup removed. */
export function plainParagraphs(value: string): string {
  const marked = value.replace(new RegExp(LINE, 'g'), '').replace(/\r\n?|\n/g, LINE);
  return plainText(marked)
    .split(LINE)
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Validates and cleans a comment; throws a typed input error naming the first bad field. */
export function validateComment(input: CommentFields): Required<CommentFields> {
  const name = line(input.name, 'name', 'Họ tên', 'name');
  if (!name)
    throw inputError(EngagementErrorCode.REQUIRED, 'name', 'Vui lòng nhập họ tên.', 'Your name is required.');
  const email = (input.email ?? '').trim();
  if (!email)
    throw inputError(
      EngagementErrorCode.REQUIRED,
      'email',
      'Vui lòng nhập địa chỉ thư điện tử.',
      'Your email address is required.',
    );
  if (email.length > COMMENT_LIMITS.email || !EMAIL.test(email))
    throw inputError(
      EngagementErrorCode.INVALID_EMAIL,
      'email',
      'Địa chỉ thư điện tử không hợp lệ.',
      'The email address is not valid.',
    );
  const organisation =
    line(input.organisation, 'organisation', 'Tên cơ quan, tổ chức', 'organisation') || null;
  const raw = input.text ?? '';
  if (raw.length > COMMENT_LIMITS.text * RAW_FACTOR) throw tooLong('text', 'Nội dung góp ý', 'comment');
  const text = plainParagraphs(raw);
  if (!text)
    throw inputError(
      EngagementErrorCode.REQUIRED,
      'text',
      'Vui lòng nhập nội dung góp ý.',
      'The comment cannot be empty.',
    );
  if (text.length > COMMENT_LIMITS.text) throw tooLong('text', 'Nội dung góp ý', 'comment');
  return { name, email, organisation, text };
}

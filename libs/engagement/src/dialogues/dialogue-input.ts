import { DomainError, inputError } from '@portal/platform';
import { EMAIL, PHONE, checkText, cleanLine, cleanText } from '../questions/question-input';
import { DialogueGuestKind } from './dialogue.entity';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** Tracking codes of dialogue questions: `GL-` (giao lưu) and 16 random base32 characters. */
export const DIALOGUE_CODE_PREFIX = 'GL';
const CODE = /^GL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The canonical form of a code as a person types it (case, spaces, look-alike letters), or null. */
export function normalizeDialogueCode(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const m = /^GL([0-9A-Z]{16})$/.exec(raw.toUpperCase().replace(/[\s-]/g, ''));
  if (!m) return null;
  // Look-alike letters in the random part only (the prefix has an L).
  const body = m[1].replace(/[IL]/g, '1').replace(/O/g, '0');
  const code = `GL-${body.match(/.{4}/g)!.join('-')}`;
  return CODE.test(code) ? code : null;
}

export interface DialogueGuestInput {
  /** An existing guest (kept, edited); absent: a new guest. */
  id?: string | null;
  kind: DialogueGuestKind;
  name: string;
  jobTitle: string;
  unit: string;
}

export interface DialogueInput {
  titleVi: string;
  titleEn?: string | null;
  topicVi: string;
  topicEn?: string | null;
  place: string;
  startsAt: Date;
  endsAt: Date;
  guests: DialogueGuestInput[];
}

export type CleanDialogue = Omit<DialogueInput, 'titleEn' | 'topicEn' | 'guests'> & {
  titleEn: string | null;
  topicEn: string | null;
  guests: Array<DialogueGuestInput & { id: string | null }>;
};

/** The most guests one session lists. */
export const MAX_GUESTS = 20;

/** Validates and cleans a session as the board writes it; the first problem as a typed error. */
export function cleanDialogue(input: DialogueInput): { value: CleanDialogue } | { error: DomainError } {
  const titleVi = cleanLine(input.titleVi);
  const titleEn = cleanLine(input.titleEn);
  const topicVi = cleanText(input.topicVi);
  const topicEn = cleanText(input.topicEn);
  const place = cleanLine(input.place);
  const problem =
    checkText('titleVi', titleVi, 5, 300, { vi: 'tiêu đề', en: 'title' }) ??
    checkText('titleEn', titleEn, 0, 300, { vi: 'tiêu đề tiếng Anh', en: 'English title' }) ??
    checkText('topicVi', topicVi, 5, 3000, { vi: 'chủ đề', en: 'topic' }) ??
    checkText('topicEn', topicEn, 0, 3000, { vi: 'chủ đề tiếng Anh', en: 'English topic' }) ??
    checkText('place', place, 2, 300, { vi: 'địa điểm', en: 'place' });
  if (problem) return { error: problem };
  const starts = input.startsAt instanceof Date ? input.startsAt : new Date(NaN);
  const ends = input.endsAt instanceof Date ? input.endsAt : new Date(NaN);
  if (Number.isNaN(starts.getTime()))
    return {
      error: inputError(
        EngagementErrorCode.INVALID_DATE,
        'startsAt',
        'Thời điểm bắt đầu không hợp lệ.',
        'The start time is not valid.',
      ),
    };
  if (Number.isNaN(ends.getTime()) || ends.getTime() <= starts.getTime())
    return {
      error: inputError(
        EngagementErrorCode.ENDS_BEFORE_START,
        'endsAt',
        'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
        'The end time must be after the start time.',
      ),
    };
  if (ends.getTime() - starts.getTime() > 24 * 3600 * 1000)
    return {
      error: inputError(
        EngagementErrorCode.TOO_LONG,
        'endsAt',
        'Một buổi giao lưu không kéo dài quá 24 giờ.',
        'A dialogue session lasts at most 24 hours.',
      ),
    };
  const guests = input.guests ?? [];
  if (guests.length === 0)
    return {
      error: inputError(
        EngagementErrorCode.GUESTS_REQUIRED,
        'guests',
        'Cần ít nhất một khách mời.',
        'At least one guest is required.',
      ),
    };
  if (guests.length > MAX_GUESTS)
    return {
      error: inputError(
        EngagementErrorCode.TOO_MANY,
        'guests',
        `Tối đa ${MAX_GUESTS} khách mời.`,
        `At most ${MAX_GUESTS} guests.`,
      ),
    };
  const clean: CleanDialogue['guests'] = [];
  for (const [i, g] of guests.entries()) {
    if (!Object.values(DialogueGuestKind).includes(g.kind))
      return {
        error: inputError(
          EngagementErrorCode.INVALID_KIND,
          `guests.${i}.kind`,
          'Loại khách mời không hợp lệ.',
          'Unknown guest kind.',
        ),
      };
    const name = cleanLine(g.name);
    const jobTitle = cleanLine(g.jobTitle);
    const unit = cleanLine(g.unit);
    const bad =
      checkText('name', name, 2, 150, { vi: 'họ tên khách mời', en: 'guest name' }) ??
      checkText('jobTitle', jobTitle, 2, 200, { vi: 'chức vụ', en: 'position' }) ??
      checkText('unit', unit, 2, 300, { vi: 'đơn vị', en: 'unit' });
    // The guest's field by its place in the list (`guests.1.jobTitle`), the code as for any field.
    if (bad) return { error: inputError(bad.code, `guests.${i}.${bad.field}`, bad.text.vi, bad.text.en) };
    clean.push({ id: g.id ?? null, kind: g.kind, name, jobTitle, unit });
  }
  return {
    value: {
      titleVi,
      titleEn: titleEn || null,
      topicVi,
      topicEn: topicEn || null,
      place,
      startsAt: starts,
      endsAt: ends,
      guests: clean,
    },
  };
}

export interface AskDialogueInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  text: string;
}

export interface CleanDialogueAsk {
  name: string;
  email: string | null;
  phone: string | null;
  text: string;
}

/** A citizen's question: a name and the text; a contact is optional (for the board only). */
export function cleanDialogueAsk(
  input: AskDialogueInput,
): { value: CleanDialogueAsk } | { error: DomainError } {
  const name = cleanLine(input.name);
  const text = cleanText(input.text);
  const email = cleanLine(input.email);
  const phone = cleanLine(input.phone).replace(/[\s.()-]/g, '');
  const problem =
    checkText('name', name, 2, 100, { vi: 'họ và tên', en: 'name' }) ??
    checkText('text', text, 10, 2000, { vi: 'nội dung câu hỏi', en: 'question' });
  if (problem) return { error: problem };
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
  return { value: { name, email: email || null, phone: phone || null, text } };
}

/** A board's text (displayed question, answer, reason) cleaned and checked on its field. */
export function cleanBoardText(
  field: string,
  value: string | null | undefined,
  min: number,
  max: number,
  names: { vi: string; en: string },
): { value: string } | { error: DomainError } {
  const text = cleanText(value);
  const problem = checkText(field, text, min, max, names);
  return problem ? { error: problem } : { value: text };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as escaped paragraphs (the content sanitiser sees it again on save). */
export function htmlParagraphs(text: string): string {
  return text
    .split(/\n{2,}|\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}
export { escapeHtml };

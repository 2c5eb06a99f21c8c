/**
 * The plain-text rules of the structured fields, with no imports: the migration that turned free
 * text into these fields uses them, and migrations run in processes (the test harness's global
 * set-up, the CLI) that must not load the GraphQL layer through the platform's index.
 */

/** A project's status values (641/QĐ-UBND art. 14.1.h: being prepared, under way, completed). */
export const PROJECT_STATUSES = ['PREPARING', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED'] as const;

/** A telephone or fax number as people write it: digits, spaces, `+ . - ( )`; 3 to 15 digits. */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[\d ().-]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 3 && digits <= 15;
}

/** An e-mail address (one, no display name), at most 254 characters. */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && /^[^\s@<>"(),;:[\]]+@[^\s@<>"(),;:[\]]+\.[^\s@<>"(),;:[\].]+$/.test(text);
}

/** Lowercase, without diacritics (đ as d), spaces collapsed: how free text is matched to values. */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The status value a project's free-text status most likely meant, or null when the words say
 * none of them (the text itself is kept as `statusNote` either way).
 */
export function projectStatusFromText(text: string): (typeof PROJECT_STATUSES)[number] | null {
  const n = folded(text);
  if ((PROJECT_STATUSES as readonly string[]).includes(text.trim())) return text.trim() as never;
  if (/chua (trien khai|khoi cong|thuc hien|dau tu)|chuan bi|keu goi|moi goi|prepar|planned/.test(n))
    return 'PREPARING';
  if (/tam (dung|ngung|hoan)|ngung thi cong|suspend|halt|on hold|paused/.test(n)) return 'SUSPENDED';
  if (/chua hoan (thanh|tat)/.test(n)) return 'IN_PROGRESS';
  if (/hoan (thanh|tat)|da xong|nghiem thu|ban giao|quyet toan|complet|finished/.test(n)) return 'COMPLETED';
  if (/dang|trien khai|thi cong|thuc hien|progress|under way|ongoing|construction/.test(n))
    return 'IN_PROGRESS';
  return null;
}

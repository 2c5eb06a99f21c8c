import { DomainError, inputError } from '@portal/platform';
import { PORTAL_TEMPLATES, TemplateCategory } from '../provisioning/portal-templates';
import { TenancyErrorCode } from '../errors/tenancy-error-code';

/** How deep categories nest (a section, its subsections, theirs, and one more level). */
export const MAX_CATEGORY_DEPTH = 4;
/** Menus nest one level: an entry and the entries under it. */
export const MAX_MENU_DEPTH = 2;
export const MAX_NAME = 200;
export const MAX_SLUG = 80;
export const MAX_URL = 1000;
export const SITE_LANGUAGES = ['vi', 'en'] as const;
export const SITE_MENUS = ['MAIN', 'FOOTER'] as const;
export type SiteMenu = (typeof SITE_MENUS)[number];

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The content kinds a section may hold by default: those the templates use, and news for themes. */
export const SECTION_KINDS: ReadonlySet<string> = new Set(
  Object.values(PORTAL_TEMPLATES).flatMap((t) => {
    const kinds: string[] = [];
    const walk = (list: TemplateCategory[]) =>
      list.forEach((c) => {
        if (c.contentKind) kinds.push(c.contentKind);
        if (c.children) walk(c.children);
      });
    walk(t.categories);
    return kinds;
  }),
);

/** The part of its template a category is (re-applying a template skips parts a portal changed). */
export const categoryPart = (templateKey: string) => `category:${templateKey}`;
export const menuPart = (menu: string) => `menu:${menu}`;

/** An address word from a Vietnamese name: `Chuyển đổi số` → `chuyen-doi-so`. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
}

/** NFC, trimmed, null when empty. */
export function cleanText(v: string | null | undefined): string | null {
  const s = typeof v === 'string' ? v.normalize('NFC').trim() : '';
  return s ? s : null;
}

export function requiredName(v: string | null | undefined, field: string): string {
  const s = cleanText(v);
  if (!s)
    throw inputError(
      TenancyErrorCode.REQUIRED,
      field,
      'Cần nhập tên (tiếng Việt).',
      'A Vietnamese name is required.',
    );
  return optionalName(s, field)!;
}

export function optionalName(v: string | null | undefined, field: string): string | null {
  const s = cleanText(v);
  if (s && s.length > MAX_NAME)
    throw inputError(
      TenancyErrorCode.TOO_LONG,
      field,
      `Tên dài tối đa ${MAX_NAME} ký tự.`,
      `A name is at most ${MAX_NAME} characters.`,
    );
  return s;
}

export function checkedSlug(v: string, field = 'slug'): string {
  if (!SLUG.test(v) || v.length > MAX_SLUG)
    throw inputError(
      TenancyErrorCode.INVALID_SLUG,
      field,
      `Địa chỉ chỉ gồm chữ thường không dấu, số và dấu gạch ngang (tối đa ${MAX_SLUG} ký tự), ví dụ chuyen-doi-so.`,
      `An address is lowercase letters without diacritics, digits and hyphens (at most ${MAX_SLUG}), e.g. chuyen-doi-so.`,
    );
  return v;
}

export function checkedLanguages(v: string[] | null | undefined): string[] | null {
  if (v === undefined || v === null) return null;
  const set = [...new Set(v)];
  if (set.length === 0 || set.some((l) => !(SITE_LANGUAGES as readonly string[]).includes(l)))
    throw inputError(
      TenancyErrorCode.INVALID_LANGUAGES,
      'languages',
      'Chọn ít nhất một ngôn ngữ: vi, en.',
      'Choose at least one language: vi, en.',
    );
  return SITE_LANGUAGES.filter((l) => set.includes(l));
}

export function checkedKind(v: string | null | undefined): string | null {
  const s = cleanText(v);
  if (s && !SECTION_KINDS.has(s))
    throw inputError(
      TenancyErrorCode.INVALID_CONTENT_KIND,
      'contentKind',
      `Loại nội dung không hợp lệ; một trong: ${[...SECTION_KINDS].join(', ')}.`,
      `Not a content kind; one of: ${[...SECTION_KINDS].join(', ')}.`,
    );
  return s;
}

/**
 * A menu entry's address: an http(s) link to another site (liên kết website) or a path on the
 * portal. Anything else (javascript:, data:, protocol-relative `//host`, credentials) is refused.
 */
export function checkedUrl(v: string | null | undefined): string | null {
  const s = cleanText(v);
  if (!s) return null;
  const bad = () =>
    inputError(
      TenancyErrorCode.INVALID_URL,
      'url',
      'Liên kết phải bắt đầu bằng http:// hoặc https:// (hoặc là một đường dẫn trên cổng, bắt đầu bằng /).',
      'A link starts with http:// or https:// (or is a path on this portal, starting with /).',
    );
  if (s.length > MAX_URL || /[\s<>"'`]/.test(s)) throw bad();
  if (s.startsWith('/')) {
    if (s.startsWith('//') || s.startsWith('/\\')) throw bad();
    return s;
  }
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw bad();
  }
  if (!['http:', 'https:'].includes(url.protocol) || !url.hostname || url.username || url.password)
    throw bad();
  return s;
}

/** An external link: http(s), not a path on the portal. */
export const isExternalUrl = (url: string | null): boolean => !!url && /^https?:\/\//i.test(url);

export const forbiddenStructure = () =>
  new DomainError(
    TenancyErrorCode.FORBIDDEN,
    {
      vi: 'Bạn không có quyền sửa cấu trúc trang của cổng này.',
      en: 'You may not change the site structure of this portal.',
    },
    'tenantId',
    403,
  );

export const duplicateSlug = (field = 'slug') =>
  inputError(
    TenancyErrorCode.DUPLICATE_SLUG,
    field,
    'Ở cùng cấp đã có chuyên mục mang địa chỉ này (kể cả chuyên mục đang ẩn): chọn địa chỉ khác hoặc hiện lại chuyên mục đó.',
    'A category at the same level already has this address (hidden ones count): choose another or show that one again.',
  );

export const unknownParent = (field = 'parentId') =>
  inputError(
    TenancyErrorCode.UNKNOWN_PARENT,
    field,
    'Không tìm thấy mục cha này trong cổng.',
    'There is no such parent on this portal.',
  );

export const otherPortal = (field: string) =>
  inputError(
    TenancyErrorCode.OTHER_PORTAL,
    field,
    'Mục này thuộc một cổng khác: chỉ được dùng các mục của chính cổng này.',
    "This belongs to another portal: only this portal's own entries may be used.",
  );

export const nestingCycle = (field = 'parentId') =>
  inputError(
    TenancyErrorCode.NESTING_CYCLE,
    field,
    'Không thể đặt một mục vào bên trong chính nó hoặc mục con của nó.',
    'An entry cannot be put inside itself or one of its own children.',
  );

export const tooDeep = (max: number, field = 'parentId') =>
  inputError(
    TenancyErrorCode.TOO_DEEP,
    field,
    `Cấu trúc lồng nhau tối đa ${max} cấp.`,
    `Entries nest at most ${max} levels deep.`,
  );

/** The two languages of every portal: Vietnamese at `/`, English at `/en` (05/2024/QĐ-UBND art. 5.2). */
export type SiteLocale = 'vi' | 'en';

/** Picks the text of the page's language. */
export function t(locale: SiteLocale, vi: string, en: string): string {
  return locale === 'en' ? en : vi;
}

/** A site path in the page's language: `/en` in front for English. */
export function localePath(locale: SiteLocale, path: string): string {
  if (locale === 'vi') return path;
  return path === '/' ? '/en' : `/en${path}`;
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A date as people of the page's language write it (Vietnam's time zone): 07/12/2026 or 7 Dec 2026. */
export function formatDate(locale: SiteLocale, value: Date | string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: locale === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
  });
}

/** Date and time (for an article's publication and update). */
export function formatDateTime(locale: SiteLocale, value: Date | string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A machine-readable timestamp for `<time dateTime>`. */
export function isoDate(value: Date | string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** A number with the language's grouping (1.234.567 or 1,234,567). */
export function formatCount(locale: SiteLocale, n: number): string {
  return n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
}

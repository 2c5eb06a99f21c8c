import type { ReactNode } from 'react';
import { t, type SiteLocale } from '../render/locale';

/**
 * Keyset pagination: "newer" goes back to the first page, "older" continues after the last item
 * shown. A `nav` with a label, so screen readers announce it as the list's pages.
 */
export function Pagination(props: {
  locale: SiteLocale;
  firstHref?: string | null;
  nextHref?: string | null;
}): ReactNode {
  if (!props.firstHref && !props.nextHref) return null;
  const L = (vi: string, en: string) => t(props.locale, vi, en);
  return (
    <nav className="pagination" aria-label={L('Phân trang', 'Pagination')}>
      <ul>
        {props.firstHref ? (
          <li>
            <a href={props.firstHref}>« {L('Trang đầu', 'First page')}</a>
          </li>
        ) : null}
        {props.nextHref ? (
          <li>
            <a href={props.nextHref} rel="next">
              {L('Trang sau', 'Next page')} »
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

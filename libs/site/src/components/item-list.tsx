import type { ReactNode } from 'react';
import type { PublicItemRow } from '@portal/content';
import { formatDate, isoDate, localePath, type SiteLocale } from '../render/locale';
import { SITE_PATHS } from '../render/site-paths';

/** A list of items: title linking to the article, date, and (optionally) the summary. */
export function ItemList(props: {
  locale: SiteLocale;
  items: PublicItemRow[];
  summaries?: boolean;
  /** Replaces the title text (search results highlight the words found). */
  renderTitle?: (item: PublicItemRow) => ReactNode;
}): ReactNode {
  const { locale } = props;
  return (
    <ul className="items">
      {props.items.map((item) => (
        <li key={item.id}>
          <a href={localePath(locale, SITE_PATHS.article(item.slug))}>
            {props.renderTitle ? props.renderTitle(item) : item.title}
          </a>
          <time className="meta" dateTime={isoDate(item.place_at)}>
            {formatDate(locale, item.place_at)}
          </time>
          {props.summaries && item.summary ? <p>{item.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}

import type { ReactNode } from 'react';
import type { PublicItemRow } from '@portal/content';
import { ItemList } from '../components/item-list';
import { Layout } from '../components/layout';
import { Pagination } from '../components/pagination';
import { t } from '../render/locale';
import type { NavLink, SiteChrome } from '../render/site-chrome';

export interface CategoryPageProps {
  chrome: SiteChrome;
  name: string;
  trail: NavLink[];
  subsections: NavLink[];
  items: PublicItemRow[];
  firstHref: string | null;
  nextHref: string | null;
  /** The same listing's path (language switch). */
  path: string;
}

/** A section's items, newest first, a page at a time (keyset: "older" continues after the last). */
export function CategoryPage(props: CategoryPageProps): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  return (
    <Layout
      chrome={chrome}
      head={{ title: props.name, description: `${props.name} – ${chrome.portal.name}` }}
      breadcrumbs={props.trail}
      alternatePath={props.path}
      currentMenuHref={props.trail[0]?.href ?? null}
    >
      <h1 className="page-title">{props.name}</h1>
      {props.subsections.length ? (
        <nav aria-label={L('Mục con', 'Subsections')}>
          <ul className="quick">
            {props.subsections.map((s) => (
              <li key={s.href}>
                <a href={s.href}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <section className="card" aria-labelledby="h-items">
        <h2 id="h-items">{props.firstHref ? L('Tin cũ hơn', 'Older items') : L('Tin mới nhất', 'Latest')}</h2>
        {props.items.length ? (
          <ItemList locale={locale} items={props.items} summaries />
        ) : (
          <p>{L('Chưa có tin bài trong mục này.', 'Nothing has been published in this section yet.')}</p>
        )}
      </section>
      <Pagination locale={locale} firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}

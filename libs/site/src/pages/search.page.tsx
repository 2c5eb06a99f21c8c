import type { ReactNode } from 'react';
import type { PublicItemRow } from '@portal/content';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { Highlight } from '../components/highlight';
import { ItemList } from '../components/item-list';
import { Layout } from '../components/layout';
import { Pagination } from '../components/pagination';
import { localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export interface SearchPageProps {
  chrome: SiteChrome;
  query: string;
  words: string[];
  results: PublicItemRow[] | null;
  page: number;
  hasNextPage: boolean;
  errors: FieldError[];
}

/** Full-text search of the portal, diacritics-insensitive, words found marked in the results. */
export function SearchPage(props: SearchPageProps): ReactNode {
  const { chrome, query } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const base = localePath(locale, SITE_PATHS.search);
  const pageHref = (n: number) => `${base}?q=${encodeURIComponent(query)}${n > 1 ? `&page=${n}` : ''}`;
  const title = query ? `${L('Kết quả tìm kiếm', 'Search results')}: ${query}` : L('Tìm kiếm', 'Search');
  return (
    <Layout
      chrome={chrome}
      head={{
        title,
        description: L(
          `Tìm tin bài, văn bản và thông báo trên cổng thông tin ${chrome.portal.name}.`,
          `Search the news, documents and notices of ${chrome.portal.name}.`,
        ),
      }}
      breadcrumbs={[{ label: L('Tìm kiếm', 'Search'), href: base }]}
      alternatePath={query ? `${SITE_PATHS.search}?q=${encodeURIComponent(query)}` : SITE_PATHS.search}
    >
      <h1 className="page-title">{L('Tìm kiếm', 'Search')}</h1>
      <ErrorSummary locale={locale} errors={props.errors} />
      <form className="form" role="search" method="get" action={base}>
        <div className="field">
          <label htmlFor="q">{L('Từ khóa', 'Words to look for')}</label>
          <span className="hint" id="q-hint">
            {L('Có thể gõ không dấu, ví dụ: ke hoach', 'Diacritics are optional, e.g. ke hoach')}
          </span>
          {props.errors.length ? (
            <span className="error-message" id="q-error">
              {props.errors[0].message}
            </span>
          ) : null}
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query}
            aria-describedby={props.errors.length ? 'q-hint q-error' : 'q-hint'}
            aria-invalid={props.errors.length ? true : undefined}
          />
        </div>
        <button className="button" type="submit">
          {L('Tìm kiếm', 'Search')}
        </button>
      </form>
      {props.results ? (
        <section className="card" aria-labelledby="h-results">
          <h2 id="h-results">
            {L('Kết quả', 'Results')}
            {props.page > 1 ? ` – ${L('trang', 'page')} ${props.page}` : ''}
          </h2>
          {props.results.length ? (
            <ItemList
              locale={locale}
              items={props.results}
              summaries
              renderTitle={(item) => <Highlight text={item.title} words={props.words} />}
            />
          ) : (
            <p>
              {L('Không tìm thấy kết quả nào cho', 'Nothing was found for')} “{query}”.
            </p>
          )}
        </section>
      ) : null}
      <Pagination
        locale={locale}
        firstHref={props.page > 1 ? pageHref(1) : null}
        nextHref={props.hasNextPage ? pageHref(props.page + 1) : null}
      />
    </Layout>
  );
}

import type { ReactNode } from 'react';
import type { NavLink, SiteChrome } from '../render/site-chrome';
import { formatCount, localePath, t } from '../render/locale';
import { SITE_PATHS } from '../render/site-paths';

/** What a page puts in `<head>` besides the stylesheet: title, description, social and search metadata. */
export interface PageHead {
  title: string;
  description?: string | null;
  /** Absolute URL of the page's original (a republished item names its source). */
  canonical?: string | null;
  /** Open Graph type: `website` for lists, `article` for an item. */
  ogType?: 'website' | 'article';
  image?: string | null;
  /** Schema.org objects, written as one JSON-LD block (data, never run). */
  jsonLd?: object[];
  noindex?: boolean;
  /**
   * Reload the page every so many seconds when scripts do not run (a `<meta http-equiv="refresh">`
   * inside `<noscript>`): a live page without JavaScript. The page must offer a way to turn it off
   * (WCAG 2.2.1).
   */
  refreshSeconds?: number | null;
  /** A same-origin script of the site (the page's response allows `script-src 'self'`). */
  script?: string | null;
}

export interface LayoutProps {
  chrome: SiteChrome;
  head: PageHead;
  /** The trail above the page title (Home is added first); none on the home page. */
  breadcrumbs?: NavLink[];
  /** The home page names the portal in its h1; other pages have their own h1. */
  isHome?: boolean;
  /** The same page in the other language (the switch); that language's home when absent. */
  alternatePath?: string | null;
  /**
   * Whether `alternatePath` holds this content in the other language (announced with hreflang);
   * false when it is the same content under the other interface (an untranslated item). Default true.
   */
  alternateIsTranslation?: boolean;
  /** Marks the current main-menu entry. */
  currentMenuHref?: string | null;
  children: ReactNode;
}

/** Today's date as the portal's readers write it (the pages are cached for a minute at most). */
function today(locale: 'vi' | 'en'): string {
  return new Date().toLocaleDateString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/**
 * A menu link; one to another website (liên kết website) carries a visible marker and says so to
 * screen readers (it opens in the same tab, as every link does).
 */
function MenuLink(props: { link: NavLink; locale: 'vi' | 'en'; current?: 'page' | 'true' }): ReactNode {
  const { link } = props;
  if (!link.external)
    return (
      <a href={link.href} aria-current={props.current}>
        {link.label}
      </a>
    );
  return (
    <a href={link.href} className="external" rel="external noopener">
      {link.label}
      <span className="visually-hidden">{t(props.locale, ' (liên kết ngoài)', ' (external link)')}</span>
    </a>
  );
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped, so no text can end the block. */
function jsonLd(data: object[]): string {
  return JSON.stringify(data.length === 1 ? data[0] : data).replace(/</g, '\\u003c');
}

/**
 * The frame of every page: skip link, top bar with the language switch, the masthead (emblem,
 * portal name), the main menu, breadcrumbs, then the page in `<main>`, then the footer with the
 * owner agency, contacts, the head of the editorial board, the licence line and the visitor count
 * (Decree 42/2022 art. 4.1; 05/2024/QĐ-UBND art. 5).
 */
export function Layout(props: LayoutProps): ReactNode {
  const { chrome, head } = props;
  const { locale, portal, theme } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const href = (path: string) => localePath(locale, path);
  const other = locale === 'vi' ? 'en' : 'vi';
  const alternate = localePath(other, props.alternatePath ?? '/');
  const siteName = portal.name;
  const title = props.isHome ? siteName : `${head.title} | ${siteName}`;
  const owner = locale === 'en' ? (theme.ownerEn ?? theme.ownerVi) : theme.ownerVi;
  const bannerAlt = locale === 'en' ? (theme.bannerAltEn ?? theme.bannerAltVi) : theme.bannerAltVi;
  const feed = (file: string) => href(`/feeds/${file}`);
  const canonical = head.canonical ?? `${portal.origin}${href(chrome.path)}`;
  // A menu entry that is this very page (e.g. the questions page) is marked as the current page.
  const pageHref = href(chrome.path.split('?')[0]);
  const currentOf = (m: NavLink): 'page' | 'true' | undefined =>
    m.href === props.currentMenuHref ? 'true' : m.href === pageHref ? 'page' : undefined;
  // The entries under the main-menu entry the page belongs to, as a second row (no script needed).
  const section = chrome.menu.find(
    (m) => m.children?.length && (currentOf(m) || m.children.some((c) => currentOf(c))),
  );
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {head.description ? <meta name="description" content={head.description} /> : null}
        {head.noindex ? <meta name="robots" content="noindex" /> : null}
        {head.refreshSeconds ? (
          <noscript>
            <meta httpEquiv="refresh" content={String(head.refreshSeconds)} />
          </noscript>
        ) : null}
        {head.script ? <script src={head.script} defer /> : null}
        <link rel="canonical" href={canonical} />
        <link rel="alternate" hrefLang={locale} href={`${portal.origin}${href(chrome.path)}`} />
        {props.alternatePath && props.alternateIsTranslation !== false ? (
          <link rel="alternate" hrefLang={other} href={`${portal.origin}${alternate}`} />
        ) : null}
        <link rel="alternate" type="application/rss+xml" title={`${siteName} (RSS)`} href={feed('rss.xml')} />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${siteName} (Atom)`}
          href={feed('atom.xml')}
        />
        <link
          rel="alternate"
          type="application/feed+json"
          title={`${siteName} (JSON Feed)`}
          href={feed('feed.json')}
        />
        {chrome.stylesheets.map((s) => (
          <link key={s} rel="stylesheet" href={s} />
        ))}
        <link rel="icon" href={chrome.emblemSrc} type="image/svg+xml" />
        <meta property="og:site_name" content={siteName} />
        <meta property="og:title" content={head.title} />
        <meta property="og:type" content={head.ogType ?? 'website'} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content={locale === 'vi' ? 'vi_VN' : 'en_GB'} />
        {head.description ? <meta property="og:description" content={head.description} /> : null}
        {head.image ? <meta property="og:image" content={head.image} /> : null}
        <meta name="twitter:card" content={head.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={head.title} />
        {head.description ? <meta name="twitter:description" content={head.description} /> : null}
        {head.jsonLd?.length ? (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(head.jsonLd) }} />
        ) : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {L('Bỏ qua, đến nội dung chính', 'Skip to main content')}
        </a>
        {/* One banner landmark holds the top bar too: no content of the page sits outside a landmark. */}
        <header>
          <div className="topbar">
            <div className="wrap">
              <span>{today(locale)}</span>
              <ul>
                <li>
                  <a href={href(SITE_PATHS.search)}>{L('Tìm kiếm', 'Search')}</a>
                </li>
                <li>
                  <a href={feed('rss.xml')}>RSS</a>
                </li>
                <li>
                  <a href={alternate} lang={other} hrefLang={other}>
                    {locale === 'vi' ? 'English' : 'Tiếng Việt'}
                  </a>
                </li>
              </ul>
            </div>
          </div>
          <div className="masthead">
            <div className="wrap">
              <div className="brand">
                <img src={theme.logoUrl ?? chrome.emblemSrc} alt="" width={64} height={64} />
                <div className="brand-text">
                  <p className="brand-kicker">{L('Cổng thông tin điện tử', 'E-portal of')}</p>
                  {props.isHome ? (
                    <h1>{siteName}</h1>
                  ) : (
                    <p className="brand-name">
                      <a href={href('/')}>{siteName}</a>
                    </p>
                  )}
                </div>
              </div>
              <form
                className="masthead-search"
                role="search"
                aria-label={L('Tìm kiếm trên cổng', 'Search this portal')}
                method="get"
                action={href(SITE_PATHS.search)}
              >
                <label className="visually-hidden" htmlFor="site-search">
                  {L('Tìm kiếm trên cổng', 'Search this portal')}
                </label>
                <input id="site-search" name="q" type="search" autoComplete="off" />
                <button type="submit">{L('Tìm', 'Search')}</button>
              </form>
            </div>
          </div>
        </header>
        {chrome.menu.length ? (
          <nav className="mainnav" aria-label={L('Menu chính', 'Main menu')}>
            <div className="wrap">
              <ul>
                <li>
                  <a href={href('/')} aria-current={props.isHome ? 'page' : undefined}>
                    {L('Trang chủ', 'Home')}
                  </a>
                </li>
                {chrome.menu.map((m, i) => (
                  <li key={i}>
                    <MenuLink link={m} locale={locale} current={currentOf(m)} />
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        ) : null}
        {section ? (
          <nav className="subnav" aria-label={`${L('Mục con của', 'Under')} ${section.label}`}>
            <div className="wrap">
              <ul>
                {section.children!.map((m, i) => (
                  <li key={i}>
                    <MenuLink link={m} locale={locale} current={currentOf(m)} />
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        ) : null}
        {props.isHome && theme.bannerUrl ? (
          <div className="banner">
            <img src={theme.bannerUrl} alt={bannerAlt ?? ''} width={1440} height={256} />
          </div>
        ) : null}
        <div className="wrap">
          {props.breadcrumbs ? (
            <nav className="breadcrumbs" aria-label={L('Đường dẫn', 'Breadcrumb')}>
              <ol>
                <li>
                  <a href={href('/')}>{L('Trang chủ', 'Home')}</a>
                </li>
                {props.breadcrumbs.map((b, i) =>
                  i === props.breadcrumbs!.length - 1 ? (
                    <li key={i} aria-current="page">
                      {b.label}
                    </li>
                  ) : (
                    <li key={i}>
                      <a href={b.href}>{b.label}</a>
                    </li>
                  ),
                )}
              </ol>
            </nav>
          ) : null}
          <main id="main" tabIndex={-1}>
            {props.children}
          </main>
        </div>
        <footer className="footer">
          <div className="wrap">
            <div>
              <h2>{siteName}</h2>
              <p>
                {L('Cơ quan chủ quản', 'Owner agency')}: {owner ?? siteName}
              </p>
              {theme.editorInChief ? (
                <p>
                  {L('Chịu trách nhiệm chính', 'Responsible')}: {theme.editorInChief}
                </p>
              ) : null}
              {theme.licence ? <p>{theme.licence}</p> : null}
            </div>
            <div>
              <h2>{L('Liên hệ', 'Contact')}</h2>
              {theme.address ? (
                <p>
                  {L('Địa chỉ', 'Address')}: {theme.address}
                </p>
              ) : null}
              {theme.phone ? (
                <p>
                  {L('Điện thoại', 'Telephone')}:{' '}
                  <a href={`tel:${theme.phone.replace(/[^\d+]/g, '')}`}>{theme.phone}</a>
                </p>
              ) : null}
              {theme.email ? (
                <p>
                  {L('Thư điện tử', 'E-mail')}: <a href={`mailto:${theme.email}`}>{theme.email}</a>
                </p>
              ) : null}
              {chrome.footerMenu.length ? (
                <ul>
                  {chrome.footerMenu
                    .flatMap((m) => [m, ...(m.children ?? [])])
                    .map((m, i) => (
                      <li key={i}>
                        <MenuLink link={m} locale={locale} />
                      </li>
                    ))}
                </ul>
              ) : null}
            </div>
            {chrome.citizenMenu?.length ? (
              <nav aria-labelledby="footer-citizens">
                <h2 id="footer-citizens">{L('Dành cho người dân', 'For citizens')}</h2>
                <ul>
                  {chrome.citizenMenu.map((m) => (
                    <li key={m.href}>
                      <a href={m.href}>{m.label}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <div>
              <h2>{L('Thống kê truy cập', 'Visitors')}</h2>
              <p>
                {L('Lượt truy cập', 'Page views')}:{' '}
                <strong>{chrome.visits === null ? '—' : formatCount(locale, chrome.visits)}</strong>
              </p>
              {chrome.parents.length ? (
                <p>
                  {L('Thuộc', 'Part of')}:{' '}
                  {chrome.parents.map((p, i) => (
                    <span key={p.href}>
                      {i > 0 ? ' › ' : ''}
                      <a href={p.href}>{p.label}</a>
                    </span>
                  ))}
                </p>
              ) : null}
            </div>
          </div>
          <div className="footer-bottom">
            <div className="wrap">
              <span>
                {L(
                  'Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.',
                  'Please cite this portal when republishing its information.',
                )}
              </span>
              <a href={href(SITE_PATHS.sitemap)}>{L('Sơ đồ trang', 'Site map')}</a>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}

import type { ReactNode } from 'react';
import type { PublicItemRow } from '@portal/content';
import { ItemList } from '../components/item-list';
import { Layout } from '../components/layout';
import { localePath, t } from '../render/locale';
import type { NavLink, SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export interface HomePageProps {
  chrome: SiteChrome;
  /** Pinned items: the portal's own and those a portal above pushed down to it pinned. */
  pinned: PublicItemRow[];
  sections: Array<{ name: string; href: string; items: PublicItemRow[] }>;
  /** Thematic sections (chuyên đề) the portal runs, in order. */
  themes?: Array<{ label: string; href: string }>;
  legal: PublicItemRow[];
  drafts: PublicItemRow[];
  /** The portals under this one (links keep the development host form in development). */
  components: NavLink[];
}

/** A portal's home page (Decree 42/2022 art. 4; 05/2024/QĐ-UBND art. 4). */
export function HomePage(props: HomePageProps): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const href = (path: string) => localePath(locale, path);
  const org = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOrganization',
    name: chrome.portal.name,
    url: `${chrome.portal.origin}${href('/')}`,
    ...(chrome.theme.address ? { address: chrome.theme.address } : {}),
    ...(chrome.theme.phone ? { telephone: chrome.theme.phone } : {}),
    ...(chrome.theme.email ? { email: chrome.theme.email } : {}),
  };
  const quick: NavLink[] = [
    { label: L('Dịch vụ công trực tuyến', 'Online public services'), href: 'https://dichvucong.gov.vn/' },
    { label: L('Thủ tục hành chính', 'Administrative procedures'), href: href(SITE_PATHS.procedures) },
    { label: L('Hỏi đáp trực tuyến', 'Ask a question'), href: href(SITE_PATHS.questions) },
    { label: L('Góp ý dự thảo văn bản', 'Comment on draft documents'), href: href(SITE_PATHS.consultations) },
    { label: L('Tra cứu văn bản', 'Search legal documents'), href: href(SITE_PATHS.legal) },
    { label: L('Đánh giá cổng thông tin', 'Rate this portal'), href: href(SITE_PATHS.rating) },
    {
      label: L('Gửi thông tin cho Ban Biên tập', 'Send information to the board'),
      href: href(SITE_PATHS.sendInformation),
    },
  ];
  return (
    <Layout
      chrome={chrome}
      isHome
      alternatePath="/"
      head={{
        title: chrome.portal.name,
        description: L(
          `Cổng thông tin điện tử ${chrome.portal.name}: tin tức, văn bản, thủ tục hành chính, hỏi đáp.`,
          `Official e-portal of ${chrome.portal.name}: news, legal documents, procedures, questions and answers.`,
        ),
        jsonLd: [org],
      }}
    >
      <div className="grid-main">
        <div>
          {props.pinned.length ? (
            <section className="featured" aria-labelledby="h-pinned">
              <h2 id="h-pinned">{L('Tin nổi bật', 'Highlights')}</h2>
              <ItemList locale={locale} items={props.pinned} summaries />
            </section>
          ) : null}
          <div className="grid">
            {props.sections.map((s, i) => (
              <section className="card" key={s.href} aria-labelledby={`h-section-${i}`}>
                <h2 id={`h-section-${i}`}>
                  <a href={s.href}>{s.name}</a>
                </h2>
                <ItemList locale={locale} items={s.items} />
                <a className="more" href={s.href}>
                  {L('Xem tất cả', 'See all')}
                  <span className="visually-hidden">: {s.name}</span>
                </a>
              </section>
            ))}
            {!props.sections.length && !props.pinned.length ? (
              <p>
                {L('Cổng thông tin chưa đăng tin bài nào.', 'Nothing has been published on this portal yet.')}
              </p>
            ) : null}
          </div>
        </div>
        <aside className="grid" aria-label={L('Tiện ích', 'Services')}>
          <section className="card" aria-labelledby="h-quick">
            <h2 id="h-quick">{L('Dịch vụ công', 'Public services')}</h2>
            <ul className="quick">
              {quick.map((q) => (
                <li key={q.href}>
                  <a href={q.href}>{q.label}</a>
                </li>
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="h-legal">
            <h2 id="h-legal">
              <a href={href(SITE_PATHS.legal)}>{L('Văn bản mới', 'New legal documents')}</a>
            </h2>
            {props.legal.length ? (
              <ItemList locale={locale} items={props.legal} />
            ) : (
              <p>{L('Chưa có văn bản.', 'No documents yet.')}</p>
            )}
          </section>
          <section className="card" aria-labelledby="h-drafts">
            <h2 id="h-drafts">
              <a href={href(SITE_PATHS.consultations)}>{L('Lấy ý kiến dự thảo', 'Open consultations')}</a>
            </h2>
            {props.drafts.length ? (
              <ItemList locale={locale} items={props.drafts} />
            ) : (
              <p>{L('Hiện không có dự thảo lấy ý kiến.', 'No draft is open for comment.')}</p>
            )}
          </section>
          <section className="card" aria-labelledby="h-qa">
            <h2 id="h-qa">
              <a href={href(SITE_PATHS.questions)}>{L('Hỏi đáp', 'Questions and answers')}</a>
            </h2>
            <p>
              {L(
                'Gửi câu hỏi đến cơ quan và theo dõi câu trả lời bằng mã tra cứu.',
                'Ask the agency a question and follow its answer with a tracking code.',
              )}
            </p>
            <a className="more" href={href(SITE_PATHS.questions)}>
              {L('Đặt câu hỏi', 'Ask a question')}
            </a>
          </section>
          {props.themes?.length ? (
            <section className="card" aria-labelledby="h-themes">
              <h2 id="h-themes">{L('Chuyên đề', 'Themes')}</h2>
              <ul className="portals">
                {props.themes.map((c) => (
                  <li key={c.href}>
                    <a href={c.href}>{c.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {props.components.length ? (
            <section className="card" aria-labelledby="h-components">
              <h2 id="h-components">{L('Cổng thành phần', 'Component portals')}</h2>
              <ul className="portals">
                {props.components.map((c) => (
                  <li key={c.href}>
                    <a href={c.href}>{c.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </Layout>
  );
}

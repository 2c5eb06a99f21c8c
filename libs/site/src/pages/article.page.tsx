import type { ReactNode } from 'react';
import {
  RELATION_LABELS,
  VALIDITY_LABELS,
  type PublicItemRow,
  type PublicLegalStatus,
} from '@portal/content';
import { ItemList } from '../components/item-list';
import { Layout } from '../components/layout';
import { LEGAL_FORM_LABELS } from '../render/legal-forms';
import { formatDate, formatDateTime, isoDate, localePath, t } from '../render/locale';
import type { NavLink, SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export interface ArticleAttachment {
  fileName: string;
  href: string;
  size: number;
  mediaType: string;
}

export interface ArticlePageProps {
  chrome: SiteChrome;
  item: PublicItemRow;
  /** Sections above the item, outermost first. */
  trail: NavLink[];
  attachments: ArticleAttachment[];
  related: PublicItemRow[];
  /** For a copy of another portal's item: that portal, and the item's address there (canonical). */
  syndicatedFrom: { name: string; url: string } | null;
  /** The same item in the other language, when it has a published translation. */
  translationPath: string | null;
  /** A legal document's validity, national database link and relations (both ways). */
  legal?: PublicLegalStatus | null;
}

function size(bytes: number, locale: 'vi' | 'en'): string {
  const kb = bytes / 1024;
  const n = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(kb))} KB`;
  return locale === 'vi' ? n.replace('.', ',') : n;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** One published item (Decree 42/2022 art. 7: source, author, dates; 641/QĐ-UBND art. 14 for documents). */
export function ArticlePage(props: ArticlePageProps): ReactNode {
  const { chrome, item } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  // An item shown under the other language's interface (it has no translation in this one) is
  // canonically the page of its own language.
  const foreign = item.language !== locale;
  const contentLang = foreign ? item.language : undefined;
  const ownUrl = `${chrome.portal.origin}${localePath(item.language, SITE_PATHS.article(item.slug))}`;
  const canonical = props.syndicatedFrom?.url ?? ownUrl;
  const f = item.fields ?? {};
  const legal = item.kind === 'LEGAL_DOCUMENT';
  const form = text(f.form);
  const encoded = encodeURIComponent(canonical);
  const articleLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: item.title.slice(0, 110),
    datePublished: isoDate(item.published_at),
    dateModified: isoDate(item.revised_at),
    mainEntityOfPage: canonical,
    inLanguage: item.language,
    ...(item.summary ? { description: item.summary } : {}),
    author: { '@type': 'Person', name: item.author_name },
    publisher: {
      '@type': 'GovernmentOrganization',
      name: props.syndicatedFrom?.name ?? chrome.portal.name,
      logo: { '@type': 'ImageObject', url: `${chrome.portal.origin}${chrome.emblemSrc}` },
    },
  };
  const facts: Array<[string, string | null]> = legal
    ? [
        [L('Số, ký hiệu', 'Number'), text(f.number)],
        [L('Hình thức', 'Form'), form ? (LEGAL_FORM_LABELS[form]?.[locale] ?? form) : null],
        [L('Cơ quan ban hành', 'Issued by'), text(f.issuer)],
        [
          L('Ngày ban hành', 'Issue date'),
          text(f.issueDate) ? formatDate(locale, String(f.issueDate)) : null,
        ],
        [
          L('Ngày có hiệu lực', 'Effective from'),
          text(f.effectiveDate) ? formatDate(locale, String(f.effectiveDate)) : null,
        ],
        [L('Lĩnh vực', 'Field'), text(f.field)],
        [L('Trích yếu', 'Excerpt'), text(f.excerpt)],
        [
          L('Tình trạng hiệu lực', 'Validity'),
          props.legal?.validity ? VALIDITY_LABELS[props.legal.validity][locale] : null,
        ],
        [
          L('Ngày hết hiệu lực', 'Expires on'),
          props.legal?.expiryDate ? formatDate(locale, props.legal.expiryDate) : null,
        ],
      ]
    : [];
  const relations = props.legal?.relations ?? [];
  return (
    <Layout
      chrome={chrome}
      head={{
        title: item.title,
        description: item.summary,
        canonical,
        ogType: 'article',
        jsonLd: [articleLd],
      }}
      breadcrumbs={[...props.trail, { label: item.title, href: '#' }]}
      // The switch: the translation when there is one, otherwise this address under the other
      // language's interface (the same item, not that language's home page).
      alternatePath={props.translationPath ?? SITE_PATHS.article(item.slug)}
      alternateIsTranslation={foreign || props.translationPath !== null}
      currentMenuHref={props.trail[0]?.href ?? null}
    >
      {foreign ? (
        <p className="language-note">
          {L(
            'Bài viết này chưa có bản tiếng Việt; dưới đây là bản tiếng Anh.',
            'This article is not available in English; it is shown in Vietnamese.',
          )}
        </p>
      ) : null}
      <article className="article">
        {/* The item's own words carry its language; the labels around them are the interface's. */}
        <h1 lang={contentLang}>{item.title}</h1>
        <p className="byline">
          <time dateTime={isoDate(item.published_at)}>
            {L('Đăng ngày', 'Published')} {formatDateTime(locale, item.published_at)}
          </time>
          {new Date(item.revised_at).getTime() - new Date(item.published_at).getTime() > 60_000 ? (
            <>
              {' · '}
              <time dateTime={isoDate(item.revised_at)}>
                {L('Cập nhật', 'Updated')} {formatDateTime(locale, item.revised_at)}
              </time>
            </>
          ) : null}
        </p>
        {props.syndicatedFrom ? (
          <p className="attribution">
            {L('Bài đăng lại từ', 'Republished from')}{' '}
            <a href={props.syndicatedFrom.url}>{props.syndicatedFrom.name}</a>
          </p>
        ) : null}
        {facts.length ? (
          <table className="facts">
            <caption className="visually-hidden">{L('Thông tin văn bản', 'Document details')}</caption>
            <tbody>
              {facts
                .filter((r): r is [string, string] => r[1] !== null)
                .map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ) : null}
        {props.legal?.nationalDbUrl ? (
          <p>
            <a href={props.legal.nationalDbUrl} rel="noopener external">
              {L(
                'Xem văn bản trên Cơ sở dữ liệu quốc gia về văn bản pháp luật',
                'See the document in the national legal database',
              )}
            </a>
          </p>
        ) : null}
        {relations.length ? (
          <section aria-labelledby="h-legal-relations">
            <h2 id="h-legal-relations">{L('Văn bản liên quan', 'Related documents')}</h2>
            <ul className="legal-relations">
              {relations.map((r) => (
                <li key={`${r.kind}-${r.itemId}`}>
                  <span className="relation-kind">{RELATION_LABELS[r.kind][locale]}:</span>{' '}
                  <a
                    href={`${r.tenantId === chrome.portal.id ? '' : `https://${r.primaryHost}`}${localePath(r.language, SITE_PATHS.article(r.slug))}`}
                    lang={r.language === locale ? undefined : r.language}
                  >
                    {r.number ? `${r.number} – ` : ''}
                    {r.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {item.summary ? (
          <p className="lede" lang={contentLang}>
            {item.summary}
          </p>
        ) : null}
        {/* Sanitised when it was saved (libs/content html-sanitizer): the one HTML not built here. */}
        <div className="body" lang={contentLang} dangerouslySetInnerHTML={{ __html: item.body_html }} />
        <p className="byline">
          {L('Tác giả', 'Author')}: {item.author_name} · {L('Nguồn', 'Source')}: {item.source}
        </p>
        {props.attachments.length ? (
          <section aria-labelledby="h-files">
            <h2 id="h-files">{L('Tệp đính kèm', 'Attachments')}</h2>
            <ul>
              {props.attachments.map((a) => (
                <li key={a.href}>
                  <a href={a.href} download>
                    {a.fileName}
                  </a>{' '}
                  <span className="meta">({size(a.size, locale)})</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <ul className="tools" aria-label={L('Công cụ', 'Tools')}>
          <li>
            <a href={localePath(item.language, SITE_PATHS.print(item.slug))}>
              {L('Bản in', 'Print version')}
            </a>
          </li>
          <li>
            <a href={SITE_PATHS.archive(item.id)}>{L('Liên kết lưu trữ', 'Permanent link')}</a>
          </li>
          <li>
            <a href={`https://www.facebook.com/sharer/sharer.php?u=${encoded}`} rel="noopener">
              {L('Chia sẻ Facebook', 'Share on Facebook')}
            </a>
          </li>
          <li>
            <a href={`https://zalo.me/share?url=${encoded}`} rel="noopener">
              {L('Chia sẻ Zalo', 'Share on Zalo')}
            </a>
          </li>
          <li>
            <a href={`mailto:?subject=${encodeURIComponent(item.title)}&body=${encoded}`}>
              {L('Gửi thư điện tử', 'Send by e-mail')}
            </a>
          </li>
        </ul>
      </article>
      {props.related.length ? (
        <section className="card" aria-labelledby="h-related">
          <h2 id="h-related">{L('Tin liên quan', 'Related')}</h2>
          <ItemList locale={locale} items={props.related} />
        </section>
      ) : null}
    </Layout>
  );
}

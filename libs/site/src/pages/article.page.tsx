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

export interface ArticleMediaFile {
  src: string;
  type: string;
  size: number;
  fileName: string;
  width: number | null;
  height: number | null;
}

/** A media item's files: the video or audio with poster and captions, or a gallery's photos in order. */
export interface ArticleMedia {
  kind: 'VIDEO' | 'AUDIO' | 'PHOTO_GALLERY';
  main: ArticleMediaFile | null;
  poster: ArticleMediaFile | null;
  captions: ArticleMediaFile | null;
  photos: Array<
    ArticleMediaFile & {
      caption: { vi: string | null; en: string | null };
      credit: { vi: string | null; en: string | null };
    }
  >;
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
  /** A video, audio or gallery item's files. */
  media?: ArticleMedia | null;
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
        {props.media ? <MediaSection media={props.media} locale={locale} language={item.language} /> : null}
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

const FORMAT_LABELS: Record<string, string> = {
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
  'audio/mpeg': 'MP3',
  'audio/mp4': 'M4A',
};

/** The text of one language, else the other's (marked with its language). */
function either(
  pair: { vi: string | null; en: string | null },
  locale: 'vi' | 'en',
): { text: string; lang?: string } | null {
  const own = pair[locale];
  if (own) return { text: own };
  const other = locale === 'vi' ? 'en' : 'vi';
  return pair[other] ? { text: pair[other]!, lang: other } : null;
}

/**
 * The player (native `<video>`/`<audio>`, no script: the CSP allows none), its captions as a
 * `<track>`, a download link; or a gallery as figures with caption and credit.
 */
function MediaSection(props: { media: ArticleMedia; locale: 'vi' | 'en'; language: string }): ReactNode {
  const { media, locale } = props;
  const L = (vi: string, en: string) => t(locale, vi, en);
  if (media.kind === 'PHOTO_GALLERY') {
    if (!media.photos.length) return null;
    return (
      <section className="gallery" aria-labelledby="h-gallery">
        <h2 id="h-gallery">
          {L('Ảnh', 'Photos')} ({media.photos.length})
        </h2>
        <ol className="gallery-photos">
          {media.photos.map((p, i) => {
            const caption = either(p.caption, locale);
            const credit = either(p.credit, locale);
            return (
              <li key={p.src}>
                <figure>
                  <a href={p.src}>
                    <img
                      src={p.src}
                      alt={caption?.text ?? L(`Ảnh ${i + 1}`, `Photo ${i + 1}`)}
                      lang={caption?.lang}
                      {...(p.width && p.height ? { width: p.width, height: p.height } : {})}
                      loading={i > 0 ? 'lazy' : undefined}
                    />
                  </a>
                  <figcaption>
                    {caption ? <span lang={caption.lang}>{caption.text}</span> : null}
                    {credit ? (
                      <span className="credit">
                        {L('Ảnh', 'Photo')}: <span lang={credit.lang}>{credit.text}</span>
                      </span>
                    ) : null}
                  </figcaption>
                </figure>
              </li>
            );
          })}
        </ol>
      </section>
    );
  }
  const main = media.main;
  if (!main) return null;
  const video = media.kind === 'VIDEO';
  const format = FORMAT_LABELS[main.type] ?? main.type;
  const track = media.captions ? (
    <track
      kind="captions"
      src={media.captions.src}
      srcLang={props.language}
      label={props.language === 'en' ? 'English' : 'Tiếng Việt'}
      default
    />
  ) : null;
  const download = (
    <a href={main.src} download={main.fileName}>
      {video ? L('Tải video', 'Download the video') : L('Tải bản ghi âm', 'Download the audio')} ({format},{' '}
      {size(main.size, locale)})
    </a>
  );
  return (
    <section className="media" aria-labelledby="h-media">
      <h2 id="h-media" className="visually-hidden">
        {video ? 'Video' : L('Âm thanh', 'Audio')}
      </h2>
      {video ? (
        <video controls preload="metadata" poster={media.poster?.src} className="media-player">
          <source src={main.src} type={main.type} />
          {track}
        </video>
      ) : (
        <>
          {media.poster ? (
            <img
              className="media-poster"
              src={media.poster.src}
              alt=""
              {...(media.poster.width && media.poster.height
                ? { width: media.poster.width, height: media.poster.height }
                : {})}
            />
          ) : null}
          <audio controls preload="metadata" className="media-player">
            <source src={main.src} type={main.type} />
            {track}
          </audio>
        </>
      )}
      <ul className="media-links">
        <li>{download}</li>
        {media.captions ? (
          <li>
            <a href={media.captions.src} download={media.captions.fileName}>
              {L('Phụ đề, lời thoại (WebVTT)', 'Captions, transcript (WebVTT)')}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

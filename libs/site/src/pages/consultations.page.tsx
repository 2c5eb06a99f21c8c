import type { ReactNode } from 'react';
import type { PublicItemRow } from '@portal/content';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  type FormChallenge,
  WriteChecks,
} from '../components/form-parts';
import { Layout } from '../components/layout';
import { Pagination } from '../components/pagination';
import { formatDateTime, isoDate, localePath, t, type SiteLocale } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export interface ConsultationFacts {
  status: string;
  opensAt: Date;
  closesAt: Date;
  received: number;
  published: number;
  summaryHtml: string | null;
}

export interface PublicComment {
  id: string;
  name: string;
  organisation: string | null;
  text: string;
  createdAt: Date;
}

const draftPath = (slug: string) => `${SITE_PATHS.consultations}/${slug}`;

function StatusText(props: { locale: SiteLocale; status: string }): ReactNode {
  const L = (vi: string, en: string) => t(props.locale, vi, en);
  if (props.status === 'OPEN')
    return <span className="status-open">{L('Đang lấy ý kiến', 'Open for comment')}</span>;
  if (props.status === 'UPCOMING')
    return <span className="status-closed">{L('Sắp lấy ý kiến', 'Not open yet')}</span>;
  return <span className="status-closed">{L('Đã hết thời gian góp ý', 'Closed')}</span>;
}

function crumbs(chrome: SiteChrome, title?: string) {
  const list = {
    label: t(chrome.locale, 'Góp ý dự thảo văn bản', 'Draft documents for comment'),
    href: localePath(chrome.locale, SITE_PATHS.consultations),
  };
  return title ? [list, { label: title, href: '' }] : [list];
}

/** Draft documents and their comment periods (Decree 42/2022 art. 4.2.đ). */
export function ConsultationsPage(props: {
  chrome: SiteChrome;
  rows: Array<{ item: PublicItemRow; facts: ConsultationFacts | null }>;
  firstHref: string | null;
  nextHref: string | null;
}): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Góp ý dự thảo văn bản', 'Draft documents for comment');
  return (
    <Layout
      chrome={chrome}
      head={{ title }}
      breadcrumbs={crumbs(chrome)}
      alternatePath={SITE_PATHS.consultations}
    >
      <h1 className="page-title">{title}</h1>
      {props.rows.length ? (
        <div className="table-wrap">
          <table className="data">
            <caption>{L('Dự thảo văn bản', 'Draft documents')}</caption>
            <thead>
              <tr>
                <th scope="col">{L('Dự thảo', 'Draft')}</th>
                <th scope="col">{L('Thời gian góp ý', 'Comment period')}</th>
                <th scope="col">{L('Tình trạng', 'Status')}</th>
                <th scope="col">{L('Ý kiến đã công khai', 'Published comments')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ item, facts }) => (
                <tr key={item.id}>
                  <td>
                    <a href={localePath(locale, draftPath(item.slug))}>{item.title}</a>
                  </td>
                  <td>
                    {facts ? (
                      <>
                        {formatDateTime(locale, facts.opensAt)} – {formatDateTime(locale, facts.closesAt)}
                      </>
                    ) : null}
                  </td>
                  <td>{facts ? <StatusText locale={locale} status={facts.status} /> : null}</td>
                  <td>{facts?.published ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{L('Hiện chưa có dự thảo nào.', 'There are no drafts at the moment.')}</p>
      )}
      <Pagination locale={locale} firstHref={props.firstHref} nextHref={props.nextHref} />
    </Layout>
  );
}

export interface CommentValues {
  name?: string;
  email?: string;
  organisation?: string;
  text?: string;
}

/** A draft: its text, period, the comment form while open, the published comments, the result. */
export function ConsultationPage(props: {
  chrome: SiteChrome;
  item: PublicItemRow;
  facts: ConsultationFacts;
  comments: PublicComment[];
  values: CommentValues;
  errors: FieldErrors;
  challenge: FormChallenge | null;
}): ReactNode {
  const { chrome, item, facts, errors, values } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  return (
    <Layout
      chrome={chrome}
      head={{ title: item.title, description: item.summary, ogType: 'article' }}
      breadcrumbs={crumbs(chrome, item.title)}
      alternatePath={draftPath(item.slug)}
    >
      <ErrorSummary locale={locale} errors={errors} />
      <article className="article">
        <h1>{item.title}</h1>
        <table className="facts">
          <tbody>
            <tr>
              <th scope="row">{L('Tình trạng', 'Status')}</th>
              <td>
                <StatusText locale={locale} status={facts.status} />
              </td>
            </tr>
            <tr>
              <th scope="row">{L('Bắt đầu nhận góp ý', 'Comments open')}</th>
              <td>
                <time dateTime={isoDate(facts.opensAt)}>{formatDateTime(locale, facts.opensAt)}</time>
              </td>
            </tr>
            <tr>
              <th scope="row">{L('Hết hạn góp ý', 'Comments close')}</th>
              <td>
                <time dateTime={isoDate(facts.closesAt)}>{formatDateTime(locale, facts.closesAt)}</time>
              </td>
            </tr>
            <tr>
              <th scope="row">{L('Số ý kiến đã nhận', 'Comments received')}</th>
              <td>{facts.received}</td>
            </tr>
          </tbody>
        </table>
        {item.summary ? <p className="lede">{item.summary}</p> : null}
        <div className="body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
      </article>
      {facts.summaryHtml ? (
        <section aria-labelledby="h-result" className="article">
          <h2 id="h-result">{L('Kết quả tổng hợp, tiếp thu ý kiến', 'How the comments were handled')}</h2>
          <div className="body" dangerouslySetInnerHTML={{ __html: facts.summaryHtml }} />
        </section>
      ) : null}
      {facts.status === 'OPEN' ? (
        <section aria-labelledby="h-comment">
          <h2 id="h-comment">{L('Gửi ý kiến góp ý', 'Send a comment')}</h2>
          <p className="hint">
            {L(
              'Ý kiến được Ban Biên tập xem xét trước khi công khai; thư điện tử của bạn không được công khai.',
              'The editorial board reviews each comment before publishing it; your e-mail is never published.',
            )}
          </p>
          <form className="form" method="post" action={localePath(locale, draftPath(item.slug))} noValidate>
            <div className="fields">
              <Field
                name="name"
                label={L('Họ và tên', 'Full name')}
                value={values.name}
                error={errors.name}
                required
                autoComplete="name"
                maxLength={200}
              />
              <Field
                name="email"
                type="email"
                label={L('Thư điện tử', 'E-mail')}
                value={values.email}
                error={errors.email}
                required
                autoComplete="email"
                maxLength={254}
              />
              <Field
                name="organisation"
                label={L('Cơ quan, tổ chức (nếu có)', 'Organisation (if any)')}
                value={values.organisation}
                error={errors.organisation}
                autoComplete="organization"
                maxLength={300}
              />
            </div>
            <Field
              name="text"
              label={L('Nội dung góp ý', 'Your comment')}
              value={values.text}
              error={errors.text}
              multiline
              required
              maxLength={10000}
            />
            <WriteChecks locale={locale} challenge={props.challenge} error={errors.challengeAnswer} />
            <button className="button" type="submit">
              {L('Gửi góp ý', 'Send the comment')}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="h-comments">
        <h2 id="h-comments">{L('Ý kiến đã được công khai', 'Published comments')}</h2>
        {props.comments.length ? (
          props.comments.map((c) => (
            <div className="comment" key={c.id}>
              <p>
                <strong>{c.name}</strong>
                {c.organisation ? ` (${c.organisation})` : ''} ·{' '}
                <time className="meta" dateTime={isoDate(c.createdAt)}>
                  {formatDateTime(locale, c.createdAt)}
                </time>
              </p>
              <p>{c.text}</p>
            </div>
          ))
        ) : (
          <p>{L('Chưa có ý kiến nào được công khai.', 'No comment has been published yet.')}</p>
        )}
      </section>
    </Layout>
  );
}

/** After a comment: received, and waiting for the board. */
export function CommentSentPage(props: { chrome: SiteChrome; item: PublicItemRow }): ReactNode {
  const { chrome, item } = props;
  const L = (vi: string, en: string) => t(chrome.locale, vi, en);
  const title = L('Đã nhận ý kiến góp ý', 'Comment received');
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome, title)}
      alternatePath={`${draftPath(item.slug)}/da-gui`}
    >
      <div className="panel-confirm">
        <h1 className="page-title">{title}</h1>
        <p>
          {L('Cảm ơn bạn đã góp ý cho dự thảo', 'Thank you for commenting on')} “{item.title}”.{' '}
          {L(
            'Ý kiến sẽ được công khai sau khi Ban Biên tập xem xét.',
            'The comment will be published once the editorial board has reviewed it.',
          )}
        </p>
        <p>
          <a href={localePath(chrome.locale, draftPath(item.slug))}>
            {L('Quay lại dự thảo', 'Back to the draft')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

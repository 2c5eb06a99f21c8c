import type { ReactNode } from 'react';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  type FormChallenge,
  WriteChecks,
} from '../components/form-parts';
import { Layout } from '../components/layout';
import { Pagination } from '../components/pagination';
import { formatDate, formatDateTime, isoDate, localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export interface PublishedAnswer {
  id: string;
  topic: string;
  question: string;
  answer: string;
  receivedAt: Date;
  publishedAt: Date;
}

const crumbs = (chrome: SiteChrome, extra?: string) => {
  const L = (vi: string, en: string) => t(chrome.locale, vi, en);
  const list = {
    label: L('Hỏi đáp', 'Questions and answers'),
    href: localePath(chrome.locale, SITE_PATHS.questions),
  };
  return extra ? [list, { label: extra, href: '' }] : [list];
};

/** Published questions and answers (Decree 42/2022 art. 4; 05/2024/QĐ-UBND art. 12.1.đ). */
export function QuestionsPage(props: {
  chrome: SiteChrome;
  rows: PublishedAnswer[];
  nextHref: string | null;
  firstHref: string | null;
}): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const href = (p: string) => localePath(locale, p);
  return (
    <Layout
      chrome={chrome}
      head={{
        title: L('Hỏi đáp', 'Questions and answers'),
        description: L(
          'Câu hỏi của người dân, doanh nghiệp và trả lời của cơ quan.',
          "Citizens' questions and the agency's answers.",
        ),
      }}
      breadcrumbs={crumbs(chrome)}
      alternatePath={SITE_PATHS.questions}
    >
      <h1 className="page-title">{L('Hỏi đáp', 'Questions and answers')}</h1>
      <ul className="quick quick-inline">
        <li>
          <a href={href(`${SITE_PATHS.questions}/gui-cau-hoi`)}>{L('Gửi câu hỏi', 'Ask a question')}</a>
        </li>
        <li>
          <a href={href(`${SITE_PATHS.questions}/tra-cuu`)}>
            {L('Tra cứu câu hỏi đã gửi', 'Follow a question by its code')}
          </a>
        </li>
        <li>
          <a href={href(SITE_PATHS.dialogues)}>{L('Giao lưu trực tuyến', 'Online dialogues')}</a>
        </li>
      </ul>
      <section aria-labelledby="h-answers">
        <h2 id="h-answers">{L('Câu hỏi đã được trả lời', 'Answered questions')}</h2>
        {props.rows.length ? (
          <ol className="qa-list">
            {props.rows.map((q) => (
              <li key={q.id} className="qa">
                <h3>{q.topic}</h3>
                <p className="meta">
                  {L('Ngày gửi', 'Asked')}:{' '}
                  <time dateTime={isoDate(q.receivedAt)}>{formatDate(locale, q.receivedAt)}</time>
                  {' · '}
                  {L('Ngày trả lời', 'Answered')}:{' '}
                  <time dateTime={isoDate(q.publishedAt)}>{formatDate(locale, q.publishedAt)}</time>
                </p>
                <div className="qa-question">
                  <p className="qa-label">{L('Hỏi', 'Question')}:</p>
                  <p>{q.question}</p>
                </div>
                <div className="qa-answer">
                  <p className="qa-label">{L('Trả lời', 'Answer')}:</p>
                  <p>{q.answer}</p>
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p>{L('Chưa có câu hỏi nào được trả lời.', 'No question has been answered yet.')}</p>
        )}
        <Pagination locale={locale} firstHref={props.firstHref} nextHref={props.nextHref} />
      </section>
    </Layout>
  );
}

export interface AskValues {
  name?: string;
  email?: string;
  phone?: string;
  topic?: string;
  text?: string;
  type?: string;
}

/** The ask form: name, a way to reply, topic, the question; honeypot and challenge. */
export function AskPage(props: {
  chrome: SiteChrome;
  values: AskValues;
  errors: FieldErrors;
  challenge: FormChallenge | null;
}): ReactNode {
  const { chrome, values, errors } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Gửi câu hỏi', 'Ask a question');
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome, title)}
      alternatePath={`${SITE_PATHS.questions}/gui-cau-hoi`}
    >
      <h1 className="page-title">{title}</h1>
      <ErrorSummary locale={locale} errors={errors} />
      <p>
        {L(
          'Câu hỏi được chuyển đến đơn vị có thẩm quyền trả lời. Bạn sẽ nhận một mã số để theo dõi. Họ tên, thư điện tử và số điện thoại của bạn không được công khai.',
          'Your question goes to the unit competent to answer it. You will get a code to follow it. Your name, e-mail and phone number are never published.',
        )}
      </p>
      <form
        className="form"
        method="post"
        action={localePath(locale, `${SITE_PATHS.questions}/gui-cau-hoi`)}
        noValidate
      >
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
            autoComplete="email"
            hint={L('Cần thư điện tử hoặc số điện thoại.', 'An e-mail or a phone number is needed.')}
            maxLength={254}
          />
          <Field
            name="phone"
            type="tel"
            label={L('Số điện thoại', 'Phone number')}
            value={values.phone}
            error={errors.phone}
            autoComplete="tel"
            maxLength={30}
          />
          <Field
            name="type"
            label={L('Loại', 'Kind')}
            value={values.type ?? 'QUESTION'}
            error={errors.type}
            options={[
              { value: 'QUESTION', label: L('Câu hỏi', 'Question') },
              {
                value: 'FEEDBACK',
                label: L(
                  'Phản ánh, kiến nghị về quy định hành chính',
                  'Feedback on administrative regulations',
                ),
              },
            ]}
          />
        </div>
        <Field
          name="topic"
          label={L('Tiêu đề', 'Subject')}
          value={values.topic}
          error={errors.topic}
          required
          maxLength={300}
        />
        <Field
          name="text"
          label={L('Nội dung câu hỏi', 'Your question')}
          value={values.text}
          error={errors.text}
          multiline
          required
          maxLength={10000}
        />
        <WriteChecks locale={locale} challenge={props.challenge} error={errors.challengeAnswer} />
        <button className="button" type="submit">
          {L('Gửi câu hỏi', 'Send the question')}
        </button>
      </form>
    </Layout>
  );
}

/** After sending: the tracking code, shown once, and where to follow it. */
export function AskedPage(props: { chrome: SiteChrome; code: string; answerDueAt: Date | null }): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Đã nhận câu hỏi', 'Question received');
  const track = localePath(locale, `${SITE_PATHS.questions}/tra-cuu?ma=${encodeURIComponent(props.code)}`);
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome, title)}
      alternatePath={`${SITE_PATHS.questions}/tra-cuu?ma=${encodeURIComponent(props.code)}`}
    >
      <div className="panel-confirm">
        <h1 className="page-title">{title}</h1>
        <p>{L('Mã số câu hỏi của bạn', 'Your tracking code')}:</p>
        <p className="tracking-code">{props.code}</p>
        {props.answerDueAt ? (
          <p>
            {L('Hạn trả lời', 'To be answered by')}:{' '}
            <time dateTime={isoDate(props.answerDueAt)}>{formatDate(locale, props.answerDueAt)}</time>
          </p>
        ) : null}
        <p>{L('Hãy ghi lại mã số này để theo dõi câu hỏi.', 'Keep this code to follow your question.')}</p>
        <p>
          <a href={track}>{L('Tra cứu tình trạng câu hỏi', 'Follow this question')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface TrackedQuestion {
  trackingCode: string;
  topic: string;
  status: string;
  receivedAt: Date;
  answerDueAt: Date | null;
  forwardedTo: string | null;
  outOfScopeNotice: string | null;
  question: string | null;
  answer: string | null;
  answeredAt: Date | null;
}

const STATUS: Record<string, [string, string]> = {
  RECEIVED: ['Đã tiếp nhận', 'Received'],
  IN_PROGRESS: ['Đang xử lý', 'Being answered'],
  ANSWERED: ['Đã trả lời', 'Answered'],
  OUT_OF_SCOPE: ['Không thuộc thẩm quyền', 'Outside this portal’s remit'],
};

/** A question's status by its code (never cached: it is the asker's). */
export function TrackPage(props: {
  chrome: SiteChrome;
  code: string;
  found: TrackedQuestion | null;
  error?: string;
}): ReactNode {
  const { chrome, found } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Tra cứu câu hỏi', 'Follow a question');
  const errors: FieldErrors = props.error ? { ma: props.error } : {};
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome, title)}
      alternatePath={`${SITE_PATHS.questions}/tra-cuu`}
    >
      <h1 className="page-title">{title}</h1>
      <ErrorSummary locale={locale} errors={errors} />
      <form className="form" method="get" action={localePath(locale, `${SITE_PATHS.questions}/tra-cuu`)}>
        <Field
          name="ma"
          label={L('Mã số câu hỏi', 'Tracking code')}
          value={props.code}
          error={errors.ma}
          autoComplete="off"
          maxLength={40}
        />
        <button className="button" type="submit">
          {L('Tra cứu', 'Look up')}
        </button>
      </form>
      {found ? (
        <section aria-labelledby="h-status" className="article">
          <h2 id="h-status">{found.topic}</h2>
          <table className="facts">
            <tbody>
              <tr>
                <th scope="row">{L('Mã số', 'Code')}</th>
                <td>{found.trackingCode}</td>
              </tr>
              <tr>
                <th scope="row">{L('Tình trạng', 'Status')}</th>
                <td>
                  <strong className="status">
                    {L(...(STATUS[found.status] ?? [found.status, found.status]))}
                  </strong>
                </td>
              </tr>
              <tr>
                <th scope="row">{L('Ngày gửi', 'Sent')}</th>
                <td>{formatDateTime(locale, found.receivedAt)}</td>
              </tr>
              {found.answerDueAt && found.status !== 'ANSWERED' ? (
                <tr>
                  <th scope="row">{L('Hạn trả lời', 'Due')}</th>
                  <td>{formatDate(locale, found.answerDueAt)}</td>
                </tr>
              ) : null}
              {found.forwardedTo ? (
                <tr>
                  <th scope="row">{L('Đã chuyển đến', 'Forwarded to')}</th>
                  <td>{found.forwardedTo}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {found.outOfScopeNotice ? <p>{found.outOfScopeNotice}</p> : null}
          {found.answer ? (
            <div className="qa-answer">
              <p className="qa-label">{L('Trả lời', 'Answer')}:</p>
              <p>{found.answer}</p>
            </div>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

import type { ReactNode } from 'react';
import type { PollView } from '@portal/engagement';
import { ErrorSummary, type FieldErrors, type FormChallenge, WriteChecks } from '../components/form-parts';
import { Layout } from '../components/layout';
import { formatCount, formatDateTime, localePath, t, type SiteLocale } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

const STATE: Record<string, [string, string]> = {
  UPCOMING: ['Sắp mở', 'Not open yet'],
  OPEN: ['Đang mở', 'Open'],
  CLOSED: ['Đã kết thúc', 'Closed'],
  WITHDRAWN: ['Đã gỡ', 'Withdrawn'],
};

const question = (locale: SiteLocale, v: PollView) =>
  (locale === 'en' && v.poll.questionEn) || v.poll.questionVi;
const label = (locale: SiteLocale, o: PollView['options'][number]) =>
  (locale === 'en' && o.labelEn) || o.labelVi;
const closesAt = (v: PollView) => v.poll.closedEarlyAt ?? v.poll.closesAt;

/** The vote counts as a table (readable by everyone, assistive technology included) with a bar each. */
function Results(props: { locale: SiteLocale; view: PollView }): ReactNode {
  const { locale, view } = props;
  const results = view.results!;
  const votes = new Map(results.votes.map((r) => [r.optionId, r.votes]));
  const share = (n: number) => (results.total ? Math.round((n * 1000) / results.total) / 10 : 0);
  return (
    <table className="poll-results">
      <caption>
        {t(locale, 'Kết quả', 'Results')}: {formatCount(locale, results.total)}{' '}
        {t(locale, 'lượt bình chọn', 'votes')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t(locale, 'Lựa chọn', 'Option')}</th>
          <th scope="col">{t(locale, 'Số phiếu', 'Votes')}</th>
          <th scope="col">{t(locale, 'Tỷ lệ', 'Share')}</th>
        </tr>
      </thead>
      <tbody>
        {view.options.map((o) => {
          const n = votes.get(o.id) ?? 0;
          const pct = share(n);
          return (
            <tr key={o.id}>
              <th scope="row">{label(locale, o)}</th>
              <td>{formatCount(locale, n)}</td>
              <td>
                <meter min={0} max={100} value={pct} aria-label={`${pct}%`} /> {pct}%
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function When(props: { locale: SiteLocale; view: PollView }): ReactNode {
  const { locale, view } = props;
  const [vi, en] = STATE[view.state];
  return (
    <p className="meta">
      <strong>{t(locale, vi, en)}</strong> · {t(locale, 'Từ', 'From')}{' '}
      {formatDateTime(locale, view.poll.opensAt)} {t(locale, 'đến', 'to')}{' '}
      {formatDateTime(locale, closesAt(view))}
    </p>
  );
}

/** The portal's polls: open ones first with a link to vote, closed ones with their results. */
export function PollsPage(props: { chrome: SiteChrome; polls: PollView[] }): ReactNode {
  const { chrome, polls } = props;
  const { locale } = chrome;
  const title = t(locale, 'Thăm dò ý kiến', 'Polls');
  return (
    <Layout
      chrome={chrome}
      head={{ title }}
      breadcrumbs={[{ label: title, href: '' }]}
      alternatePath={SITE_PATHS.polls}
    >
      <h1 className="page-title">{title}</h1>
      {polls.length === 0 ? (
        <p>{t(locale, 'Hiện chưa có cuộc thăm dò nào.', 'There are no polls yet.')}</p>
      ) : null}
      <ul className="item-list">
        {polls.map((v) => (
          <li key={v.poll.id}>
            <h2 className="item-title">
              <a href={localePath(locale, SITE_PATHS.poll(v.poll.id))}>{question(locale, v)}</a>
            </h2>
            <When locale={locale} view={v} />
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** One poll: the vote form while it is open and this visitor has not voted, else what may be shown. */
export function PollPage(props: {
  chrome: SiteChrome;
  view: PollView;
  errors: FieldErrors;
  challenge: FormChallenge | null;
  justVoted?: boolean;
}): ReactNode {
  const { chrome, view, errors } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = question(locale, view);
  const canVote = view.state === 'OPEN' && !view.voted;
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={[
        { label: L('Thăm dò ý kiến', 'Polls'), href: localePath(locale, SITE_PATHS.polls) },
        { label: title, href: '' },
      ]}
      alternatePath={SITE_PATHS.poll(view.poll.id)}
    >
      <h1 className="page-title">{title}</h1>
      <When locale={locale} view={view} />
      {props.justVoted ? (
        <div className="panel-confirm" role="status">
          <p>{L('Cảm ơn bạn đã tham gia bình chọn.', 'Thank you for voting.')}</p>
        </div>
      ) : null}
      <ErrorSummary locale={locale} errors={errors} />
      {canVote ? (
        <form
          className="form"
          method="post"
          action={localePath(locale, SITE_PATHS.poll(view.poll.id))}
          noValidate
        >
          <fieldset
            className="criterion"
            id="f-optionId"
            aria-describedby={errors.optionId ? 'f-optionId-error' : undefined}
          >
            <legend>{L('Chọn một phương án', 'Choose one option')}</legend>
            {errors.optionId ? (
              <span className="error-message" id="f-optionId-error">
                {errors.optionId}
              </span>
            ) : null}
            <div className="choices">
              {view.options.map((o) => (
                <label key={o.id}>
                  <input type="radio" name="optionId" value={o.id} /> {label(locale, o)}
                </label>
              ))}
            </div>
          </fieldset>
          <WriteChecks locale={locale} challenge={props.challenge} error={errors.challengeAnswer} />
          <button className="button" type="submit">
            {L('Bình chọn', 'Vote')}
          </button>
        </form>
      ) : null}
      {view.results ? (
        <Results locale={locale} view={view} />
      ) : view.state === 'UPCOMING' ? (
        <p>{L('Cuộc thăm dò chưa mở.', 'This poll is not open yet.')}</p>
      ) : !canVote ? (
        <p>
          {L(
            'Kết quả sẽ được công bố khi cuộc thăm dò kết thúc.',
            'The results will be published when the poll closes.',
          )}
        </p>
      ) : view.poll.resultsVisibility === 'AFTER_VOTE' ? (
        <p>{L('Kết quả hiển thị sau khi bạn bình chọn.', 'The results show once you have voted.')}</p>
      ) : null}
    </Layout>
  );
}

import type { ReactNode } from 'react';
import { ErrorSummary, type FieldErrors, type FormChallenge, WriteChecks } from '../components/form-parts';
import { Layout } from '../components/layout';
import { formatCount, localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

/** The four criteria of a portal's rating (05/2024/QĐ-UBND art. 4.3: interface, content, quality, support). */
export const RATING_FORM_CRITERIA = [
  { name: 'interface', vi: 'Giao diện', en: 'Interface' },
  { name: 'content', vi: 'Nội dung thông tin', en: 'Content' },
  { name: 'quality', vi: 'Chất lượng dịch vụ', en: 'Quality of service' },
  { name: 'support', vi: 'Hỗ trợ người dùng', en: 'Support' },
] as const;

const SCALE: Array<[string, string]> = [
  ['Rất kém', 'Very poor'],
  ['Kém', 'Poor'],
  ['Trung bình', 'Fair'],
  ['Tốt', 'Good'],
  ['Rất tốt', 'Very good'],
];

export interface RatingSummaryView {
  count: number;
  overall: number | null;
}

/** The portal's rating form: four criteria, one to five each, as radio groups. */
export function RatingPage(props: {
  chrome: SiteChrome;
  values: Record<string, string>;
  errors: FieldErrors;
  challenge: FormChallenge | null;
  summary: RatingSummaryView | null;
}): ReactNode {
  const { chrome, values, errors } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Đánh giá cổng thông tin', 'Rate this portal');
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={[{ label: title, href: '' }]}
      alternatePath={SITE_PATHS.rating}
    >
      <h1 className="page-title">{title}</h1>
      <ErrorSummary locale={locale} errors={errors} />
      {props.summary && props.summary.count > 0 && props.summary.overall !== null ? (
        <p>
          {L('Điểm trung bình', 'Average score')}: <strong>{props.summary.overall.toFixed(2)}</strong> / 5 (
          {formatCount(locale, props.summary.count)} {L('lượt đánh giá', 'ratings')})
        </p>
      ) : null}
      <form className="form" method="post" action={localePath(locale, SITE_PATHS.rating)} noValidate>
        {RATING_FORM_CRITERIA.map((c) => (
          <fieldset
            className="criterion"
            key={c.name}
            id={`f-${c.name}`}
            aria-describedby={errors[c.name] ? `f-${c.name}-error` : undefined}
          >
            <legend>{L(c.vi, c.en)}</legend>
            {errors[c.name] ? (
              <span className="error-message" id={`f-${c.name}-error`}>
                {errors[c.name]}
              </span>
            ) : null}
            <div className="choices">
              {SCALE.map(([vi, en], i) => (
                <label key={i}>
                  <input
                    type="radio"
                    name={c.name}
                    value={String(i + 1)}
                    defaultChecked={values[c.name] === String(i + 1)}
                  />
                  {i + 1} – {L(vi, en)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <WriteChecks locale={locale} challenge={props.challenge} error={errors.challengeAnswer} />
        <button className="button" type="submit">
          {L('Gửi đánh giá', 'Send the rating')}
        </button>
      </form>
    </Layout>
  );
}

export function RatedPage(props: { chrome: SiteChrome }): ReactNode {
  const { chrome } = props;
  const L = (vi: string, en: string) => t(chrome.locale, vi, en);
  const title = L('Cảm ơn bạn đã đánh giá', 'Thank you for your rating');
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={[{ label: title, href: '' }]}
      alternatePath={`${SITE_PATHS.rating}/cam-on`}
    >
      <div className="panel-confirm">
        <h1 className="page-title">{title}</h1>
        <p>
          {L(
            'Ý kiến của bạn giúp chúng tôi cải thiện cổng thông tin.',
            'Your opinion helps us improve the portal.',
          )}
        </p>
        <p>
          <a href={localePath(chrome.locale, '/')}>{L('Về trang chủ', 'Back to the home page')}</a>
        </p>
      </div>
    </Layout>
  );
}

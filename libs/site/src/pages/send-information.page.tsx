import type { ReactNode } from 'react';
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  type FormChallenge,
  WriteChecks,
} from '../components/form-parts';
import { Layout } from '../components/layout';
import { formatDateTime, localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export const SEND_PATHS = {
  form: SITE_PATHS.sendInformation,
  sent: `${SITE_PATHS.sendInformation}/da-gui`,
  track: `${SITE_PATHS.sendInformation}/tra-cuu`,
};

export interface SendValues {
  name?: string;
  organisation?: string;
  position?: string;
  email?: string;
  phone?: string;
  address?: string;
  title?: string;
  body?: string;
}

const crumbs = (chrome: SiteChrome, extra?: string) => {
  const L = (vi: string, en: string) => t(chrome.locale, vi, en);
  const form = {
    label: L('Gửi thông tin cho Ban Biên tập', 'Send information to the editorial board'),
    href: localePath(chrome.locale, SEND_PATHS.form),
  };
  return extra ? [form, { label: extra, href: '' }] : [{ ...form, href: '' }];
};

/**
 * The form organisations and people send information with (05/2024/QĐ-UBND art. 14.2; 1376/QĐ-SVHTT
 * art. 9.1: unit, name, position, e-mail, phone or address), with an optional file. No JavaScript:
 * multipart POST → 303 → the receipt with the tracking code.
 */
export function SendInformationPage(props: {
  chrome: SiteChrome;
  values: SendValues;
  errors: FieldErrors;
  challenge: FormChallenge | null;
  maxFileMb: number;
}): ReactNode {
  const { chrome, values, errors } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Gửi thông tin cho Ban Biên tập', 'Send information to the editorial board');
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome)}
      alternatePath={SEND_PATHS.form}
    >
      <h1 className="page-title">{title}</h1>
      <ErrorSummary locale={locale} errors={errors} />
      <p>
        {L(
          'Cơ quan, tổ chức, cá nhân gửi tin, bài, tư liệu để đăng trên cổng qua Ban Biên tập. Ban Biên tập xem xét, biên tập trước khi đăng; bạn nhận một mã số để theo dõi. Thông tin liên hệ của bạn không được công khai.',
          'Organisations and people send news, articles and material for the portal through its editorial board, which reviews and edits them before publication; you get a code to follow yours. Your contact details are never published.',
        )}
      </p>
      <form
        className="form"
        method="post"
        encType="multipart/form-data"
        action={localePath(locale, SEND_PATHS.form)}
        noValidate
      >
        <div className="fields">
          <Field
            name="name"
            label={L('Họ và tên người gửi', 'Your full name')}
            value={values.name}
            error={errors.name}
            required
            autoComplete="name"
            maxLength={200}
          />
          <Field
            name="organisation"
            label={L('Đơn vị, tổ chức (nếu có)', 'Organisation (if any)')}
            value={values.organisation}
            error={errors.organisation}
            autoComplete="organization"
            maxLength={300}
          />
          <Field
            name="position"
            label={L('Chức danh (nếu có)', 'Position (if any)')}
            value={values.position}
            error={errors.position}
            autoComplete="organization-title"
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
            name="address"
            label={L('Địa chỉ liên lạc', 'Postal address')}
            value={values.address}
            error={errors.address}
            autoComplete="street-address"
            maxLength={400}
          />
        </div>
        <Field
          name="title"
          label={L('Tiêu đề', 'Title')}
          value={values.title}
          error={errors.title}
          required
          maxLength={400}
        />
        <Field
          name="body"
          label={L('Nội dung thông tin', 'The information')}
          value={values.body}
          error={errors.body}
          multiline
          required
          maxLength={20000}
        />
        <div className="field">
          <label htmlFor="f-file">{L('Tệp đính kèm (không bắt buộc)', 'Attached file (optional)')}</label>
          <span className="hint" id="f-file-hint">
            {L(
              `PDF, DOCX, XLSX, PNG, JPEG, GIF hoặc WebP, tối đa ${props.maxFileMb} MB.`,
              `PDF, DOCX, XLSX, PNG, JPEG, GIF or WebP, at most ${props.maxFileMb} MB.`,
            )}
          </span>
          {errors.file ? (
            <span className="error-message" id="f-file-error">
              {errors.file}
            </span>
          ) : null}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
            aria-describedby={errors.file ? 'f-file-hint f-file-error' : 'f-file-hint'}
            aria-invalid={errors.file ? true : undefined}
          />
        </div>
        <WriteChecks locale={locale} challenge={props.challenge} error={errors.challengeAnswer} />
        <button className="button" type="submit">
          {L('Gửi thông tin', 'Send')}
        </button>
      </form>
      <p>
        <a href={localePath(locale, SEND_PATHS.track)}>
          {L('Tra cứu thông tin đã gửi', 'Follow information you sent')}
        </a>
      </p>
    </Layout>
  );
}

/** After sending: the tracking code, shown once, and where to follow it. */
export function SentPage(props: { chrome: SiteChrome; code: string }): ReactNode {
  const { chrome } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Đã nhận thông tin', 'Information received');
  const track = `${SEND_PATHS.track}?ma=${encodeURIComponent(props.code)}`;
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome, title)}
      alternatePath={track}
    >
      <div className="panel-confirm">
        <h1 className="page-title">{title}</h1>
        <p>{L('Mã số thông tin bạn gửi', 'Your tracking code')}:</p>
        <p className="tracking-code">{props.code}</p>
        <p>
          {L(
            'Ban Biên tập sẽ xem xét thông tin này. Hãy ghi lại mã số để theo dõi.',
            'The editorial board will review it. Keep this code to follow it.',
          )}
        </p>
        <p>
          <a href={localePath(locale, track)}>{L('Tra cứu tình trạng', 'Follow it')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface TrackedInformation {
  trackingCode: string;
  title: string;
  status: string;
  receivedAt: Date;
  handledAt: Date | null;
  declineReason: string | null;
  publishedHref: string | null;
}

const STATUS: Record<string, [string, string]> = {
  RECEIVED: ['Đã tiếp nhận, chờ Ban Biên tập xem xét', 'Received, waiting for the editorial board'],
  TAKEN_UP: ['Đang biên tập', 'Being edited for publication'],
  PUBLISHED: ['Đã đăng', 'Published'],
  DECLINED: ['Không sử dụng', 'Not used'],
};

/** Sent information's status by its code (never cached: it is the sender's). */
export function SentTrackPage(props: {
  chrome: SiteChrome;
  code: string;
  found: TrackedInformation | null;
  error?: string;
}): ReactNode {
  const { chrome, found } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L('Tra cứu thông tin đã gửi', 'Follow information you sent');
  const errors: FieldErrors = props.error ? { ma: props.error } : {};
  return (
    <Layout
      chrome={chrome}
      head={{ title, noindex: true }}
      breadcrumbs={crumbs(chrome, title)}
      alternatePath={SEND_PATHS.track}
    >
      <h1 className="page-title">{title}</h1>
      <ErrorSummary locale={locale} errors={errors} />
      <form className="form" method="get" action={localePath(locale, SEND_PATHS.track)}>
        <Field
          name="ma"
          label={L('Mã số', 'Tracking code')}
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
          <h2 id="h-status">{found.title}</h2>
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
              {found.handledAt ? (
                <tr>
                  <th scope="row">{L('Ngày xử lý', 'Handled')}</th>
                  <td>{formatDateTime(locale, found.handledAt)}</td>
                </tr>
              ) : null}
              {found.declineReason ? (
                <tr>
                  <th scope="row">{L('Lý do', 'Reason')}</th>
                  <td>{found.declineReason}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {found.publishedHref ? (
            <p>
              <a href={found.publishedHref}>{L('Xem bài đã đăng', 'Read the published item')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

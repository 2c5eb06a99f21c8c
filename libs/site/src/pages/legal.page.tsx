import type { ReactNode } from 'react';
import { VALIDITY_LABELS, type LegalValidity, type PublicItemRow } from '@portal/content';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { Layout } from '../components/layout';
import { LEGAL_FORM_LABELS } from '../render/legal-forms';
import { formatDate, localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

export interface LegalFilter {
  form: string;
  issuer: string;
  number: string;
  field: string;
  issuedFrom: string;
  issuedTo: string;
  validity: string;
}

export interface LegalPageProps {
  chrome: SiteChrome;
  filter: LegalFilter;
  results: PublicItemRow[];
  errors: FieldError[];
  /** The query string of this search (language switch). */
  query: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Legal documents by form, issuer, number, field, issue dates (641/QĐ-UBND art. 14) and validity. */
export function LegalPage(props: LegalPageProps): ReactNode {
  const { chrome, filter } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const base = localePath(locale, SITE_PATHS.legal);
  const errorOf = (field: string) => props.errors.find((e) => e.field === field);
  const input = (id: keyof LegalFilter, label: string, type = 'text') => {
    const error = errorOf(id);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {error ? (
          <span className="error-message" id={`${id}-error`}>
            {error.message}
          </span>
        ) : null}
        <input
          id={id}
          name={id}
          type={type}
          defaultValue={filter[id]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
    );
  };
  return (
    <Layout
      chrome={chrome}
      head={{ title: L('Tra cứu văn bản', 'Legal documents') }}
      breadcrumbs={[{ label: L('Tra cứu văn bản', 'Legal documents'), href: base }]}
      alternatePath={`${SITE_PATHS.legal}${props.query}`}
    >
      <h1 className="page-title">{L('Tra cứu văn bản', 'Legal documents')}</h1>
      <ErrorSummary locale={locale} errors={props.errors} />
      <form className="form" method="get" action={base} aria-label={L('Tìm văn bản', 'Find documents')}>
        <div className="fields">
          <div className="field">
            <label htmlFor="form">{L('Hình thức văn bản', 'Form')}</label>
            <select id="form" name="form" defaultValue={filter.form}>
              <option value="">{L('Tất cả', 'All')}</option>
              {Object.entries(LEGAL_FORM_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label[locale]}
                </option>
              ))}
            </select>
          </div>
          {input('number', L('Số, ký hiệu', 'Number'))}
          {input('issuer', L('Cơ quan ban hành', 'Issued by'))}
          {input('field', L('Lĩnh vực', 'Field'))}
          {input('issuedFrom', L('Ban hành từ ngày', 'Issued from'), 'date')}
          {input('issuedTo', L('Đến ngày', 'Issued until'), 'date')}
          <div className="field">
            <label htmlFor="validity">{L('Tình trạng hiệu lực', 'Validity')}</label>
            <select id="validity" name="validity" defaultValue={filter.validity}>
              <option value="">{L('Tất cả', 'All')}</option>
              {Object.entries(VALIDITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label[locale]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button className="button" type="submit">
          {L('Tra cứu', 'Search')}
        </button>
      </form>
      <section className="card" aria-labelledby="h-docs">
        <h2 id="h-docs">{L('Văn bản', 'Documents')}</h2>
        {props.results.length ? (
          <table className="facts">
            <caption className="visually-hidden">{L('Kết quả tra cứu', 'Documents found')}</caption>
            <thead>
              <tr>
                <th scope="col">{L('Số, ký hiệu', 'Number')}</th>
                <th scope="col">{L('Ngày ban hành', 'Issued')}</th>
                <th scope="col">{L('Trích yếu', 'Title')}</th>
                <th scope="col">{L('Hiệu lực', 'Validity')}</th>
              </tr>
            </thead>
            <tbody>
              {props.results.map((d) => (
                <tr key={d.id}>
                  <td>{str(d.fields?.number)}</td>
                  <td>{str(d.fields?.issueDate) ? formatDate(locale, str(d.fields?.issueDate)) : ''}</td>
                  <td>
                    <a href={localePath(locale, SITE_PATHS.article(d.slug))}>{d.title}</a>
                    {str(d.fields?.issuer) ? <span className="meta">{str(d.fields?.issuer)}</span> : null}
                  </td>
                  <td>{d.validity ? VALIDITY_LABELS[d.validity as LegalValidity][locale] : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{L('Không có văn bản phù hợp.', 'No document matches.')}</p>
        )}
      </section>
    </Layout>
  );
}

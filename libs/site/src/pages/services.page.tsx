import type { ReactNode } from 'react';
import { SERVICE_LEVEL_LABELS, type ServiceLevel } from '@portal/content';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { Layout } from '../components/layout';
import { formatCount, formatDate, localePath, t } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

/** One line of the catalogue: an entry imported from the public-service portal, or a procedure item. */
export interface ServiceLine {
  key: string;
  code: string;
  name: string;
  field: string;
  level: ServiceLevel | null;
  /** The portal's page on the procedure (its write-up), if any. */
  itemHref: string | null;
  portalUrl: string | null;
  received: number | null;
  processed: number | null;
  countsAsOf: string | null;
}

export interface ServicesPageProps {
  chrome: SiteChrome;
  filter: { field: string; level: string };
  fields: string[];
  lines: ServiceLine[];
  errors: FieldError[];
  query: string;
}

/**
 * Administrative procedures and online public services (641/QĐ-UBND art. 17; 05/2024/QĐ-UBND
 * art. 4.2.d): by field and level, each with its level, usage counts and its entry on the
 * public-service portal.
 */
export function ServicesPage(props: ServicesPageProps): ReactNode {
  const { chrome, filter } = props;
  const { locale } = chrome;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const title = L(
    'Thủ tục hành chính và dịch vụ công trực tuyến',
    'Administrative procedures and online public services',
  );
  const base = localePath(locale, SITE_PATHS.procedures);
  const count = (n: number | null) => (n === null ? '' : formatCount(locale, n));
  return (
    <Layout
      chrome={chrome}
      head={{ title }}
      breadcrumbs={[{ label: title, href: base }]}
      alternatePath={`${SITE_PATHS.procedures}${props.query}`}
    >
      <h1 className="page-title">{title}</h1>
      <ErrorSummary locale={locale} errors={props.errors} />
      <form
        className="form"
        method="get"
        action={base}
        role="search"
        aria-label={L('Lọc thủ tục', 'Filter procedures')}
      >
        <div className="fields">
          <div className="field">
            <label htmlFor="field">{L('Lĩnh vực', 'Field')}</label>
            <select id="field" name="field" defaultValue={filter.field}>
              <option value="">{L('Tất cả', 'All')}</option>
              {props.fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="level">{L('Mức độ dịch vụ công', 'Online service level')}</label>
            <select id="level" name="level" defaultValue={filter.level}>
              <option value="">{L('Tất cả', 'All')}</option>
              {Object.entries(SERVICE_LEVEL_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label[locale]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button className="button" type="submit">
          {L('Lọc', 'Filter')}
        </button>
      </form>
      {props.lines.length ? (
        <div className="table-wrap">
          <table className="data services">
            <caption>{L('Danh mục thủ tục hành chính', 'Catalogue of procedures')}</caption>
            <thead>
              <tr>
                <th scope="col">{L('Mã', 'Code')}</th>
                <th scope="col">{L('Tên thủ tục', 'Procedure')}</th>
                <th scope="col">{L('Lĩnh vực', 'Field')}</th>
                <th scope="col">{L('Mức độ dịch vụ công', 'Online service level')}</th>
                <th scope="col">{L('Số lượt sử dụng', 'Uses')}</th>
                <th scope="col">{L('Hồ sơ đã giải quyết', 'Dossiers processed')}</th>
                <th scope="col">{L('Dịch vụ công', 'Online service')}</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((s) => (
                <tr key={s.key}>
                  <td>{s.code}</td>
                  <td>{s.itemHref ? <a href={s.itemHref}>{s.name}</a> : s.name}</td>
                  <td>{s.field}</td>
                  <td>{s.level ? SERVICE_LEVEL_LABELS[s.level][locale] : ''}</td>
                  <td>
                    {count(s.received)}
                    {s.countsAsOf ? (
                      <span className="meta">
                        {L('đến ngày', 'as of')} {formatDate(locale, s.countsAsOf)}
                      </span>
                    ) : null}
                  </td>
                  <td>{count(s.processed)}</td>
                  <td>
                    {s.portalUrl ? (
                      <a href={s.portalUrl} rel="noopener external">
                        {L('Nộp hồ sơ trực tuyến', 'Apply online')}
                        <span className="visually-hidden">: {s.name}</span>
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{L('Không có thủ tục phù hợp.', 'No procedure matches.')}</p>
      )}
    </Layout>
  );
}

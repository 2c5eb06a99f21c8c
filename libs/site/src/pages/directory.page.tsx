import type { ReactNode } from 'react';
import { STRUCTURED_VALUE_LABELS, type PublicItemRow } from '@portal/content';
import { Layout } from '../components/layout';
import { formatCount, formatDate, isoDate, localePath, t, type SiteLocale } from '../render/locale';
import type { SiteChrome } from '../render/site-chrome';
import { SITE_PATHS } from '../render/site-paths';

/** The information sets of a portal (Decree 42/2022 art. 4; 641/QĐ-UBND art. 14): one page each. */
export type DirectoryKind =
  | 'schedule'
  | 'reception'
  | 'introduction'
  | 'leaders'
  | 'contacts'
  | 'projects'
  | 'gazette'
  | 'statistics';

export const DIRECTORY_TITLES: Record<DirectoryKind, [string, string]> = {
  schedule: ['Lịch công tác của lãnh đạo', "Leaders' work schedule"],
  reception: ['Lịch tiếp công dân', 'Citizen reception schedule'],
  introduction: ['Giới thiệu', 'About us'],
  leaders: ['Lãnh đạo', 'Leaders'],
  contacts: ['Thông tin liên hệ', 'Contacts'],
  projects: ['Dự án, đầu tư, đấu thầu, mua sắm công', 'Projects, investment, tenders and procurement'],
  gazette: ['Công báo', 'Official gazette'],
  statistics: ['Thông tin thống kê, báo cáo', 'Statistics and reports'],
};

type Fields = Record<string, unknown>;
const text = (f: Fields, k: string): string => (typeof f[k] === 'string' ? (f[k] as string) : '');
const list = (f: Fields, k: string): Fields[] => (Array.isArray(f[k]) ? (f[k] as Fields[]) : []);
const itemHref = (locale: SiteLocale, item: PublicItemRow) =>
  localePath(locale, SITE_PATHS.article(item.slug));

function Empty(props: { locale: SiteLocale }): ReactNode {
  return <p>{t(props.locale, 'Chưa có thông tin.', 'Nothing has been published here yet.')}</p>;
}

function Schedule(props: { locale: SiteLocale; items: PublicItemRow[] }): ReactNode {
  const { locale } = props;
  const L = (vi: string, en: string) => t(locale, vi, en);
  return (
    <>
      {props.items.map((week) => {
        const entries = [...list(week.fields, 'entries')].sort((a, b) =>
          `${text(a, 'date')} ${text(a, 'time')}`.localeCompare(`${text(b, 'date')} ${text(b, 'time')}`),
        );
        return (
          <div className="table-wrap" key={week.id}>
            <table className="data">
              <caption>
                <a href={itemHref(locale, week)}>{week.title}</a>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{L('Ngày', 'Date')}</th>
                  <th scope="col">{L('Giờ', 'Time')}</th>
                  <th scope="col">{L('Nội dung', 'Activity')}</th>
                  <th scope="col">{L('Lãnh đạo', 'Leader')}</th>
                  <th scope="col">{L('Địa điểm', 'Place')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={i}>
                    <td>
                      <time dateTime={text(e, 'date')}>
                        {new Date(`${text(e, 'date')}T00:00:00Z`).toLocaleDateString(
                          locale === 'vi' ? 'vi-VN' : 'en-GB',
                          {
                            timeZone: 'UTC',
                            weekday: 'long',
                            day: '2-digit',
                            month: '2-digit',
                          },
                        )}
                      </time>
                    </td>
                    <td>{text(e, 'time')}</td>
                    <td>{text(e, 'content')}</td>
                    <td>{text(e, 'leader')}</td>
                    <td>{text(e, 'place')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

/** A structured value's label in the page's language (the value itself when unknown). */
const valueLabel = (locale: SiteLocale, field: string, value: string): string => {
  const label = STRUCTURED_VALUE_LABELS[field]?.[value];
  return label ? t(locale, ...label) : value;
};

/** The citizen-reception schedule (1376/QĐ-SVHTT art. 7.1.l): one table per published schedule. */
function Reception(props: { locale: SiteLocale; items: PublicItemRow[] }): ReactNode {
  const { locale } = props;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const ORDER = ['REGULAR', 'PERIODIC', 'AD_HOC'];
  return (
    <>
      {props.items.map((item) => {
        const sessions = [...list(item.fields, 'sessions')].sort(
          (a, b) =>
            ORDER.indexOf(text(a, 'type')) - ORDER.indexOf(text(b, 'type')) ||
            `${text(a, 'date')} ${text(a, 'from')}`.localeCompare(`${text(b, 'date')} ${text(b, 'from')}`),
        );
        return (
          <section className="article" key={item.id} aria-labelledby={`h-${item.id}`}>
            <h2 id={`h-${item.id}`}>
              <a href={itemHref(locale, item)}>{item.title}</a>
            </h2>
            {sessions.length ? (
              // Scrolls sideways on a phone: reachable by keyboard, named for screen readers.
              <div
                className="table-wrap"
                role="region"
                aria-label={`${L('Các buổi tiếp công dân', 'Reception sessions')}: ${item.title}`}
                tabIndex={0}
              >
                <table className="data">
                  <caption>{L('Các buổi tiếp công dân', 'Reception sessions')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{L('Hình thức', 'Kind')}</th>
                      <th scope="col">{L('Thời gian', 'When')}</th>
                      <th scope="col">{L('Lãnh đạo tiếp', 'Receiving leader')}</th>
                      <th scope="col">{L('Địa điểm', 'Place')}</th>
                      <th scope="col">{L('Ghi chú', 'Notes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s, i) => {
                      const hours = [text(s, 'from'), text(s, 'to')].filter(Boolean).join(' – ');
                      return (
                        <tr key={i}>
                          <th scope="row">{valueLabel(locale, 'type', text(s, 'type'))}</th>
                          <td>
                            {text(s, 'date') ? (
                              <time dateTime={text(s, 'date')}>{formatDate(locale, text(s, 'date'))}</time>
                            ) : (
                              text(s, 'recurrence')
                            )}
                            {hours ? `, ${hours}` : ''}
                          </td>
                          <td>{text(s, 'leader')}</td>
                          <td>{text(s, 'place')}</td>
                          <td>{text(s, 'note')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
            {item.body_html ? (
              <div className="body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
            ) : null}
          </section>
        );
      })}
    </>
  );
}

function Bodies(props: { locale: SiteLocale; items: PublicItemRow[]; position?: boolean }): ReactNode {
  return (
    <>
      {props.items.map((item) => (
        <section className="article" key={item.id} aria-labelledby={`h-${item.id}`}>
          <h2 id={`h-${item.id}`}>
            <a href={itemHref(props.locale, item)}>{item.title}</a>
          </h2>
          {props.position && text(item.fields, 'position') ? (
            <p className="byline">{text(item.fields, 'position')}</p>
          ) : null}
          <div className="body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
        </section>
      ))}
    </>
  );
}

function Contacts(props: { locale: SiteLocale; items: PublicItemRow[] }): ReactNode {
  const L = (vi: string, en: string) => t(props.locale, vi, en);
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>{L('Danh bạ', 'Directory')}</caption>
        <thead>
          <tr>
            <th scope="col">{L('Họ tên, đơn vị', 'Name or office')}</th>
            <th scope="col">{L('Chức vụ', 'Position')}</th>
            <th scope="col">{L('Đơn vị công tác', 'Unit')}</th>
            <th scope="col">{L('Điện thoại', 'Telephone')}</th>
            <th scope="col">{L('Fax', 'Fax')}</th>
            <th scope="col">{L('Thư điện tử', 'E-mail')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => {
            const phone = text(c.fields, 'phone');
            const fax = text(c.fields, 'fax');
            const email = text(c.fields, 'email');
            return (
              <tr key={c.id}>
                <th scope="row">
                  <a href={itemHref(props.locale, c)}>{c.title}</a>
                </th>
                <td>{text(c.fields, 'position')}</td>
                <td>{text(c.fields, 'unit')}</td>
                <td>{phone ? <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a> : null}</td>
                <td>{fax}</td>
                <td>
                  {email && /^[^\s@<>"]+@[^\s@<>"]+$/.test(email) ? (
                    <a href={`mailto:${email}`}>{email}</a>
                  ) : (
                    email
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface ProjectFilter {
  field: string;
  status: string;
  procurement: string;
  tenderStatus: string;
}

/** The values a project's and a tender's status may take, in their order. */
export const PROJECT_STATUS_VALUES = Object.keys(STRUCTURED_VALUE_LABELS.status);
export const TENDER_STATUS_VALUES = Object.keys(STRUCTURED_VALUE_LABELS.tenderStatus);

function Projects(props: {
  locale: SiteLocale;
  items: PublicItemRow[];
  filter: ProjectFilter;
  options: { fields: string[] };
}): ReactNode {
  const { locale, filter } = props;
  const L = (vi: string, en: string) => t(locale, vi, en);
  const select = (name: keyof ProjectFilter, label: string, values: Array<[string, string]>) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={filter[name]}>
        <option value="">{L('Tất cả', 'All')}</option>
        {values.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <form
        className="form"
        method="get"
        action={localePath(locale, SITE_PATHS.projects)}
        role="search"
        aria-label={L('Lọc dự án', 'Filter projects')}
      >
        <div className="fields">
          {select(
            'field',
            L('Lĩnh vực', 'Field'),
            props.options.fields.map((f) => [f, f]),
          )}
          {select(
            'status',
            L('Tình trạng dự án', 'Project status'),
            PROJECT_STATUS_VALUES.map((s) => [s, valueLabel(locale, 'status', s)]),
          )}
          {select('procurement', L('Đấu thầu, mua sắm công', 'Tender or procurement'), [
            ['YES', L('Có', 'Yes')],
            ['NO', L('Không', 'No')],
          ])}
          {select(
            'tenderStatus',
            L('Tình trạng đấu thầu', 'Tender status'),
            TENDER_STATUS_VALUES.map((s) => [s, valueLabel(locale, 'tenderStatus', s)]),
          )}
        </div>
        <button className="button" type="submit">
          {L('Lọc', 'Filter')}
        </button>
      </form>
      {props.items.length ? (
        <div className="table-wrap">
          <table className="data">
            <caption>{L('Dự án', 'Projects')}</caption>
            <thead>
              <tr>
                <th scope="col">{L('Tên dự án', 'Project')}</th>
                <th scope="col">{L('Lĩnh vực', 'Field')}</th>
                <th scope="col">{L('Loại', 'Type')}</th>
                <th scope="col">{L('Thời gian', 'Period')}</th>
                <th scope="col">{L('Tổng vốn (đồng)', 'Budget (VND)')}</th>
                <th scope="col">{L('Chủ đầu tư', 'Sponsor')}</th>
                <th scope="col">{L('Tình trạng', 'Status')}</th>
                <th scope="col">{L('Đấu thầu', 'Tender')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((p) => {
                const budget = Number(p.fields.budget);
                return (
                  <tr key={p.id}>
                    <td>
                      <a href={itemHref(locale, p)}>{text(p.fields, 'name') || p.title}</a>
                    </td>
                    <td>{text(p.fields, 'field')}</td>
                    <td>{text(p.fields, 'projectType')}</td>
                    <td>
                      {[text(p.fields, 'periodFrom'), text(p.fields, 'periodTo')]
                        .filter(Boolean)
                        .map((d) => formatDate(locale, d))
                        .join(' – ')}
                    </td>
                    <td>
                      {Number.isFinite(budget) && p.fields.budget !== undefined
                        ? formatCount(locale, budget)
                        : ''}
                    </td>
                    <td>{text(p.fields, 'sponsor')}</td>
                    <td>
                      {text(p.fields, 'status') ? valueLabel(locale, 'status', text(p.fields, 'status')) : ''}
                      {text(p.fields, 'statusNote') ? (
                        <span className="meta"> {text(p.fields, 'statusNote')}</span>
                      ) : null}
                    </td>
                    <td>
                      {text(p.fields, 'tenderStatus')
                        ? valueLabel(locale, 'tenderStatus', text(p.fields, 'tenderStatus'))
                        : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{L('Không có dự án phù hợp.', 'No project matches.')}</p>
      )}
    </>
  );
}

function Gazette(props: { locale: SiteLocale; items: PublicItemRow[] }): ReactNode {
  const { locale } = props;
  const L = (vi: string, en: string) => t(locale, vi, en);
  return (
    <>
      {props.items.map((issue) => (
        <section className="card" key={issue.id} aria-labelledby={`h-${issue.id}`}>
          <h2 id={`h-${issue.id}`}>
            <a href={itemHref(locale, issue)}>
              {L('Số', 'Issue')} {text(issue.fields, 'issueNumber')}
            </a>
          </h2>
          <p className="meta">
            {L('Ngày phát hành', 'Published')}:{' '}
            <time dateTime={text(issue.fields, 'issueDate')}>
              {formatDate(locale, text(issue.fields, 'issueDate'))}
            </time>
          </p>
          <ul className="items">
            {list(issue.fields, 'documents').map((d, i) => (
              <li key={i}>
                <strong>{text(d, 'number')}</strong> – {text(d, 'title')}
                {text(d, 'excerpt') ? <p>{text(d, 'excerpt')}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Statistics(props: { locale: SiteLocale; items: PublicItemRow[] }): ReactNode {
  const { locale } = props;
  const L = (vi: string, en: string) => t(locale, vi, en);
  return (
    <ul className="items">
      {props.items.map((s) => (
        <li key={s.id}>
          <a href={itemHref(locale, s)}>{s.title}</a>
          <span className="meta">
            {text(s.fields, 'period') ? `${L('Kỳ', 'Period')}: ${text(s.fields, 'period')} · ` : ''}
            <time dateTime={isoDate(s.place_at)}>{formatDate(locale, s.place_at)}</time>
          </span>
          {s.summary ? <p>{s.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** One information page: its title, then the kind's own presentation of the portal's items. */
export function DirectoryPage(props: {
  chrome: SiteChrome;
  kind: DirectoryKind;
  path: string;
  items: PublicItemRow[];
  projects?: { filter: ProjectFilter; options: { fields: string[] } };
}): ReactNode {
  const { chrome, kind, items } = props;
  const { locale } = chrome;
  const title = t(locale, ...DIRECTORY_TITLES[kind]);
  const body = (() => {
    if (kind === 'projects' && props.projects)
      return (
        <Projects
          locale={locale}
          items={items}
          filter={props.projects.filter}
          options={props.projects.options}
        />
      );
    if (!items.length) return <Empty locale={locale} />;
    switch (kind) {
      case 'schedule':
        return <Schedule locale={locale} items={items} />;
      case 'reception':
        return <Reception locale={locale} items={items} />;
      case 'introduction':
        return <Bodies locale={locale} items={items} />;
      case 'leaders':
        return <Bodies locale={locale} items={items} position />;
      case 'contacts':
        return <Contacts locale={locale} items={items} />;
      case 'gazette':
        return <Gazette locale={locale} items={items} />;
      default:
        return <Statistics locale={locale} items={items} />;
    }
  })();
  return (
    <Layout
      chrome={chrome}
      head={{ title }}
      breadcrumbs={[{ label: title, href: '' }]}
      alternatePath={props.path}
    >
      <h1 className="page-title">{title}</h1>
      {body}
    </Layout>
  );
}

import type { ReactNode } from 'react';
import { t, type SiteLocale } from '../render/locale';

export interface FieldError {
  /** The id of the input the message is about (the summary links to it). */
  field: string;
  message: string;
}

/** GOV.UK-style error summary: a heading and a link to each field that needs attention. */
export function ErrorSummary(props: { locale: SiteLocale; errors: FieldError[] }): ReactNode {
  if (!props.errors.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t(props.locale, 'Có lỗi cần sửa', 'There is a problem')}</h2>
      <ul>
        {props.errors.map((e) => (
          <li key={e.field}>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

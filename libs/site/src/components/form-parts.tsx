import { randomUUID } from 'node:crypto';
import type { ReactNode } from 'react';
import { t, type SiteLocale } from '../render/locale';

/** A field's problem, in the page's language, keyed by the form field it is about. */
export type FieldErrors = Record<string, string>;

/** GOV.UK-style error summary: a heading and a link to each field in trouble (first on the page). */
export function ErrorSummary(props: { locale: SiteLocale; errors: FieldErrors }): ReactNode {
  const entries = Object.entries(props.errors);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t(props.locale, 'Có lỗi cần sửa', 'There is a problem')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>{field === '_form' ? message : <a href={`#f-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled text input, textarea or select, with its hint and error message. */
export function Field(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'search';
  multiline?: boolean;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  options?: Array<{ value: string; label: string }>;
}): ReactNode {
  const id = `f-${props.name}`;
  const described = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: props.name,
    'aria-describedby': described || undefined,
    'aria-invalid': props.error ? true : undefined,
    required: props.required,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span className="error-message" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      {props.options ? (
        <select {...common} defaultValue={props.value ?? ''}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : props.multiline ? (
        <textarea {...common} rows={8} defaultValue={props.value ?? ''} maxLength={props.maxLength} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          defaultValue={props.value ?? ''}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength}
        />
      )}
    </div>
  );
}

/** The check a public write needs: the honeypot (left empty by people) and the sum, when one is asked. */
export interface FormChallenge {
  token: string;
  prompt: string;
}

export function WriteChecks(props: {
  locale: SiteLocale;
  challenge: FormChallenge | null;
  error?: string;
}): ReactNode {
  const L = (vi: string, en: string) => t(props.locale, vi, en);
  return (
    <>
      {/* One key per form shown: sending the same form twice stores it once. */}
      <input type="hidden" name="idempotencyKey" value={randomUUID()} />
      <div className="visually-hidden">
        <label htmlFor="f-website">{L('Để trống ô này', 'Leave this field empty')}</label>
        <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {props.challenge ? (
        <>
          <input type="hidden" name="challengeToken" value={props.challenge.token} />
          <Field
            name="challengeAnswer"
            label={`${L('Câu hỏi kiểm tra', 'Check question')}: ${props.challenge.prompt}`}
            hint={L('Nhập kết quả bằng chữ số.', 'Answer in digits.')}
            error={props.error}
            required
            autoComplete="off"
            maxLength={3}
          />
        </>
      ) : null}
    </>
  );
}

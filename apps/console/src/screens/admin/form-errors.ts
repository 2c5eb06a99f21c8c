import type { ApiError } from '../../api/session';
import { GqlError } from '../../api/graphql';

const names = (error: ApiError, field: string) =>
  !!error.field && (error.field === field || error.field.startsWith(`${field}.`));

/** The error shown on a field, when the server named that field (or an entry of it, `aliases.1`). */
export function fieldError(
  error: ApiError | null,
  field: string,
  msg: (e: ApiError) => string,
): string | undefined {
  return error && names(error, field) ? msg(error) : undefined;
}

/** The error for the form's summary: one that names none of the form's fields. */
export function formError(error: ApiError | null, fields: string[]): ApiError | null {
  return error && !fields.some((f) => names(error, f)) ? error : null;
}

/** A thrown GraphQL error (forbidden, not found) as an ApiError. */
export function thrown(e: unknown): ApiError {
  if (e instanceof GqlError) return e.error;
  return { errorCode: 'ERROR', messageVi: 'Lỗi không xác định.', messageEn: 'Unexpected error.' };
}

import { PlatformErrorCode } from './platform-error-code';

/** A message in both languages the platform speaks. */
export interface BilingualMessage {
  readonly vi: string;
  readonly en: string;
}

/**
 * An expected failure with a stable code. Services return these inside result unions for business
 * failures (bad input, invalid transition) and throw them for everything the caller cannot fix by
 * changing its input (forbidden, not found); one exception filter maps the thrown ones.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly text: BilingualMessage,
    readonly field: string | null = null,
    readonly httpStatus = 400,
  ) {
    super(text.en);
    this.name = 'DomainError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(
    text: BilingualMessage = {
      vi: 'Bạn không có quyền thực hiện thao tác này.',
      en: 'You are not allowed to do this.',
    },
  ) {
    super(PlatformErrorCode.FORBIDDEN, text, null, 403);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(text: BilingualMessage = { vi: 'Bạn cần đăng nhập.', en: 'Authentication is required.' }) {
    super(PlatformErrorCode.UNAUTHENTICATED, text, null, 401);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, field: string | null = 'id') {
    super(
      PlatformErrorCode.NOT_FOUND,
      { vi: `Không tìm thấy ${entity}.`, en: `${entity} not found.` },
      field,
      404,
    );
  }
}

/** Builds an input failure naming the field and the reason. */
export function inputError(code: string, field: string, vi: string, en: string): DomainError {
  return new DomainError(code, { vi, en }, field, 400);
}

/** Result of an operation with expected failures: either a value or a DomainError, never both. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: DomainError): Result<T> => ({ ok: false, error });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive as free strings (GraphQL ID); anything not a uuid cannot name a row. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

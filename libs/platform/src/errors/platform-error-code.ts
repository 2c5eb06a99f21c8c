/**
 * The codes the platform itself answers with, shared by every lib (refusals, pagination, the
 * database away). The values are the `errorCode` clients see and test against: never rename one.
 * Each lib names its own codes in its `errors/<lib>-error-code.ts`.
 */
export enum PlatformErrorCode {
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_CURSOR = 'INVALID_CURSOR',
  INVALID_PAGE_SIZE = 'INVALID_PAGE_SIZE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  INVALID_IDEMPOTENCY_KEY = 'INVALID_IDEMPOTENCY_KEY',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

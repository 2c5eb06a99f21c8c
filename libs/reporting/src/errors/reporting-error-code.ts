/**
 * The codes of the typed errors reporting answers with. The values are the `errorCode` clients see
 * and test against: never rename one.
 */
export enum ReportingErrorCode {
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  INVALID_PERIOD = 'INVALID_PERIOD',
  INVALID_CURSOR = 'INVALID_CURSOR',
  INVALID_PAGE_SIZE = 'INVALID_PAGE_SIZE',
}

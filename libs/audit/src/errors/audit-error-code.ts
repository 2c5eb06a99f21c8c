/**
 * The codes of the typed errors audit answers with. The values are the `errorCode` clients see
 * and test against: never rename one.
 */
export enum AuditErrorCode {
  INVALID_CURSOR = 'INVALID_CURSOR',
}

/**
 * The codes of the typed errors calendar answers with. The values are the `errorCode` clients see
 * and test against: never rename one.
 */
export enum CalendarErrorCode {
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  REQUIRED = 'REQUIRED',
  INVALID_DATE = 'INVALID_DATE',
  DATE_OUT_OF_RANGE = 'DATE_OUT_OF_RANGE',
  INVALID_WORKING_DAYS = 'INVALID_WORKING_DAYS',
  NO_DEADLINE_RULE = 'NO_DEADLINE_RULE',
  UNKNOWN_POLICY_PROFILE = 'UNKNOWN_POLICY_PROFILE',
  TOO_LARGE = 'TOO_LARGE',
  INVALID_FILE = 'INVALID_FILE',
}

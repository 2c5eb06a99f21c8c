/**
 * The codes of the typed errors site answers with. The values are the `errorCode` clients see
 * and test against: never rename one.
 */
export enum SiteErrorCode {
  FORBIDDEN = 'FORBIDDEN',
  INVALID_COLOUR = 'INVALID_COLOUR',
  INVALID_DATE = 'INVALID_DATE',
  INVALID_EMAIL = 'INVALID_EMAIL',
  INVALID_PERIOD = 'INVALID_PERIOD',
  INVALID_URL = 'INVALID_URL',
  LOW_CONTRAST = 'LOW_CONTRAST',
  MISSING_ALT = 'MISSING_ALT',
  TOO_LONG = 'TOO_LONG',
}

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_TEXT = {
  vi: 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít giây.',
  en: 'The service cannot reach its database right now. Please try again in a few seconds.',
};

// Socket errors of a connection that could not be made or was cut.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// SQLSTATE classes 08 (connection exception) and 57P0x (the server shutting down or starting up).
const SQLSTATE = /^(08\d{3}|57P0[1-4])$/;
const MESSAGES = [
  /Connection terminated/i,
  /connection (?:is )?(?:closed|ended)/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /terminating connection due to/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
];

/**
 * TypeORM's answer when a transaction's connection died under it: the rollback finds its runner
 * released and throws this instead of the cause. Nothing was committed; a retry is right.
 */
export function isLostTransaction(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    if ((current as { name?: unknown }).name === 'QueryRunnerAlreadyReleasedError') return true;
    current = (current as { originalError?: unknown }).originalError;
  }
  return false;
}

/**
 * Whether an error means the database cannot be reached (down, restarting, the connection cut),
 * as opposed to a fault of the request or the code: then the answer is 503 with Retry-After.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isLostTransaction(error)) return true;
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 8 && !seen.has(current); depth++) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
    // AggregateError (a connect to each address of localhost refused)
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    // TypeORM's driverError, GraphQL's originalError, and what graphql-js wraps a thrown non-Error in
    // (pg rejects a refused connect with a plain object).
    const next = current as {
      originalError?: unknown;
      driverError?: unknown;
      cause?: unknown;
      thrownValue?: unknown;
    };
    current = next.driverError ?? next.originalError ?? next.thrownValue ?? next.cause;
  }
  return false;
}

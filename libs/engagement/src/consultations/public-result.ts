import { DomainError, Result, fail, ok } from '@portal/platform';
import { RateLimitedError } from '../abuse/public-write-guard';

/**
 * Runs an engagement operation and returns its expected failures as a result (for the mutation's
 * union). A rate limit is not an input error: it propagates, so that the request answers HTTP 429
 * with `Retry-After`.
 */
export async function guarded<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (e instanceof RateLimitedError) throw e;
    if (e instanceof DomainError && e.httpStatus !== 500) return fail(e);
    throw e;
  }
}

/** An instant as Vietnamese readers write it (Asia/Ho_Chi_Minh): `14:30 ngày 05/11/2026`. */
export function vietnameseInstant(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600 * 1000).toISOString();
  return `${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

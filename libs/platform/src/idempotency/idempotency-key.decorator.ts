import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestOf } from '../context/ctx.decorator';

/** The header a client names a creating request with, so that a retry is answered, not repeated. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The hidden field an HTML form sends the same key in. */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

/** The key of a request: its `Idempotency-Key` header, else a form's `idempotencyKey` field; null without. */
export function idempotencyKeyOf(req: {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}): string | null {
  const header = req.headers[IDEMPOTENCY_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (value) return value;
  const field = (req.body as Record<string, unknown> | undefined)?.[IDEMPOTENCY_FIELD];
  return typeof field === 'string' && field ? field : null;
}

/** The request's idempotency key, for a resolver or a controller (null without one). */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null => idempotencyKeyOf(requestOf(context)),
);

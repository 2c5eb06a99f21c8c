import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestOf } from '../context/ctx.decorator';

/** The header a client names a creating request with, so that a retry is answered, not repeated. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The request's `Idempotency-Key` header (null without one). */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null => {
    const value = requestOf(context).headers[IDEMPOTENCY_HEADER];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  },
);

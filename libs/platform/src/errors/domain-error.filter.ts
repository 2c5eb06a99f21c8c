import { ArgumentsHost, Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from './domain-error';

/**
 * Expected failures (forbidden, unauthenticated, not found) are answers, not incidents: hand them
 * to the GraphQL error formatter (or as JSON over plain HTTP) without logging a stack trace.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    res.status(error.httpStatus).json({
      errors: [
        {
          message: error.text.en,
          extensions: {
            code: error.code,
            field: error.field,
            messageVi: error.text.vi,
            messageEn: error.text.en,
          },
        },
      ],
    });
    return undefined;
  }
}

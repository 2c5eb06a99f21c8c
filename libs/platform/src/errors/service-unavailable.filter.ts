import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainError } from './domain-error';
import { DomainErrorFilter } from './domain-error.filter';
import {
  SERVICE_UNAVAILABLE_TEXT,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
} from './database-unavailable';
import { PlatformErrorCode } from './platform-error-code';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponseLike {
  headersSent?: boolean;
  status(code: number): HttpResponseLike;
  setHeader(name: string, value: string): void;
  type(value: string): HttpResponseLike;
  send(body: string): void;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a browser shows while the database is away (Vietnamese first). */
function unavailablePage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tạm thời gián đoạn</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>Tạm thời gián đoạn</h1><p>${escapeHtml(SERVICE_UNAVAILABLE_TEXT.vi)}</p><p lang="en">${escapeHtml(SERVICE_UNAVAILABLE_TEXT.en)}</p></main></body></html>`;
}

/**
 * Every error of a plain HTTP route (pages, feeds, files): expected failures as DomainErrorFilter
 * answers them; the database unreachable as 503 with Retry-After (an HTML page for browsers, the
 * GraphQL error shape for the rest); anything else as Nest answers it. GraphQL errors pass through
 * to the GraphQL error formatter, which maps the same cases.
 */
@Catch()
export class ServiceUnavailableFilter extends BaseExceptionFilter {
  private readonly domain = new DomainErrorFilter();

  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (error instanceof DomainError) return this.domain.catch(error, host);
    // As Nest does without a filter: rethrown, for the GraphQL error formatter.
    if (host.getType<string>() === 'graphql') throw error;
    if (!isDatabaseUnavailable(error)) return super.catch(error, host);
    const http = host.switchToHttp();
    const res = http.getResponse<HttpResponseLike>();
    if (res.headersSent) return undefined;
    const accept = String(http.getRequest<HttpRequestLike>().headers.accept ?? '');
    res.status(503);
    res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.setHeader('Cache-Control', 'no-store');
    if (accept.includes('text/html')) {
      res.type('text/html; charset=utf-8').send(unavailablePage());
      return undefined;
    }
    res.type('application/json; charset=utf-8').send(
      JSON.stringify({
        errors: [
          {
            message: SERVICE_UNAVAILABLE_TEXT.en,
            extensions: {
              code: PlatformErrorCode.SERVICE_UNAVAILABLE,
              messageVi: SERVICE_UNAVAILABLE_TEXT.vi,
              messageEn: SERVICE_UNAVAILABLE_TEXT.en,
              retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
            },
          },
        ],
      }),
    );
    return undefined;
  }
}

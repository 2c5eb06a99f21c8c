import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-error';
import {
  SERVICE_UNAVAILABLE_TEXT,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  isLostTransaction,
} from './database-unavailable';
import { PlatformErrorCode } from './platform-error-code';

function findDomainError(error: unknown): DomainError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}

function retryAfterOf(error: DomainError): number | null {
  const value = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? value : null;
}

/**
 * An operation refused for too many requests answers HTTP 429 with `Retry-After`, as any HTTP
 * client expects, not 200 with an error inside; one that found the database unreachable, 503.
 */
export const tooManyRequestsPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: { response: ResponseWithHttp }) {
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        // The database unreachable: 503, and a retry in a few seconds (a proxy may serve a stale copy).
        if (errors?.some((e) => e.extensions?.code === PlatformErrorCode.SERVICE_UNAVAILABLE)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          return;
        }
        const limited = errors?.find((e) => e.extensions?.code === PlatformErrorCode.RATE_LIMITED);
        if (!limited) return;
        response.http.status = 429;
        const seconds = Number(limited.extensions?.retryAfterSeconds ?? 60);
        response.http.headers.set('retry-after', String(Math.max(1, Math.ceil(seconds))));
      },
    };
  },
};

interface ResponseWithHttp {
  http: { status?: number; headers: Map<string, string> };
  body:
    { kind: 'single'; singleResult: { errors?: readonly GraphQLFormattedError[] } } | { kind: 'incremental' };
}

const CLIENT_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
];

/** Errors the platform meant to give (coded, client mistakes, GraphQL's own); anything else is a fault. */
function isExpected(code: unknown, error: unknown): boolean {
  // A lost transaction is answered as the database away, but still logged: it could also be a bug.
  if (findDomainError(error) || (isDatabaseUnavailable(error) && !isLostTransaction(error))) return true;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.includes(code)) return true;
  return error instanceof GraphQLError && !error.originalError;
}

/** A Nest HttpException below 500 thrown by a resolver (a refusal, not a fault). */
function isClientHttpException(error: unknown): boolean {
  const status = (error as { getStatus?: () => unknown } | undefined)?.getStatus?.();
  return typeof status === 'number' && status < 500;
}

function requestIdOf(contextValue: unknown): string | null {
  const id = (contextValue as { req?: { headers?: Record<string, unknown> } } | undefined)?.req?.headers?.[
    'x-request-id'
  ];
  return typeof id === 'string' && id ? id : null;
}

/**
 * An unexpected error is logged once with the request's id and its stack, and its answer carries
 * that id (`extensions.requestId`, as in the `X-Request-Id` header): whoever reports "Internal
 * server error" quotes the id that finds the log line, while the answer shows no SQL and no stack.
 */
export function createUnexpectedErrorPlugin(logger: Pick<Logger, 'error'> = new Logger('GraphQL')) {
  return {
    async requestDidStart({ contextValue }: { contextValue: unknown }) {
      const requestId = requestIdOf(contextValue);
      return {
        async didEncounterErrors({ errors }: { errors: readonly GraphQLError[] }) {
          for (const error of errors) {
            if (isExpected(error.extensions?.code, error) || isClientHttpException(error.originalError))
              continue;
            const cause = error.originalError ?? error;
            const at = error.path ? ` at ${error.path.join('.')}` : '';
            logger.error(
              `Unexpected error${at} (request ${requestId ?? 'unknown'}): ${cause.message}`,
              cause.stack,
            );
          }
        },
        async willSendResponse({ response }: { response: ResponseWithHttp }) {
          if (!requestId || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some((e) => e.extensions?.code === PlatformErrorCode.INTERNAL_SERVER_ERROR))
            return;
          result.errors = result.errors.map((e) =>
            e.extensions?.code === PlatformErrorCode.INTERNAL_SERVER_ERROR
              ? { ...e, extensions: { ...e.extensions, requestId } }
              : e,
          );
        },
      };
    },
  };
}

// graphql-js ends a validation or coercion message with its guesses: `Did you mean "title"?`,
// `Did you mean the enum value "NEWS"?` (fields, arguments, types, input fields, enum values).
const SUGGESTION = /\s*Did you mean\b[\s\S]*$/;

/**
 * A message without graphql-js's suggestions, which name the schema's fields, arguments, types and
 * enum values: with introspection off (production) they would describe the schema piece by piece.
 * Applied to every message, wherever in it the suggestion sits (a variable's coercion message
 * embeds the value's).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean\b[^?]*\?/g, '').replace(SUGGESTION, '');
}

/**
 * The one place thrown errors become GraphQL errors: coded and translated for DomainErrors,
 * masked for everything unexpected in production (no stack traces, no SQL).
 */
export function createGraphqlErrorFormatter(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const domain = findDomainError(error);
    if (domain) {
      return {
        message: domain.text.en,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: domain.code,
          field: domain.field,
          messageVi: domain.text.vi,
          messageEn: domain.text.en,
          status: domain.httpStatus,
          ...(retryAfterOf(domain) ? { retryAfterSeconds: retryAfterOf(domain) } : {}),
        },
      };
    }
    if (isDatabaseUnavailable(error)) {
      return {
        message: SERVICE_UNAVAILABLE_TEXT.en,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: PlatformErrorCode.SERVICE_UNAVAILABLE,
          messageVi: SERVICE_UNAVAILABLE_TEXT.vi,
          messageEn: SERVICE_UNAVAILABLE_TEXT.en,
          status: 503,
          retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
        },
      };
    }
    const code = formatted.extensions?.code;
    if (isExpected(code, error)) {
      return production
        ? { ...formatted, message: withoutSuggestions(formatted.message), extensions: { code } }
        : formatted;
    }
    if (production) {
      // The request id is added when the response is sent (createUnexpectedErrorPlugin).
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: PlatformErrorCode.INTERNAL_SERVER_ERROR,
          messageVi: 'Lỗi hệ thống. Vui lòng thử lại sau.',
          messageEn: 'Internal server error. Please try again later.',
        },
      };
    }
    return formatted;
  };
}

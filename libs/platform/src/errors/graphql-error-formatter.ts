import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-error';

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
 * client expects, not 200 with an error inside.
 */
export const tooManyRequestsPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: { response: ResponseWithHttp }) {
        const body = response.body;
        const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
        const limited = errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
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
    const code = formatted.extensions?.code;
    const isClientError =
      typeof code === 'string' &&
      [
        'GRAPHQL_PARSE_FAILED',
        'GRAPHQL_VALIDATION_FAILED',
        'BAD_USER_INPUT',
        'BAD_REQUEST',
        'PERSISTED_QUERY_NOT_FOUND',
      ].includes(code);
    if (isClientError || (error instanceof GraphQLError && !error.originalError)) {
      return production ? { ...formatted, extensions: { code } } : formatted;
    }
    if (production) {
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    return formatted;
  };
}

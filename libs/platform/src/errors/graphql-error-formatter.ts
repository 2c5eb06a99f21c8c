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

import { createHash } from 'node:crypto';
import { Kind, OperationDefinitionNode, parse, stripIgnoredCharacters } from 'graphql';

/** What a GraphQL request asks, reduced to what its answer depends on. */
export interface GraphqlRequestParts {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/**
 * The normalised form of a GraphQL read for a cache key: the document without ignored characters
 * (comments, spacing), the operation's name, and only the variables the chosen operation declares
 * (an executor never reads others, so padding a request with unused ones cannot make a new entry).
 * Null when the request is not one the cache should key (no query text, not parseable, not a
 * single query operation): the pipeline answers it, uncached.
 */
export function normaliseGraphqlRead(parts: GraphqlRequestParts): string | null {
  if (typeof parts.query !== 'string' || !parts.query) return null;
  const operationName = typeof parts.operationName === 'string' ? parts.operationName : null;
  let document;
  try {
    document = parse(parts.query, { noLocation: true, maxTokens: 2000 });
  } catch {
    return null;
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation || operation.operation !== 'query') return null;
  const given =
    parts.variables && typeof parts.variables === 'object' && !Array.isArray(parts.variables)
      ? (parts.variables as Record<string, unknown>)
      : {};
  const declared: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (Object.prototype.hasOwnProperty.call(given, name)) declared[name] = given[name];
  }
  return JSON.stringify([stripIgnoredCharacters(parts.query), operationName, declared]);
}

/** A fixed-size digest of the parts of a key (a long request never makes a long key). */
export function digest(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('base64url');
}

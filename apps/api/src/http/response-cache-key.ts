import { Kind, OperationDefinitionNode, parse, stripIgnoredCharacters } from 'graphql';

/** What a GraphQL request asks, reduced to what its answer depends on. */
export interface GraphqlRequestParts {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/** What a document and operation name normalise to: null when the cache should not key it. */
interface NormalDocument {
  readonly text: string;
  readonly declared: readonly string[];
}

/**
 * Documents already normalised (parsing is most of what keying a read costs, and the same few
 * documents come again and again). Bounded by the length of the texts it holds; emptied when full.
 */
const DOCUMENTS = new Map<string, NormalDocument | null>();
const DOCUMENTS_MAX_CHARS = 1 << 20;
let documentChars = 0;

function normalDocument(query: string, operationName: string | null): NormalDocument | null {
  const memoKey = operationName === null ? query : `${operationName}\u0000${query}`;
  const known = DOCUMENTS.get(memoKey);
  if (known !== undefined) return known;
  const found = parseDocument(query, operationName);
  if (documentChars + memoKey.length > DOCUMENTS_MAX_CHARS) {
    DOCUMENTS.clear();
    documentChars = 0;
  }
  DOCUMENTS.set(memoKey, found);
  documentChars += memoKey.length + (found?.text.length ?? 0);
  return found;
}

function parseDocument(query: string, operationName: string | null): NormalDocument | null {
  let document;
  try {
    document = parse(query, { noLocation: true, maxTokens: 2000 });
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
  return {
    text: stripIgnoredCharacters(query),
    declared: (operation.variableDefinitions ?? []).map((d) => d.variable.name.value),
  };
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
  const document = normalDocument(parts.query, operationName);
  if (!document) return null;
  if (!document.declared.length) return JSON.stringify([document.text, operationName]);
  const given =
    parts.variables && typeof parts.variables === 'object' && !Array.isArray(parts.variables)
      ? (parts.variables as Record<string, unknown>)
      : {};
  const declared: Record<string, unknown> = {};
  for (const name of document.declared)
    if (Object.prototype.hasOwnProperty.call(given, name)) declared[name] = given[name];
  return JSON.stringify([document.text, operationName, declared]);
}

/**
 * The key of its parts (header values cannot hold NUL). Not hashed: hashing cost more than the rest
 * of a cached answer, and a key is bounded anyway (request target 2 KB, keyed headers 256 B each,
 * body 8 KB) and counted in the store's bytes.
 */
export function cacheKey(parts: readonly string[]): string {
  return parts.join('\u0000');
}

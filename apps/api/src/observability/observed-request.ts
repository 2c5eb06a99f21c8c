/** What the GraphQL plugin learnt about a request, kept on the request for the request log. */
export interface ObservedGraphql {
  /** The executed operation's name (`(anonymous)` for an unnamed one), once Apollo resolved it. */
  operationName?: string;
  /** The name the client sent, when the operation never resolved (parse or validation failure). */
  requestedName?: string;
  /** `extensions.code` of each error in the response. */
  errorCodes?: string[];
}

const OBSERVED_KEY = 'portalObservedGraphql';

export function observedGraphqlOf(req: object): ObservedGraphql | undefined {
  return (req as Record<string, unknown>)[OBSERVED_KEY] as ObservedGraphql | undefined;
}

export function observeGraphql(req: object): ObservedGraphql {
  const holder = req as Record<string, unknown>;
  return ((holder[OBSERVED_KEY] as ObservedGraphql | undefined) ??= {});
}

const NAMED_OPERATION = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * The operation name a GraphQL request carries, read without parsing: `operationName`, else the
 * first named operation of the document (from a JSON body, or the GET query string).
 */
export function operationNameInRequest(req: { url?: string; body?: unknown }): string | undefined {
  let operationName: unknown;
  let query: unknown;
  if (req.body && typeof req.body === 'object') {
    ({ operationName, query } = req.body as { operationName?: unknown; query?: unknown });
  } else if (req.url?.includes('?')) {
    const params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
    operationName = params.get('operationName');
    query = params.get('query');
  }
  if (typeof operationName === 'string' && operationName) return operationName.slice(0, 100);
  if (typeof query !== 'string') return undefined;
  return NAMED_OPERATION.exec(query.slice(0, 500))?.[1] ?? '(anonymous)';
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the reads of one unit of work (an HTTP request) may go. A scope starts on the primary; the
 * access guard opens it to the replicas once it knows the request is an anonymous read of a portal.
 * Mutable on purpose: the guard runs inside the scope the HTTP layer started, after it began.
 */
export interface ReadScope {
  /** Reads outside a transaction may be answered by a streaming replica. */
  replica: boolean;
  /**
   * The oldest primary state (epoch ms) any replica that answered in this scope is known to have
   * replayed; null when no replica answered. The response cache uses it not to keep an answer
   * older than an invalidation it has already seen.
   */
  replicaStateAsOf: number | null;
}

const storage = new AsyncLocalStorage<ReadScope>();

export function newReadScope(): ReadScope {
  return { replica: false, replicaStateAsOf: null };
}

/** Runs `work` (and everything it starts) in `scope`. */
export function runInReadScope<T>(scope: ReadScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope the current code runs in; undefined outside any request (start-up, jobs, CLI). */
export function currentReadScope(): ReadScope | undefined {
  return storage.getStore();
}

/**
 * Lets the current request's reads go to a replica. Only the access guard calls this, for an
 * anonymous query (GraphQL `query`, HTTP GET/HEAD) addressed to a portal: everything else,
 * signed-in callers included, reads the primary (read-your-writes).
 */
export function allowReplicaReads(): void {
  const scope = storage.getStore();
  if (scope) scope.replica = true;
}

/** True when a read without a query runner of its own may go to a replica here. */
export function replicaReadsAllowed(): boolean {
  return storage.getStore()?.replica === true;
}

/**
 * Runs `work` with every read on the primary, whatever the request. For what is kept beyond the
 * request (in-process caches filled on demand) and for a citizen reading back their own write.
 */
export function readFromPrimary<T>(work: () => T): T {
  // Outside a scope every read already goes to the primary.
  return storage.getStore() ? storage.run(newReadScope(), work) : work();
}

/** The configuration and the records of bench/ops/load-client.ts (shared with the benchmarks that read them). */
export interface LoadClientConfig {
  ports: number[];
  hosts: string[];
  sections: Array<{ host: string; categoryId: string }>;
  slugs: Array<{ host: string; slug: string }>;
  writeTargets: Array<{ host: string; tenantId: string; categoryId: string }>;
  accounts: Record<'writer' | 'member' | 'head', { username: string; password: string }>;
  /** Concurrent read loops (each sends its next request when the last one answered). */
  readConnections: number;
  /** Share of GraphQL reads made uncacheable by an operation name of their own. */
  uncachedShare: number;
  /** Concurrent editorial flows, and their pause between two steps. */
  writers: number;
  thinkMs: number;
  askPerSecond: number;
  ackFile: string;
  failTimeoutMs: number;
  requestTimeoutMs: number;
}

export type Kind = 'cached' | 'uncached' | 'feed' | 'write' | 'ask';
export const KINDS: Kind[] = ['cached', 'uncached', 'feed', 'write', 'ask'];

/** One 100 ms bucket: per kind [ok, errors, latencies in ms]. */
export interface Bucket {
  t: number;
  k: Record<Kind, [number, number, number[]]>;
  /** Errors by class (`net:ECONNRESET`, `http:500`, `gql:INTERNAL_SERVER_ERROR`, `input:INVALID_TRANSITION`). */
  e: Record<string, number>;
  /** Successful answers per instance. */
  s: number[];
  /** Requests moved to another instance after a connection error. */
  f: number;
}

export interface Ack {
  op: 'create' | 'edit' | 'transition' | 'ask';
  at: number;
  itemId?: string;
  revisionId?: string;
  action?: string;
  trackingCode?: string;
}

import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LabelBudget } from './label-budget';

/** Distinct GraphQL operation names (and error codes) kept as label values; the rest are `other`. */
export const MAX_OPERATION_LABELS = 300;

/**
 * This process's metrics: a registry of its own (not prom-client's global one), so each api
 * instance is scraped on its own and two apps in one test process do not mix their figures.
 * Holds the process metrics (RSS, heap, event loop lag, GC) and the request series; collectors
 * for the database pool, the job queues and caches register on `registry`.
 */
export class PortalMetrics {
  readonly registry = new Registry();
  readonly operations = new LabelBudget(MAX_OPERATION_LABELS);
  readonly errorCodes = new LabelBudget(MAX_OPERATION_LABELS);

  /** Latency of every HTTP request, by GraphQL operation (empty for other routes), route and status class. */
  readonly requestDuration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'HTTP request latency by GraphQL operation name (empty outside GraphQL), route and status class',
    labelNames: ['operation', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** GraphQL errors sent to clients, by error code. */
  readonly graphqlErrors = new Counter({
    name: 'portal_graphql_errors_total',
    help: 'GraphQL errors in responses, by extensions.code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  /** Responses with a 5xx status. */
  readonly serverErrors = new Counter({
    name: 'portal_http_server_errors_total',
    help: 'HTTP responses with a 5xx status, by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The text exposition format. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

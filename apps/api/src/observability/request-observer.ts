import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  APP_CONFIG,
  AppConfig,
  PortalMetrics,
  REQUEST_CONTEXT_KEY,
  RequestContext,
  RequestTenant,
  platformLogger,
  platformRequestLineLogger,
} from '@portal/platform';
import { HostRoutingService, routedTenantOf } from '@portal/tenancy';
import { MetricsAccess } from './metrics-access';
import { observedGraphqlOf, operationNameInRequest } from './observed-request';

type Request = IncomingMessage & { body?: unknown; route?: { path?: unknown }; baseUrl?: string };

const GRAPHQL_PATH = /^(?:\/en)?\/graphql$/;
/** Probes answered many times a minute: logged at debug when they succeed. */
const PROBE_PATH = /^\/(?:health\/|metrics$)/;
/** An incoming request id is taken (from a trusted proxy) only if it is short and plain. */
const REQUEST_ID = /^[\w.:@+=/-]{1,100}$/;

function firstHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(',')[0]?.trim() || undefined;
}

/**
 * The outermost layer of the api's HTTP server (around the response cache, so cached answers count
 * too): gives each request its id, and when it completes writes one JSON log line and records its
 * latency and errors.
 *
 * The request id is the one a trusted proxy sent in `X-Request-Id` (TRUST_PROXY), else a new UUID;
 * it is sent back as `X-Request-Id` and is the RequestContext's id (the guard reads the header this
 * sets). The log line has the path without its query string, the tenant and account when known and,
 * for GraphQL, the operation name — never headers, bodies or variables.
 */
@Injectable()
export class RequestObserver {
  private readonly logger: Logger;
  /** The request line's logger: fields chosen here, nothing to redact. */
  private readonly lineLogger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: PortalMetrics,
    private readonly routing: HostRoutingService,
    private readonly metricsAccess: MetricsAccess,
  ) {
    this.logger = platformLogger(config).child({ context: 'Http' });
    this.lineLogger = platformRequestLineLogger(config).child({ context: 'Http' });
  }

  /** Wraps the server's request handler (call after every other wrapper: this one must be outermost). */
  install(server: Server): void {
    const [next] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.observe(req, res, next));
  }

  private observe(
    req: IncomingMessage,
    res: ServerResponse,
    next: (req: IncomingMessage, res: ServerResponse) => void,
  ): void {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const path = url.split('?')[0].slice(0, 512);
    const incoming = this.config.trustProxy ? req.headers['x-request-id'] : undefined;
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    this.metricsAccess.takeCredential(req);
    res.once('close', () => {
      try {
        this.complete(req as Request, res, path, requestId, started);
      } catch (error) {
        this.logger.error({ err: error, requestId }, 'request log failed');
      }
    });
    next(req, res);
  }

  private complete(
    req: Request,
    res: ServerResponse,
    path: string,
    requestId: string,
    started: bigint,
  ): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const finished = res.writableFinished;
    const status = res.statusCode;
    const graphql = GRAPHQL_PATH.test(path);
    const cacheHit = res.getHeader('x-cache') === 'HIT';
    const observed = observedGraphqlOf(req);
    const operationName = graphql
      ? (observed?.operationName ?? observed?.requestedName ?? operationNameInRequest(req))
      : undefined;
    const route = graphql ? '/graphql' : this.routeOf(req);

    // Metrics: only names Apollo resolved (or that a cached answer proves it once did) become labels.
    const operationLabel = graphql
      ? observed?.operationName || (cacheHit && operationName)
        ? this.metrics.operations.label((observed?.operationName ?? operationName)!)
        : '(unresolved)'
      : '';
    const statusClass = finished ? `${Math.floor(status / 100)}xx` : 'aborted';
    this.metrics.requestDuration.observe(
      { operation: operationLabel, route, status_class: statusClass },
      seconds,
    );
    for (const code of observed?.errorCodes ?? [])
      this.metrics.graphqlErrors.inc({
        operation: operationLabel,
        code: this.metrics.errorCodes.label(code),
      });
    if (finished && status >= 500) this.metrics.serverErrors.inc({ route, status: String(status) });

    // 503 is also an answer by design (a suspended portal, a database not ready): a warning.
    const level =
      status >= 500 && status !== 503
        ? 'error'
        : status === 503
          ? 'warn'
          : PROBE_PATH.test(path) && status < 400
            ? 'debug'
            : 'info';
    if (!this.lineLogger.isLevelEnabled(level)) return;
    const ctx = (req as unknown as Record<string, unknown>)[REQUEST_CONTEXT_KEY] as
      RequestContext | undefined;
    const tenant: RequestTenant | null =
      ctx?.tenant ?? routedTenantOf(req) ?? (cacheHit ? this.tenantOfHost(req) : null);
    const host = this.hostOf(req);
    this.lineLogger[level](
      {
        requestId,
        method: req.method,
        path,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(host ? { host: host.slice(0, 255) } : {}),
        ...(tenant ? { tenant: { id: tenant.id, host: tenant.primaryHost } } : {}),
        ...(ctx?.accountId ? { user: { id: ctx.accountId } } : {}),
        ...(operationName ? { operationName } : {}),
        ...(observed?.errorCodes?.length ? { graphqlErrors: observed.errorCodes } : {}),
        ...(cacheHit ? { cache: 'hit' } : {}),
        ...(finished ? {} : { aborted: true }),
        ip: this.clientAddress(req),
      },
      'request completed',
    );
  }

  /** The route pattern Express matched (bounded, unlike the path); `(none)` when none did. */
  private routeOf(req: Request): string {
    const pattern = req.route?.path;
    return typeof pattern === 'string' ? `${req.baseUrl ?? ''}${pattern}` : '(none)';
  }

  private hostOf(req: Request): string | undefined {
    const forwarded = this.config.trustProxy ? firstHeader(req.headers['x-forwarded-host']) : undefined;
    return forwarded ?? req.headers.host;
  }

  private tenantOfHost(req: Request): RequestTenant | null {
    const resolved = this.routing.resolve(this.hostOf(req));
    return resolved.type === 'serve' ? resolved.tenant : null;
  }

  /** As Express computes `req.ip` with `trust proxy` on: the first X-Forwarded-For entry. */
  private clientAddress(req: Request): string | undefined {
    const forwarded = this.config.trustProxy ? firstHeader(req.headers['x-forwarded-for']) : undefined;
    return forwarded ?? req.socket.remoteAddress;
  }
}

import { ExecutionContext, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ReadScope, newReadScope, runInReadScope } from '../database/read-routing';

const READ_SCOPE_KEY = Symbol('portalReadScope');

/** The read scope of an HTTP request (for the response cache), if the middleware gave it one. */
export function readScopeOf(req: object): ReadScope | undefined {
  return (req as Record<symbol, ReadScope | undefined>)[READ_SCOPE_KEY];
}

/**
 * Gives every request its read scope, on the primary until the access guard opens it to the
 * replicas; everything the request does runs inside it (AsyncLocalStorage). Without replicas it
 * does nothing (no scope: every read goes to the primary, and AsyncLocalStorage stays unused).
 */
@Injectable()
export class ReadScopeMiddleware implements NestMiddleware {
  private readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.databaseReplicas.urls.length > 0;
  }

  use(req: object, _res: unknown, next: () => void): void {
    if (!this.enabled) return next();
    const scope = newReadScope();
    (req as Record<symbol, ReadScope>)[READ_SCOPE_KEY] = scope;
    runInReadScope(scope, next);
  }
}

/** Whether the handler only reads: a GraphQL `query` operation, or an HTTP GET or HEAD. */
export function isReadOperation(context: ExecutionContext): boolean {
  if (context.getType<string>() === 'graphql')
    return (
      GqlExecutionContext.create(context).getInfo<{ operation?: { operation?: string } }>()?.operation
        ?.operation === 'query'
    );
  const method = context.switchToHttp().getRequest<{ method?: string }>().method;
  return method === 'GET' || method === 'HEAD';
}

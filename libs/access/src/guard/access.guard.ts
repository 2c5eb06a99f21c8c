import { randomUUID } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ACCESS_METADATA,
  AccessDeclaration,
  Actor,
  forbidden,
  Locale,
  REQUEST_CONTEXT_KEY,
  RequestContext,
  UnauthenticatedError,
  allowReplicaReads,
  isReadOperation,
  requestOf,
} from '@portal/platform';
import { routedTenantOf } from '@portal/tenancy';
import { JwtAuthGuard } from '@portal/identity';
import { AbilityFactory } from '../abilities/ability.factory';
import { AccessErrors } from '../errors/access-errors';

type HttpRequest = Record<string, unknown> & {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  query?: Record<string, unknown>;
};

function localeOf(req: HttpRequest): Locale {
  const explicit = req.headers['x-portal-locale'];
  if (explicit === 'en' || explicit === 'vi') return explicit;
  const accept = String(req.headers['accept-language'] ?? '');
  return /^en\b/i.test(accept.trim()) ? 'en' : 'vi';
}

/**
 * The global guard. Deny by default: a handler without @Public, @Authenticated or @CheckAbility is
 * refused. It authenticates a bearer token (passport JWT), builds the request's ability from live
 * role assignments, and puts one immutable RequestContext on the request for @Ctx().
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtAuthGuard,
    private readonly abilities: AbilityFactory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!declaration) throw AccessErrors.undeclared();
    const req = requestOf(context) as HttpRequest;
    // One context per request, even when an operation selects several root fields.
    let ctx = req[REQUEST_CONTEXT_KEY] as RequestContext | undefined;
    if (!ctx) {
      ctx = await this.buildContext(context, req);
      req[REQUEST_CONTEXT_KEY] = ctx;
      // Read-your-writes: only an anonymous read of a portal may be answered by a replica (which
      // may be a moment behind); signed-in callers, public writes (login, questions) and
      // everything without a portal read the primary.
      if (ctx.actor.type === 'anonymous' && ctx.tenant && isReadOperation(context)) allowReplicaReads();
    }
    switch (declaration.kind) {
      case 'public':
        return true;
      case 'authenticated':
        if (ctx.actor.type === 'anonymous') throw new UnauthenticatedError();
        return true;
      case 'ability':
        if (ctx.actor.type === 'anonymous') throw new UnauthenticatedError();
        // Coarse check: the caller holds the action somewhere. The service checks the concrete row.
        if (!ctx.ability.can(declaration.action, declaration.subject as never))
          throw forbidden(declaration.action, declaration.subject);
        return true;
    }
  }

  private async buildContext(context: ExecutionContext, req: HttpRequest): Promise<RequestContext> {
    let actor: Actor = { type: 'anonymous' };
    if (req.headers.authorization) {
      await this.jwt.canActivate(context);
      actor = req.user as Actor;
    }
    const requestId =
      typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 100
        ? req.headers['x-request-id']
        : randomUUID();
    return new RequestContext({
      requestId,
      tenant: routedTenantOf(req),
      actor,
      ability: await this.abilities.forActor(actor),
      locale: localeOf(req),
      ip: req.ip ?? null,
    });
  }
}

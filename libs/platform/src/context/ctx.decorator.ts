import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from './request-context';

export const REQUEST_CONTEXT_KEY = 'portalContext';

/** Reads the request's RequestContext, built by the global access guard. */
export function requestOf(
  context: ExecutionContext,
): Record<string, unknown> & { headers: Record<string, string | string[] | undefined> } {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const ctx = requestOf(context)[REQUEST_CONTEXT_KEY] as RequestContext | undefined;
  if (!ctx) throw new Error('RequestContext missing: the access guard did not run for this handler');
  return ctx;
});

import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, requestOf } from '@portal/platform';
import { IdentityErrors } from '../errors/identity-errors';

/**
 * Runs the passport JWT strategy on a request that carries a bearer token. Used by the access
 * guard; requests without a token never reach it (they are anonymous).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof DomainError) throw err;
    // Anything else thrown while checking the session (the database unreachable) is the server's
    // failure, not the token's: answering "invalid token" would make clients sign their users out.
    if (err) throw err;
    if (!user) throw IdentityErrors.invalidAccessToken();
    return user;
  }
}

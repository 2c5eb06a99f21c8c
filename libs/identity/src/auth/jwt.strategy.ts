import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig, Actor, UnauthenticatedError, systemContext } from '@portal/platform';
import { AccessTokenClaims, SessionService } from '../sessions/session.service';
import { IdentityErrors } from '../errors/identity-errors';

/** The check of a bearer token runs before the request has a context (it decides its actor). */
const SESSION_CHECK = systemContext('session-check');

/** Bearer access tokens. A token whose session was revoked (logout, suspension) stops working at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string')
      throw new UnauthenticatedError();
    const live = await this.sessions.isLive(SESSION_CHECK, claims.sid, claims.sub);
    if (!live) {
      throw IdentityErrors.sessionRevoked();
    }
    return {
      type: 'account',
      accountId: claims.sub,
      sessionId: claims.sid,
      username: live.username,
      isPlatformAdmin: live.isPlatformAdmin,
    };
  }
}

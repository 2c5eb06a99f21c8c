import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig, Ctx, DomainError, Public, RequestContext } from '@portal/platform';
import { IssuedTokens, LoginService, SessionService } from '@portal/identity';
import { CONSOLE_PATH } from './console-path';
import { mediaCookie, readCookie, signMediaGrant } from './console-media';

/** The refresh token's cookie: only the console's path on the host that set it ever sends it. */
export const REFRESH_COOKIE = 'portal_console_refresh';

const problem = (
  res: Response,
  status: number,
  error: { code: string; field: string | null; vi: string; en: string },
) =>
  res.status(status).json({
    error: { errorCode: error.code, field: error.field, messageVi: error.vi, messageEn: error.en },
  });

const fromDomain = (res: Response, e: DomainError) =>
  problem(res, e.httpStatus, { code: e.code, field: e.field ?? null, vi: e.text.vi, en: e.text.en });

/**
 * The console's sessions: the access token goes to the page (kept in memory only), the refresh token
 * into an `HttpOnly; Secure; SameSite=Strict` cookie scoped to `/quan-tri/` of this host, so no
 * script can read it and no other site's page can make the browser send it. Sign-in, rotation (with
 * the reuse detection of SessionService) and sign-out are the same as over GraphQL.
 */
@Controller(`${CONSOLE_PATH}/session`)
export class ConsoleSessionController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  async login(
    @Ctx() ctx: RequestContext,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: { username?: unknown; password?: unknown },
  ): Promise<void> {
    if (!this.sameOriginJson(req, res)) return;
    const tenant = ctx.requireTenant();
    const result = await this.logins.login(
      ctx,
      typeof body?.username === 'string' ? body.username : '',
      typeof body?.password === 'string' ? body.password : '',
    );
    if (!result.ok) return void fromDomain(res, result.error);
    this.answer(res, result.value, result.value.accountId, tenant.id);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  async refresh(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.sameOriginJson(req, res)) return;
    const tenant = ctx.requireTenant();
    const token = readCookie(req, REFRESH_COOKIE);
    try {
      if (!token)
        throw new DomainError(
          'INVALID_REFRESH_TOKEN',
          { vi: 'Chưa đăng nhập.', en: 'Not signed in.' },
          null,
          401,
        );
      const { accountId, tokens } = await this.sessions.rotate(ctx, token);
      this.answer(res, tokens, accountId, tenant.id);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      this.clear(res);
      fromDomain(res, e);
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(200)
  async logout(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.sameOriginJson(req, res)) return;
    const token = readCookie(req, REFRESH_COOKIE);
    if (token) await this.sessions.revokeByRefreshToken(ctx, token, 'LOGOUT');
    this.clear(res);
    res.json({ ok: true });
  }

  private answer(res: Response, tokens: IssuedTokens, accountId: string, tenantId: string): void {
    const maxAge = Math.max(0, Math.floor((tokens.refreshTokenExpiresAt.getTime() - Date.now()) / 1000));
    // The images of drafts are loaded by the browser itself (an <img> sends no bearer token): a
    // grant for this session, this portal's host and the access token's lifetime, in a cookie only
    // the console's media path receives (console-media.controller.ts).
    const expires = Math.floor(tokens.accessTokenExpiresAt.getTime() / 1000);
    const media = signMediaGrant(this.config.jwtSecret, {
      accountId,
      sessionId: tokens.sessionId,
      tenantId,
      expires,
    });
    res.setHeader('Set-Cookie', [
      this.cookie(tokens.refreshToken, maxAge),
      mediaCookie(media, Math.max(0, expires - Math.floor(Date.now() / 1000))),
    ]);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
      accountId,
    });
  }

  private clear(res: Response): void {
    res.setHeader('Set-Cookie', [this.cookie('', 0), mediaCookie('', 0)]);
  }

  private cookie(value: string, maxAge: number): string {
    return `${REFRESH_COOKIE}=${encodeURIComponent(value)}; Path=${CONSOLE_PATH}/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
  }

  /**
   * Defence in depth beside SameSite=Strict: a JSON body (a cross-site form cannot send one without a
   * preflight) and, when the browser names it, an Origin of this very host.
   */
  private sameOriginJson(req: Request, res: Response): boolean {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const origin = req.headers.origin;
    const host = String(req.headers.host ?? '');
    const originOk = !origin || origin.replace(/^https?:\/\//, '') === host;
    if (type === 'application/json' && originOk) return true;
    problem(res, 403, {
      code: 'FORBIDDEN_ORIGIN',
      field: null,
      vi: 'Yêu cầu không đến từ trang quản trị của cổng này.',
      en: 'The request does not come from this portal’s console.',
    });
    return false;
  }
}

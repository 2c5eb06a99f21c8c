import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  decodeCursor,
  encodeCursor,
  fail,
  isUuid,
  ok,
  pageSize,
} from '@portal/platform';
import { HostRoutingService, TenantStatus } from '@portal/tenancy';
import { AccountEntity, AccountStatus } from './account.entity';
import { AccountRepository } from './account.repository';
import { SessionService } from '../sessions/session.service';
import { hashPassword, passwordProblem } from '../auth/password-hasher';
import { IdentityErrors } from '../errors/identity-errors';

export interface CreateAccountCommand {
  tenantId: string;
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,62}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function snapshot(a: AccountEntity) {
  return {
    username: a.username,
    displayName: a.displayName,
    email: a.email,
    status: a.status,
    tenantId: a.tenantId,
  };
}

/** Accounts of a portal, managed by its operators (or an ancestor's, with subtree scope). */
@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly tx: TransactionRunner,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
  ) {}

  async create(
    ctx: RequestContext,
    command: CreateAccountCommand,
    options: { platformAdmin?: boolean } = {},
  ): Promise<Result<AccountEntity>> {
    const tenant = isUuid(command.tenantId) ? this.routing.tenant(command.tenantId) : null;
    if (!tenant || (tenant.status !== TenantStatus.ACTIVE && tenant.status !== TenantStatus.SUSPENDED)) {
      return fail(IdentityErrors.tenantNotFound());
    }
    assertCan(ctx, 'create', 'Account', { tenantId: tenant.id, tenantPath: tenant.path });
    const username = (command.username ?? '').trim().toLowerCase();
    const displayName = (command.displayName ?? '').normalize('NFC').trim();
    const email = command.email?.trim().toLowerCase() || null;
    if (!USERNAME.test(username)) {
      return fail(IdentityErrors.invalidUsername());
    }
    if (!displayName || displayName.length > 200) return fail(IdentityErrors.invalidDisplayName());
    if (email && !EMAIL.test(email)) return fail(IdentityErrors.invalidEmail());
    const problem = passwordProblem(command.password ?? '', username);
    if (problem) return fail(IdentityErrors.weakPassword(problem));
    const passwordHash = await hashPassword(command.password);
    try {
      const account = await this.tx.run(ctx, async (tx) => {
        const now = new Date();
        const entity = Object.assign(new AccountEntity(), {
          id: randomUUID(),
          tenantId: command.tenantId,
          username,
          displayName,
          email,
          passwordHash,
          status: AccountStatus.ACTIVE,
          isPlatformAdmin: options.platformAdmin ?? false,
          createdAt: now,
          updatedAt: now,
          suspendedAt: null,
        });
        await this.accounts.insert(tx, entity);
        await this.audit.record(tx, {
          tenantId: entity.tenantId,
          action: 'account.created',
          subjectType: 'Account',
          subjectId: entity.id,
          after: { ...snapshot(entity), isPlatformAdmin: entity.isPlatformAdmin },
        });
        return entity;
      });
      return ok(account);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') return fail(IdentityErrors.usernameTaken(username));
      throw e;
    }
  }

  /** An account the caller may act on, or null: foreign accounts look exactly like missing ones. */
  findVisible(
    ctx: RequestContext,
    action: 'read' | 'update' | 'suspend',
    id: string,
  ): Promise<AccountEntity | null> {
    return isUuid(id) ? this.accounts.findById(ctx, action, id) : Promise.resolve(null);
  }

  async list(
    ctx: RequestContext,
    filter: { tenantId?: string | null; first?: number | null; after?: string | null },
  ) {
    const limit = pageSize(filter.first);
    const tenantId = filter.tenantId ?? ctx.requireTenant().id;
    if (!isUuid(tenantId)) throw new NotFoundError('Portal', 'tenantId');
    const after = filter.after ? String(decodeCursor(filter.after, 1)[0]) : null;
    const rows = await this.accounts.page(ctx, tenantId, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      nodes: page,
      hasNextPage: rows.length > limit,
      endCursor: page.length ? encodeCursor([page[page.length - 1].username]) : null,
    };
  }

  /** Suspends an account and revokes every session it has, at once (05/2024/QĐ-UBND art. 8). */
  async setStatus(
    ctx: RequestContext,
    id: string,
    status: AccountStatus,
    reason: string | null,
  ): Promise<Result<AccountEntity & { sessionsRevoked?: number }>> {
    const account = await this.findVisible(ctx, 'suspend', id);
    if (!account) return fail(new NotFoundError('Account', 'accountId'));
    if (account.id === ctx.accountId) {
      return fail(IdentityErrors.cannotChangeOwnStatus());
    }
    if (account.status === status) return ok(account);
    const updated = await this.tx.run(ctx, async (tx) => {
      const now = new Date();
      const changes = {
        status,
        updatedAt: now,
        suspendedAt: status === AccountStatus.SUSPENDED ? now : null,
      };
      await this.accounts.update(tx, account.id, changes);
      const revoked =
        status === AccountStatus.SUSPENDED
          ? await this.sessions.revokeAllForAccount(tx, account.id, 'ACCOUNT_SUSPENDED')
          : 0;
      await this.audit.record(tx, {
        tenantId: account.tenantId,
        action: status === AccountStatus.SUSPENDED ? 'account.suspended' : 'account.reactivated',
        subjectType: 'Account',
        subjectId: account.id,
        before: { status: account.status },
        after: { status, reason, sessionsRevoked: revoked },
      });
      return Object.assign(
        account,
        changes,
        status === AccountStatus.SUSPENDED ? { sessionsRevoked: revoked } : {},
      );
    });
    return ok(updated);
  }

  /** Any portal's account by username, for the platform's own work (the command line). */
  byUsername(ctx: RequestContext, username: string): Promise<AccountEntity | null> {
    return this.accounts.byUsername(ctx, username);
  }

  async me(ctx: RequestContext): Promise<AccountEntity | null> {
    if (!ctx.accountId) return null;
    return this.accounts.own(ctx, ctx.accountId);
  }
}

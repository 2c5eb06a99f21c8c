import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  can,
  fail,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, TenantStatus } from '@portal/tenancy';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { RoleAssignmentRepository } from './role-assignment.repository';
import { ROLES, Role, RoleScope } from './role';
import { AccessErrors } from '../errors/access-errors';

export interface GrantRoleCommand {
  accountId: string;
  tenantId: string;
  role: Role;
  scope?: RoleScope | null;
  fields?: string[] | null;
  validFrom?: Date | null;
  validTo?: Date | null;
}

/**
 * Grants and revokes roles. Whether the caller may grant (role, scope) on a tenant is a CASL rule
 * like any other (see role-rules.ts), so nobody can hand out more than their own rules allow.
 */
@Injectable()
export class RoleAssignmentService {
  constructor(
    private readonly assignments: RoleAssignmentRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
  ) {}

  async grant(ctx: RequestContext, command: GrantRoleCommand): Promise<Result<RoleAssignmentEntity>> {
    const tenant = isUuid(command.tenantId) ? this.routing.tenant(command.tenantId) : null;
    if (!tenant || (tenant.status !== TenantStatus.ACTIVE && tenant.status !== TenantStatus.SUSPENDED)) {
      return fail(AccessErrors.tenantNotFound());
    }
    if (!ROLES.includes(command.role)) return fail(AccessErrors.invalidRole());
    const scope = command.scope ?? RoleScope.TENANT;
    assertCan(ctx, 'grant', 'RoleAssignment', {
      tenantId: tenant.id,
      tenantPath: tenant.path,
      role: command.role,
      scope,
    });
    if (command.accountId === ctx.accountId) {
      // Separation of duties: an operator must not make itself board head and approve its own items.
      return fail(AccessErrors.cannotGrantSelf());
    }
    const validFrom = command.validFrom ?? new Date();
    const validTo = command.validTo ?? null;
    if (Number.isNaN(validFrom.getTime())) return fail(AccessErrors.invalidValidFrom());
    if (validTo && (Number.isNaN(validTo.getTime()) || validTo <= validFrom)) {
      return fail(AccessErrors.invalidPeriod());
    }
    const fields = [...new Set((command.fields ?? []).map((f) => f.normalize('NFC').trim()).filter(Boolean))];
    return this.tx.run(ctx, async (tx) => {
      const account = isUuid(command.accountId)
        ? await this.assignments.account(tx, command.accountId)
        : null;
      if (!account) return fail(AccessErrors.accountNotFound());
      const entity = Object.assign(new RoleAssignmentEntity(), {
        id: randomUUID(),
        accountId: account.id,
        tenantId: tenant.id,
        role: command.role,
        scope,
        fields,
        validFrom,
        validTo,
        grantedBy: ctx.accountId,
        createdAt: new Date(),
        revokedAt: null,
        revokedBy: null,
      });
      await this.assignments.insert(tx, entity);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'role.granted',
        subjectType: 'RoleAssignment',
        subjectId: entity.id,
        after: {
          accountId: account.id,
          username: account.username,
          role: entity.role,
          scope,
          fields,
          validFrom,
          validTo,
        },
      });
      return ok(entity);
    });
  }

  async revoke(ctx: RequestContext, assignmentId: string): Promise<Result<RoleAssignmentEntity>> {
    const assignment = isUuid(assignmentId)
      ? await this.assignments.findById(ctx, 'read', assignmentId)
      : null;
    const tenant = assignment ? this.routing.tenant(assignment.tenantId) : null;
    if (!assignment || !tenant) return fail(new NotFoundError('RoleAssignment', 'assignmentId'));
    assertCan(ctx, 'revoke', 'RoleAssignment', {
      tenantId: tenant.id,
      tenantPath: tenant.path,
      role: assignment.role,
      scope: assignment.scope,
    });
    if (assignment.revokedAt) return ok(assignment);
    return this.tx.run(ctx, async (tx) => {
      const changes = { revokedAt: new Date(), revokedBy: ctx.accountId };
      await this.assignments.markRevoked(tx, assignment.id, changes);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'role.revoked',
        subjectType: 'RoleAssignment',
        subjectId: assignment.id,
        before: {
          accountId: assignment.accountId,
          role: assignment.role,
          scope: assignment.scope,
          revokedAt: null,
        },
        after: { revokedAt: changes.revokedAt, revokedBy: changes.revokedBy },
      });
      return ok(Object.assign(assignment, changes));
    });
  }

  /** Assignments the caller may see, of one portal or one account. */
  list(
    ctx: RequestContext,
    filter: { tenantId?: string | null; accountId?: string | null; includeRevoked?: boolean | null },
  ): Promise<RoleAssignmentEntity[]> {
    return this.assignments.list(ctx, filter);
  }

  /** The caller's own assignments: everyone may see what they hold, on every portal. */
  mine(ctx: RequestContext): Promise<RoleAssignmentEntity[]> {
    if (!ctx.accountId) return Promise.resolve([]);
    return this.assignments.mine(ctx, ctx.accountId);
  }

  canGrant(ctx: RequestContext, tenantId: string, role: Role, scope: RoleScope): boolean {
    const tenant = this.routing.tenant(tenantId);
    return (
      !!tenant && can(ctx, 'grant', 'RoleAssignment', { tenantId, tenantPath: tenant.path, role, scope })
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppAction,
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  UnscopedReads,
  isUuid,
} from '@portal/platform';
import { AccountEntity } from '@portal/identity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import type { LiveAssignment } from '../abilities/role-rules';

/**
 * Role assignments in the database: read through the scoped repository, written in the context's
 * transaction. Two reads reach past the request's portal, and say why: the caller's own
 * assignments, and the live assignments an ability is built from.
 */
@Injectable()
export class RoleAssignmentRepository {
  private readonly assignments: ScopedRepository<RoleAssignmentEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly dataSource: DataSource,
    private readonly reads: UnscopedReads,
  ) {
    this.assignments = scoped.for(RoleAssignmentEntity, 'RoleAssignment');
  }

  findById(ctx: RequestContext, action: AppAction, id: string): Promise<RoleAssignmentEntity | null> {
    return this.assignments.findById(ctx, action, id);
  }

  /** Assignments the context may read, of one portal or one account, oldest first (at most 500). */
  list(
    ctx: RequestContext,
    filter: { tenantId?: string | null; accountId?: string | null; includeRevoked?: boolean | null },
  ): Promise<RoleAssignmentEntity[]> {
    const qb = this.assignments.query(ctx, 'read');
    if (filter.tenantId)
      qb.andWhere('row.tenant_id = :tenantId', {
        tenantId: isUuid(filter.tenantId) ? filter.tenantId : null,
      });
    if (filter.accountId)
      qb.andWhere('row.account_id = :accountId', {
        accountId: isUuid(filter.accountId) ? filter.accountId : null,
      });
    if (!filter.includeRevoked) qb.andWhere('row.revoked_at IS NULL');
    return qb.orderBy('row.created_at', 'ASC').addOrderBy('row.id', 'ASC').limit(500).getMany();
  }

  /** The account a role is granted to (accounts belong to no portal). */
  account(ctx: RequestContext, id: string): Promise<AccountEntity | null> {
    return this.manager(ctx).findOne(AccountEntity, { where: { id } });
  }

  async insert(ctx: RequestContext, assignment: RoleAssignmentEntity): Promise<void> {
    await this.manager(ctx).insert(RoleAssignmentEntity, assignment);
  }

  async markRevoked(
    ctx: RequestContext,
    id: string,
    changes: { revokedAt: Date; revokedBy: string | null },
  ): Promise<void> {
    await this.manager(ctx).update(RoleAssignmentEntity, { id }, changes);
  }

  /** The caller's own assignments on every portal, oldest first. */
  mine(ctx: RequestContext, accountId: string): Promise<RoleAssignmentEntity[]> {
    return this.reads
      .systemWide(ctx, 'everyone may see the roles they hold, on whichever portals they hold them')
      .manager.find(RoleAssignmentEntity, { where: { accountId }, order: { createdAt: 'ASC' } });
  }

  /** Assignments in force now: not revoked, inside their validity window, on a live portal. */
  async live(ctx: RequestContext, accountId: string): Promise<LiveAssignment[]> {
    const rows = await this.reads
      .systemWide(ctx, "an actor's roles on every portal make the ability its request context carries")
      .query<{
        tenant_id: string;
        path: string;
        role: LiveAssignment['role'];
        scope: LiveAssignment['scope'];
        fields: string[];
      }>(
        `SELECT ra.tenant_id, t.path::text AS path, ra.role, ra.scope, ra.fields
           FROM role_assignments ra JOIN tenants t ON t.id = ra.tenant_id
          WHERE ra.account_id = $1 AND ra.revoked_at IS NULL
            AND ra.valid_from <= now() AND (ra.valid_to IS NULL OR ra.valid_to > now())
            AND t.status IN ('ACTIVE', 'SUSPENDED')`,
        [accountId],
      );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      tenantPath: r.path,
      role: r.role,
      scope: r.scope,
      fields: r.fields,
    }));
  }

  private manager(ctx: RequestContext) {
    return ctx.manager ?? this.dataSource.manager;
  }
}

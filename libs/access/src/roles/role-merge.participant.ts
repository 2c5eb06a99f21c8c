import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@portal/audit';
import { RequestContext, can } from '@portal/platform';
import {
  MergeContext,
  MergeParticipant,
  MergeParticipants,
  MergeScope,
  MergeTenant,
  RoleMappingAction,
  RoleMappingProposal,
} from '@portal/tenancy';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { AccessErrors } from '../errors/access-errors';

type LiveRow = RoleAssignmentEntity & { username: string };

const sameRole = (a: Pick<RoleAssignmentEntity, 'accountId' | 'role' | 'scope' | 'fields'>) =>
  [a.accountId, a.role, a.scope, [...a.fields].sort().join('\u0001')].join('|');

/**
 * The roles share of a merge. Each live assignment of a source is moved (re-created on the target
 * with the same role, scope, fields and validity, then revoked on the source as `revokeRole` does)
 * or revoked, as the confirmed plan says; an account that already holds the same live role on the
 * target keeps that one (a duplicate). Moving needs the right to grant that role on the target.
 */
@Injectable()
export class RoleMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'roles';

  constructor(
    private readonly participants: MergeParticipants,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async proposeRoleMapping(
    tx: RequestContext,
    m: EntityManager,
    scope: MergeScope,
  ): Promise<RoleMappingProposal[]> {
    const rows = await this.live(m, scope.sources);
    const held = new Set((await this.live(m, [scope.target])).map(sameRole));
    return rows.map((r) => {
      const action = this.mayGrant(tx, scope.target, r) ? RoleMappingAction.MOVE : RoleMappingAction.REVOKE;
      const duplicate = held.has(sameRole(r));
      if (action === RoleMappingAction.MOVE) held.add(sameRole(r));
      return {
        assignmentId: r.id,
        action,
        sourceTenantId: r.tenantId,
        accountId: r.accountId,
        username: r.username,
        role: r.role,
        scope: r.scope,
        fields: r.fields,
        duplicate,
      };
    });
  }

  async validate(tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<void> {
    const live = new Map((await this.live(m, plan.sources)).map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const [i, entry] of plan.plan.roleMapping.entries()) {
      const field = `plan.roleMapping.${i}`;
      const row = live.get(entry.assignmentId);
      if (!row) throw AccessErrors.assignmentNotOfSource(`${field}.assignmentId`);
      if (seen.has(entry.assignmentId)) throw AccessErrors.duplicateMapping(`${field}.assignmentId`);
      seen.add(entry.assignmentId);
      if (entry.action === RoleMappingAction.MOVE && !this.mayGrant(tx, plan.target, row))
        throw AccessErrors.roleNotGrantable(`${field}.action`);
    }
    const missing = [...live.keys()].filter((id) => !seen.has(id)).length;
    if (missing > 0) throw AccessErrors.mergePlanIncomplete(missing);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const { moves, duplicates, revokes } = await this.sort(m, plan);
    return { moved: moves.length, duplicates: duplicates.length, revoked: revokes.length };
  }

  async apply(tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const { moves, duplicates, revokes } = await this.sort(m, plan);
    const now = new Date();
    const revokedBy = tx.accountId;
    for (const row of [...moves, ...duplicates, ...revokes]) {
      await m.update(RoleAssignmentEntity, { id: row.id }, { revokedAt: now, revokedBy });
      await this.audit.record(tx, {
        tenantId: row.tenantId,
        action: 'role.revoked',
        subjectType: 'RoleAssignment',
        subjectId: row.id,
        before: { accountId: row.accountId, role: row.role, scope: row.scope, revokedAt: null },
        after: { revokedAt: now, revokedBy, reason: 'tenant.merged', mergedInto: plan.target.id },
      });
    }
    for (const row of moves) {
      const moved = Object.assign(new RoleAssignmentEntity(), {
        id: randomUUID(),
        accountId: row.accountId,
        tenantId: plan.target.id,
        role: row.role,
        scope: row.scope,
        fields: row.fields,
        validFrom: row.validFrom,
        validTo: row.validTo,
        grantedBy: tx.accountId,
        createdAt: now,
        revokedAt: null,
        revokedBy: null,
      });
      await m.insert(RoleAssignmentEntity, moved);
      await this.audit.record(tx, {
        tenantId: plan.target.id,
        action: 'role.granted',
        subjectType: 'RoleAssignment',
        subjectId: moved.id,
        after: {
          accountId: row.accountId,
          username: row.username,
          role: row.role,
          scope: row.scope,
          fields: row.fields,
          validFrom: row.validFrom,
          validTo: row.validTo,
          movedFrom: row.id,
        },
      });
    }
    return { moved: moves.length, duplicates: duplicates.length, revoked: revokes.length };
  }

  /** The plan's entries as rows: moved, skipped as duplicates of a live role on the target, revoked. */
  private async sort(m: EntityManager, plan: MergeContext) {
    const live = new Map((await this.live(m, plan.sources)).map((r) => [r.id, r]));
    const held = new Set((await this.live(m, [plan.target])).map(sameRole));
    const moves: LiveRow[] = [];
    const duplicates: LiveRow[] = [];
    const revokes: LiveRow[] = [];
    for (const entry of plan.plan.roleMapping) {
      const row = live.get(entry.assignmentId);
      if (!row) continue;
      if (entry.action === RoleMappingAction.REVOKE) revokes.push(row);
      else if (held.has(sameRole(row))) duplicates.push(row);
      else {
        held.add(sameRole(row));
        moves.push(row);
      }
    }
    return { moves, duplicates, revokes };
  }

  /** Not revoked and not expired (future ones included): what a merge must decide about. */
  private async live(m: EntityManager, tenants: readonly MergeTenant[]): Promise<LiveRow[]> {
    const order = new Map(tenants.map((t, i) => [t.id, i]));
    const rows = await m
      .createQueryBuilder(RoleAssignmentEntity, 'ra')
      .innerJoin('accounts', 'a', 'a.id = ra.account_id')
      .addSelect('a.username', 'username')
      .where('ra.tenant_id IN (:...ids)', { ids: [...order.keys()] })
      .andWhere('ra.revoked_at IS NULL')
      .andWhere('(ra.valid_to IS NULL OR ra.valid_to > now())')
      .orderBy('ra.created_at', 'ASC')
      .addOrderBy('ra.id', 'ASC')
      .getRawAndEntities();
    const usernames = new Map(
      rows.raw.map((r: { ra_id: string; username: string }) => [r.ra_id, String(r.username)]),
    );
    return rows.entities
      .map((e) => Object.assign(e, { username: usernames.get(e.id) ?? '' }))
      .sort((a, b) => order.get(a.tenantId)! - order.get(b.tenantId)!);
  }

  private mayGrant(tx: RequestContext, target: MergeTenant, row: RoleAssignmentEntity): boolean {
    return can(tx, 'grant', 'RoleAssignment', {
      tenantId: target.id,
      tenantPath: target.path,
      role: row.role,
      scope: row.scope,
    });
  }
}

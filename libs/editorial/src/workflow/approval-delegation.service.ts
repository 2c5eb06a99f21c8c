import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '@portal/access';
import { AuditService } from '@portal/audit';
import { RequestContext, Result, TransactionRunner, can, fail, isUuid, ok } from '@portal/platform';
import { EditorialErrors } from '../errors/editorial-errors';
import { ApprovalDelegationEntity } from './editorial.entity';
import { EditorialRepository } from './editorial.repository';
import { EditorialItemsService } from './editorial-items.service';

/**
 * The head of a portal's board lets a deputy approve for a period (38a/QĐ-STTTT art. 6.3): the grant,
 * the deputies to choose from, and the approval rule a delegation in force gives the deputy.
 */
@Injectable()
export class ApprovalDelegationService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly abilities: AbilityFactory,
    private readonly items: EditorialItemsService,
    private readonly delegations: EditorialRepository,
  ) {}

  onModuleInit(): void {
    // A deputy approves while a delegation from the head is in force (38a/QĐ-STTTT art. 6.3).
    this.abilities.addRuleSource(async (accountId) => {
      const delegations = await this.delegations.delegationsInForce(accountId, new Date());
      if (delegations.length === 0) return [];
      // Only while the deputy is still the deputy and the head still the head of that board.
      const deputyRoles = await this.abilities.liveAssignments(accountId);
      const rules = [];
      for (const d of delegations) {
        const isDeputy = deputyRoles.some((a) => a.tenantId === d.tenantId && a.role === 'BOARD_DEPUTY');
        const isHead =
          isDeputy &&
          (await this.abilities.liveAssignments(d.headAccountId)).some(
            (a) => a.tenantId === d.tenantId && a.role === 'BOARD_HEAD',
          );
        if (isHead)
          rules.push({
            action: 'approve' as const,
            subject: 'Content' as const,
            conditions: { tenantId: d.tenantId },
            reason: 'delegation',
          });
      }
      return rules;
    });
  }

  /** The head of a portal's board lets a deputy approve for a period. */
  async delegate(
    ctx: RequestContext,
    input: { tenantId: string; deputyAccountId: string; validFrom: Date; validTo: Date },
  ): Promise<Result<ApprovalDelegationEntity>> {
    const tenant = this.items.liveTenant(input.tenantId);
    if (!tenant) return fail(EditorialErrors.tenantNotFound());
    if (!can(ctx, 'delegate', 'Content', { tenantId: tenant.id, tenantPath: tenant.path }))
      return fail(EditorialErrors.notAllowed('DELEGATE'));
    if (!isUuid(input.deputyAccountId) || input.deputyAccountId === ctx.accountId)
      return fail(EditorialErrors.invalidDeputy());
    if (!(input.validTo > input.validFrom)) return fail(EditorialErrors.invalidPeriod());
    if (!(await this.delegations.isDeputy(ctx, input.deputyAccountId, tenant.id)))
      return fail(EditorialErrors.notADeputy());
    const row = Object.assign(new ApprovalDelegationEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      headAccountId: ctx.accountId!,
      deputyAccountId: input.deputyAccountId,
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdAt: new Date(),
      revokedAt: null,
    });
    await this.tx.run(ctx, async (tx) => {
      await this.delegations.insertDelegation(tx, row);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'editorial.approval_delegated',
        subjectType: 'ApprovalDelegation',
        subjectId: row.id,
        after: { deputyAccountId: row.deputyAccountId, validFrom: row.validFrom, validTo: row.validTo },
      });
    });
    return ok(row);
  }

  /** The deputies of the addressed portal's board, for its head to choose from when delegating. */
  async deputies(
    ctx: RequestContext,
  ): Promise<Array<{ accountId: string; displayName: string; username: string }>> {
    const tenant = ctx.tenant ? this.items.liveTenant(ctx.tenant.id) : null;
    if (!tenant || !can(ctx, 'delegate', 'Content', { tenantId: tenant.id, tenantPath: tenant.path }))
      return [];
    // As delegate() checks the deputy: live BOARD_DEPUTY assignments of this very portal.
    return this.delegations.deputies(ctx, tenant.id);
  }
}

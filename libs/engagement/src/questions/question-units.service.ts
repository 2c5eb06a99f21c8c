import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  RequestContext,
  Result,
  TransactionRunner,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, TenantStatus } from '@portal/tenancy';
import { checkText, cleanLine } from './question-input';
import { QuestionUnitEntity, QuestionUnitMemberEntity } from './question.entity';
import { EngagementErrorCode } from '../errors/engagement-error-code';
import { EngagementErrors } from '../errors/engagement-errors';

export interface UnitView {
  unit: QuestionUnitEntity;
  memberAccountIds: string[];
}

const notAllowed = EngagementErrors.unitsNotAllowed;

/**
 * The units a board routes questions to: named groups of accounts that hold a live role on the
 * portal. The board (whoever may route questions there) sets them up.
 */
@Injectable()
export class QuestionUnitsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
  ) {}

  async create(
    ctx: RequestContext,
    input: { tenantId: string; name: string; memberAccountIds: string[] },
  ): Promise<Result<UnitView>> {
    const tenant = isUuid(input.tenantId) ? this.routing.tenant(input.tenantId) : null;
    if (!tenant || tenant.status !== TenantStatus.ACTIVE)
      return fail(
        inputError(
          EngagementErrorCode.TENANT_NOT_FOUND,
          'tenantId',
          'Không tìm thấy cổng.',
          'The portal does not exist.',
        ),
      );
    if (!can(ctx, 'route', 'Question', { tenantId: tenant.id, tenantPath: tenant.path }))
      return fail(notAllowed());
    const name = cleanLine(input.name);
    const problem = checkText('name', name, 2, 200, { vi: 'tên đơn vị', en: 'unit name' });
    if (problem) return fail(problem);
    const m = this.tx.manager(ctx);
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM question_units WHERE tenant_id = $1 AND lower(name) = lower($2)`,
      [tenant.id, name],
    );
    if (n > 0)
      return fail(
        inputError(
          EngagementErrorCode.UNIT_EXISTS,
          'name',
          'Cổng đã có đơn vị với tên này.',
          'This portal already has a unit of that name.',
        ),
      );
    const members = await this.checkMembers(ctx, tenant.id, input.memberAccountIds);
    if ('error' in members) return fail(members.error);
    const unit = Object.assign(new QuestionUnitEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      name,
      createdAt: new Date(),
    });
    await this.tx.run(ctx, async (tx) => {
      const tm = this.tx.manager(tx);
      await tm.insert(QuestionUnitEntity, unit);
      if (members.value.length)
        await tm.insert(
          QuestionUnitMemberEntity,
          members.value.map((accountId) => ({ unitId: unit.id, accountId })),
        );
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'question_unit.created',
        subjectType: 'QuestionUnit',
        subjectId: unit.id,
        after: { name, memberAccountIds: members.value },
      });
    });
    return ok({ unit, memberAccountIds: members.value });
  }

  async setMembers(ctx: RequestContext, unitId: string, accountIds: string[]): Promise<Result<UnitView>> {
    const unit = await this.find(ctx, unitId);
    if (!unit)
      return fail(
        inputError(
          EngagementErrorCode.UNIT_NOT_FOUND,
          'unitId',
          'Không tìm thấy đơn vị.',
          'The unit does not exist.',
        ),
      );
    const members = await this.checkMembers(ctx, unit.tenantId, accountIds);
    if ('error' in members) return fail(members.error);
    const before = await this.memberIds(ctx, unit.id);
    await this.tx.run(ctx, async (tx) => {
      const tm = this.tx.manager(tx);
      await tm.delete(QuestionUnitMemberEntity, { unitId: unit.id });
      if (members.value.length)
        await tm.insert(
          QuestionUnitMemberEntity,
          members.value.map((accountId) => ({ unitId: unit.id, accountId })),
        );
      await this.audit.record(tx, {
        tenantId: unit.tenantId,
        action: 'question_unit.members_set',
        subjectType: 'QuestionUnit',
        subjectId: unit.id,
        before: { memberAccountIds: before },
        after: { memberAccountIds: members.value },
      });
    });
    return ok({ unit, memberAccountIds: members.value });
  }

  /** The units of a portal the caller may route questions on. */
  async list(ctx: RequestContext, tenantId: string): Promise<UnitView[]> {
    const tenant = isUuid(tenantId) ? this.routing.tenant(tenantId) : null;
    if (!tenant || !can(ctx, 'route', 'Question', { tenantId: tenant.id, tenantPath: tenant.path }))
      return [];
    const units = await this.tx
      .manager(ctx)
      .find(QuestionUnitEntity, { where: { tenantId: tenant.id }, order: { name: 'ASC' } });
    return Promise.all(
      units.map(async (unit) => ({ unit, memberAccountIds: await this.memberIds(ctx, unit.id) })),
    );
  }

  /** A unit the caller may route to (its portal's board), or null. */
  async find(ctx: RequestContext, unitId: string): Promise<QuestionUnitEntity | null> {
    const unit = isUuid(unitId)
      ? await this.tx.manager(ctx).findOne(QuestionUnitEntity, { where: { id: unitId } })
      : null;
    const tenant = unit ? this.routing.tenant(unit.tenantId) : null;
    if (!unit || !tenant || !can(ctx, 'route', 'Question', { tenantId: tenant.id, tenantPath: tenant.path }))
      return null;
    return unit;
  }

  async unitOf(ctx: RequestContext, unitId: string): Promise<QuestionUnitEntity | null> {
    return this.tx.manager(ctx).findOne(QuestionUnitEntity, { where: { id: unitId } });
  }

  async isMember(ctx: RequestContext, unitId: string, accountId: string | null): Promise<boolean> {
    if (!accountId) return false;
    return (await this.tx.manager(ctx).count(QuestionUnitMemberEntity, { where: { unitId, accountId } })) > 0;
  }

  private async memberIds(ctx: RequestContext, unitId: string): Promise<string[]> {
    const rows = await this.tx
      .manager(ctx)
      .find(QuestionUnitMemberEntity, { where: { unitId }, order: { accountId: 'ASC' } });
    return rows.map((r) => r.accountId);
  }

  /** Members must hold a live role on the unit's portal. */
  private async checkMembers(
    ctx: RequestContext,
    tenantId: string,
    accountIds: string[],
  ): Promise<{ value: string[] } | { error: DomainError }> {
    const ids = [...new Set(accountIds ?? [])];
    const bad = () => ({
      error: inputError(
        EngagementErrorCode.INVALID_MEMBER,
        'memberAccountIds',
        'Thành viên phải là tài khoản có vai trò trên cổng này.',
        'Members must be accounts holding a role on this portal.',
      ),
    });
    if (ids.length > 200 || ids.some((id) => !isUuid(id))) return bad();
    if (ids.length === 0) return { value: [] };
    const rows: Array<{ account_id: string }> = await this.tx.manager(ctx).query(
      `SELECT DISTINCT account_id FROM role_assignments
        WHERE tenant_id = $1 AND account_id = ANY($2::uuid[]) AND revoked_at IS NULL
          AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())`,
      [tenantId, ids],
    );
    if (rows.length !== ids.length) return bad();
    return { value: ids.sort() };
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  assertCan,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { CollaboratorEntity } from '../grades/royalty.entities';
import { tenantNotFound } from '../profiles/royalty-profile.service';
import {
  CollaboratorItemRow,
  CollaboratorPaymentRow,
  CollaboratorRecordRepository,
} from './collaborator-record.repository';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

export interface CollaboratorInput {
  tenantId: string;
  penName: string;
  realName: string;
  accountId?: string | null;
  idNumber?: string | null;
  taxCode?: string | null;
  bankAccount?: string | null;
  bankName?: string | null;
  address?: string | null;
  phone?: string | null;
}

const clean = (v: string | null | undefined, max = 300): string | null => {
  const s = v?.normalize('NFC').trim();
  return s ? s.slice(0, max) : null;
};

/** A registered collaborator as the registry's answers name it. */
type CollaboratorRef = Pick<CollaboratorEntity, 'id' | 'tenantId'>;

/** Fields of a collaborator that only who pays may read (like the account list: 05/2024/QĐ-UBND art. 8). */
export const PAYMENT_FIELDS = ['idNumber', 'taxCode', 'bankAccount', 'bankName', 'address', 'phone'] as const;

/**
 * The collaborator registry (cộng tác viên) of a portal: outside authors who submit and are paid.
 * Names are seen by the board; identity and payment details only by the owner, the managing agency
 * and the operator unit (`read RoyaltyPayment`).
 */
@Injectable()
export class CollaboratorService {
  readonly rows: ScopedRepository<CollaboratorEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly record: CollaboratorRecordRepository,
  ) {
    this.rows = scoped.for(CollaboratorEntity, 'Collaborator');
  }

  /** The items the grades in force name the collaborator an author of; null to who may not read grades. */
  async items(ctx: RequestContext, c: CollaboratorRef): Promise<CollaboratorItemRow[] | null> {
    return this.allowed(ctx, 'Royalty', c) ? this.record.items(ctx, c.id) : null;
  }

  /** The statement lines paid to the collaborator; null to who may not read statements. */
  async payments(ctx: RequestContext, c: CollaboratorRef): Promise<CollaboratorPaymentRow[] | null> {
    return this.allowed(ctx, 'RoyaltyStatement', c) ? this.record.payments(ctx, c.id) : null;
  }

  private allowed(ctx: RequestContext, subject: 'Royalty' | 'RoyaltyStatement', c: CollaboratorRef) {
    const tenant = this.routing.tenant(c.tenantId);
    return !!tenant && can(ctx, 'read', subject, { tenantId: tenant.id, tenantPath: tenant.path });
  }

  async create(ctx: RequestContext, input: CollaboratorInput): Promise<Result<CollaboratorEntity>> {
    try {
      return await this.createOrFail(ctx, input);
    } catch (error) {
      if (error instanceof DomainError && error.httpStatus === 400) return fail(error);
      throw error;
    }
  }

  private async createOrFail(
    ctx: RequestContext,
    input: CollaboratorInput,
  ): Promise<Result<CollaboratorEntity>> {
    const tenant = isUuid(input.tenantId) ? this.routing.tenant(input.tenantId) : null;
    if (!tenant) return fail(tenantNotFound());
    assertCan(ctx, 'create', 'Collaborator', { tenantId: tenant.id, tenantPath: tenant.path });
    const penName = clean(input.penName, 200);
    const realName = clean(input.realName, 200);
    if (!penName)
      return fail(
        inputError(
          RoyaltiesErrorCode.PEN_NAME_REQUIRED,
          'penName',
          'Cần bút danh.',
          'A pen name is required.',
        ),
      );
    if (!realName)
      return fail(
        inputError(
          RoyaltiesErrorCode.REAL_NAME_REQUIRED,
          'realName',
          'Cần họ tên thật.',
          'The real name is required.',
        ),
      );
    if (input.accountId && !isUuid(input.accountId))
      return fail(
        inputError(
          RoyaltiesErrorCode.ACCOUNT_NOT_FOUND,
          'accountId',
          'Không tìm thấy tài khoản.',
          'Account not found.',
        ),
      );
    const row = Object.assign(new CollaboratorEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      penName,
      realName,
      accountId: input.accountId ?? null,
      idNumber: clean(input.idNumber, 40),
      taxCode: clean(input.taxCode, 40),
      bankAccount: clean(input.bankAccount, 60),
      bankName: clean(input.bankName),
      address: clean(input.address),
      phone: clean(input.phone, 40),
      createdBy: ctx.accountId,
      createdAt: new Date(),
      archivedAt: null,
    });
    await this.tx.run(ctx, async (tx) => {
      // An account outside the caller's subtree is invisible in its confined transaction: not found.
      if (row.accountId) {
        const [{ n }] = await this.tx
          .manager(tx)
          .query('SELECT count(*)::int AS n FROM accounts WHERE id = $1', [row.accountId]);
        if (n !== 1)
          throw inputError(
            RoyaltiesErrorCode.ACCOUNT_NOT_FOUND,
            'accountId',
            'Không tìm thấy tài khoản.',
            'Account not found.',
          );
      }
      await this.tx.manager(tx).insert(CollaboratorEntity, row);
      // The audit keeps who registered whom, never the confidential details themselves.
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'collaborator.created',
        subjectType: 'Collaborator',
        subjectId: row.id,
        after: { penName, realName, accountId: row.accountId },
      });
    });
    return ok(row);
  }

  async list(ctx: RequestContext, tenantId: string): Promise<CollaboratorEntity[]> {
    if (!isUuid(tenantId)) return [];
    return this.rows
      .query(ctx, 'read')
      .andWhere('row.tenant_id = :tenantId AND row.archived_at IS NULL', { tenantId })
      .orderBy('row.pen_name', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .limit(1000)
      .getMany();
  }

  /** The confidential details of one collaborator: refused (not found) to anyone who may not read them. */
  async paymentDetails(ctx: RequestContext, id: string): Promise<CollaboratorEntity> {
    const scoped = this.rows.query(ctx, 'read');
    const row = isUuid(id) ? await scoped.andWhere('row.id = :id', { id }).getOne() : null;
    const tenant = row ? this.routing.tenant(row.tenantId) : null;
    if (!row || !tenant) throw new NotFoundError('Collaborator', 'id');
    assertCan(ctx, 'read', 'RoyaltyPayment', { tenantId: row.tenantId, tenantPath: tenant.path });
    return row;
  }
}

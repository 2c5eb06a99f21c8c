import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';
import { AccountEntity } from './account.entity';

/** The accounts share of a merge: accounts whose home portal is a source move home to the target. */
@Injectable()
export class AccountMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'accounts';

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    return {
      rehomed: await m.count(AccountEntity, { where: { tenantId: In(plan.sources.map((s) => s.id)) } }),
    };
  }

  async apply(_tx: unknown, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const result = await m
      .createQueryBuilder()
      .update(AccountEntity)
      .set({ tenantId: plan.target.id, updatedAt: new Date() })
      .where('tenant_id IN (:...ids)', { ids: plan.sources.map((s) => s.id) })
      .execute();
    return { rehomed: result.affected ?? 0 };
  }
}

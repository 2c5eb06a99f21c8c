import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';
import { CalendarOverrideEntity, DeadlinePolicyAssignmentEntity } from './calendar-override.entity';

/**
 * The calendar share of a merge: nothing moves. A merged portal's own days and deadline profile were
 * its decisions, not the target's; they stay with it (it no longer serves) and are counted as left.
 */
@Injectable()
export class CalendarMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'calendar';

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const tenantId = In(plan.sources.map((s) => s.id));
    return {
      overridesLeft: await m.count(CalendarOverrideEntity, { where: { tenantId, revokedAt: IsNull() } }),
      policyAssignmentsLeft: await m.count(DeadlinePolicyAssignmentEntity, { where: { tenantId } }),
    };
  }

  apply(_tx: unknown, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    return this.preview(m, plan);
  }
}

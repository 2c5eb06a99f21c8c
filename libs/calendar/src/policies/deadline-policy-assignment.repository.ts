import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, UnscopedReads, readFromPrimary } from '@portal/platform';
import { DeadlinePolicyAssignmentEntity } from '../calendar/calendar-override.entity';

/** Which deadline policy profile each portal follows. */
@Injectable()
export class DeadlinePolicyAssignmentRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: UnscopedReads,
  ) {}

  /** Every portal's assignment, from the primary (a replica a moment behind would be kept). */
  all(ctx: RequestContext): Promise<DeadlinePolicyAssignmentEntity[]> {
    const reader = this.reads.systemWide(ctx, 'every portal’s policy, kept in memory and shared');
    return readFromPrimary(() => reader.manager.find(DeadlinePolicyAssignmentEntity));
  }

  /** Sets a portal's profile (null: inherit again), in the context's transaction. */
  async assign(
    ctx: RequestContext,
    row: { tenantId: string; profileKey: string | null; assignedBy: string | null; assignedAt: Date },
  ): Promise<void> {
    await (ctx.manager ?? this.dataSource.manager).upsert(DeadlinePolicyAssignmentEntity, row, ['tenantId']);
  }
}

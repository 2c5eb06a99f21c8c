import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { RequestContext, UnscopedReads, readFromPrimary } from '@portal/platform';
import { CalendarOverrideEntity } from './calendar-override.entity';

const PUBLIC = 'calendars and their overrides are public information; writes check the ability';

/** Portals' calendar overrides: written in the context's transaction, read as public information. */
@Injectable()
export class CalendarOverrideRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: UnscopedReads,
  ) {}

  /** A portal's overrides by day (then as written), without the revoked ones unless asked. */
  ofTenant(
    ctx: RequestContext,
    tenantId: string,
    includeRevoked: boolean,
  ): Promise<CalendarOverrideEntity[]> {
    return this.reads.publicly(ctx, PUBLIC).manager.find(CalendarOverrideEntity, {
      where: includeRevoked ? { tenantId } : { tenantId, revokedAt: IsNull() },
      order: { day: 'ASC', createdAt: 'ASC' },
    });
  }

  findById(ctx: RequestContext, id: string): Promise<CalendarOverrideEntity | null> {
    return this.reads.publicly(ctx, PUBLIC).manager.findOne(CalendarOverrideEntity, { where: { id } });
  }

  /** Every portal's overrides in force, from the primary (a replica a moment behind would be kept). */
  allInForce(ctx: RequestContext): Promise<CalendarOverrideEntity[]> {
    const reader = this.reads.systemWide(ctx, 'every portal’s calendar, compiled in memory and shared');
    return readFromPrimary(() =>
      reader.manager.find(CalendarOverrideEntity, { where: { revokedAt: IsNull() } }),
    );
  }

  /** A portal's overrides in force, in the context's transaction. */
  inForce(ctx: RequestContext, tenantId: string): Promise<CalendarOverrideEntity[]> {
    return this.manager(ctx).find(CalendarOverrideEntity, { where: { tenantId, revokedAt: IsNull() } });
  }

  async insert(ctx: RequestContext, row: CalendarOverrideEntity): Promise<void> {
    await this.manager(ctx).insert(CalendarOverrideEntity, row);
  }

  async revoke(
    ctx: RequestContext,
    id: string,
    changes: { revokedAt: Date; revokedBy: string | null },
  ): Promise<void> {
    await this.manager(ctx).update(CalendarOverrideEntity, { id }, changes);
  }

  private manager(ctx: RequestContext) {
    return ctx.manager ?? this.dataSource.manager;
  }
}

import { Injectable } from '@nestjs/common';
import {
  CalendarErrorCode,
  CalendarService,
  DeadlineService,
  InformationKind,
  endOfLocalDay,
  localDayOf,
} from '@portal/calendar';
import { ContentFields, ContentKind, deadlineOf } from '@portal/content';
import { DomainError } from '@portal/platform';

/** What an item's statutory deadline is computed from. */
export interface DeadlineSubject {
  kind: ContentKind;
  tenantId: string;
  createdAt: Date;
}

/**
 * An item's deadlines from its portal's policy (DeadlineService): the statutory publication
 * deadline from the item's kind and anchor field, and the board's handling deadline. A kind the
 * policy does not regulate has none (null).
 */
@Injectable()
export class ItemDeadlines {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarService,
  ) {}

  async due(kind: InformationKind, anchor: Date, tenantId: string): Promise<Date | null> {
    try {
      return (await this.deadlines.dueAt(kind, anchor, tenantId)).dueAt;
    } catch (e) {
      if (e instanceof DomainError && e.code === CalendarErrorCode.NO_DEADLINE_RULE) return null;
      throw e;
    }
  }

  /** The information kind whose rule applies: the first candidate the portal's policy regulates. */
  async informationKind(item: DeadlineSubject, fields: ContentFields): Promise<InformationKind | null> {
    const mapping = deadlineOf(item.kind, fields);
    if (!mapping) return null;
    const { rules } = await this.deadlines.effectivePolicy(item.tenantId);
    return (mapping.informationKinds as InformationKind[]).find((kind) => rules.has(kind)) ?? null;
  }

  /** The statutory publication deadline (docs/domain.md); the anchor date is read at 00:00 local time. */
  async statutoryDue(item: DeadlineSubject, fields: ContentFields): Promise<Date | null> {
    const mapping = deadlineOf(item.kind, fields);
    if (!mapping) return null;
    const kind = await this.informationKind(item, fields);
    if (!kind) return null;
    const anchorValue = mapping.anchorField ? fields[mapping.anchorField] : null;
    const anchor =
      typeof anchorValue === 'string' ? new Date(`${anchorValue}T00:00:00+07:00`) : item.createdAt;
    return this.due(kind, anchor, item.tenantId);
  }

  /** The end of the `days`-th working day after `anchor` on the portal's calendar (a step's own deadline). */
  async workingDaysDue(anchor: Date, days: number, tenantId: string): Promise<Date> {
    const calendar = await this.calendars.forTenant(tenantId);
    return endOfLocalDay(calendar.addWorkingDays(localDayOf(anchor), days));
  }

  /** The board's deadline for a submission made at `submittedAt` (1376/QĐ-SVHTT art. 11.2). */
  boardDue(submittedAt: Date, tenantId: string): Promise<Date | null> {
    return this.due(InformationKind.BOARD_HANDLING, submittedAt, tenantId);
  }
}

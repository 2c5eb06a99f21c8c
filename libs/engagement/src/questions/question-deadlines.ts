import { Injectable } from '@nestjs/common';
import { CalendarErrorCode, DeadlineService, InformationKind } from '@portal/calendar';
import { DomainError } from '@portal/platform';

export interface ReceiptDeadlines {
  routingDueAt: Date | null;
  outOfScopeDueAt: Date | null;
  answerDueAt: Date | null;
}

/**
 * A question's deadlines from the holding portal's policy and working calendar (DeadlineService);
 * a kind the portal's profile does not define (the unit/board split of 1376/QĐ-SVHTT art. 11.3) gives null.
 */
@Injectable()
export class QuestionDeadlines {
  constructor(private readonly deadlines: DeadlineService) {}

  /** Counted from receipt by the portal holding the question (05/2024/QĐ-UBND art. 12.1.đ). */
  async onReceipt(tenantId: string, receivedAt: Date): Promise<ReceiptDeadlines> {
    return {
      routingDueAt: await this.due(InformationKind.QA_ROUTING, receivedAt, tenantId),
      outOfScopeDueAt: await this.due(InformationKind.QA_OUT_OF_SCOPE_NOTICE, receivedAt, tenantId),
      answerDueAt: await this.due(InformationKind.QA_ANSWER, receivedAt, tenantId),
    };
  }

  /** The unit's deadline, counted from routing. */
  unitAnswer(tenantId: string, routedAt: Date): Promise<Date | null> {
    return this.due(InformationKind.QA_UNIT_ANSWER, routedAt, tenantId);
  }

  /** The board's deadline to publish, counted from the unit's answer. */
  boardPublish(tenantId: string, answeredAt: Date): Promise<Date | null> {
    return this.due(InformationKind.QA_BOARD_PUBLISH, answeredAt, tenantId);
  }

  private async due(kind: InformationKind, anchor: Date, tenantId: string): Promise<Date | null> {
    try {
      return (await this.deadlines.dueAt(kind, anchor, tenantId)).dueAt;
    } catch (e) {
      if (e instanceof DomainError && e.code === CalendarErrorCode.NO_DEADLINE_RULE) return null;
      throw e;
    }
  }
}

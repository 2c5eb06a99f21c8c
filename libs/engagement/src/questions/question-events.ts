import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { RequestContext, TransactionRunner } from '@portal/platform';
import { QuestionEventEntity } from './question.entity';

export interface QuestionStep {
  questionId: string;
  /** The portal the step belongs to (the holding portal; for a forward, the receiving one). */
  tenantId: string;
  action: string;
  from: string | null;
  to: string;
  note?: string | null;
  /** Facts of the step for the history and the audit log; never the asker's personal data. */
  detail?: Record<string, unknown> | null;
  at: Date;
}

/** Records a step of a question twice: as an event of the question and in the audit log. */
@Injectable()
export class QuestionEvents {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async record(tx: RequestContext, ...steps: QuestionStep[]): Promise<void> {
    if (steps.length === 0) return;
    await this.tx.manager(tx).insert(
      QuestionEventEntity,
      steps.map((s) => ({
        tenantId: s.tenantId,
        questionId: s.questionId,
        action: s.action,
        fromStatus: s.from,
        toStatus: s.to,
        actorAccountId: tx.accountId,
        note: s.note ?? null,
        detail: (s.detail ?? null) as never,
        at: s.at,
      })),
    );
    await this.audit.record(
      tx,
      ...steps.map((s) => ({
        tenantId: s.tenantId,
        action: `question.${s.action.toLowerCase()}`,
        subjectType: 'Question',
        subjectId: s.questionId,
        before: s.from ? { status: s.from } : null,
        after: { status: s.to, ...(s.detail ?? {}), ...(s.note ? { note: s.note } : {}) },
      })),
    );
  }
}

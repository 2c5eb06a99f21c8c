import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  JobQueue,
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  systemContext,
} from '@portal/platform';
import { QuestionEvents } from './question-events';
import { QUESTION_DEADLINES, QuestionDeadline } from './question-state';
import { QuestionEscalationEntity } from './question.entity';

export const QUESTION_REMINDER_JOB = 'question-reminders';

/**
 * Escalation of late questions: a recurring job finds every open question past one of its
 * deadlines (routing, answer, and the unit/board split where the profile has one) and raises one
 * escalation to the head of the board holding it, once per question, deadline and due instant (a
 * unique constraint decides, whatever the number of workers). A forward restarts the deadlines, so
 * the new ones escalate again. Each escalation is an event of the question and an audit entry.
 */
@Injectable()
export class QuestionRemindersService implements OnModuleInit {
  private readonly escalations: ScopedRepository<QuestionEscalationEntity>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly tx: TransactionRunner,
    private readonly events: QuestionEvents,
    scoped: ScopedRepositoryFactory,
  ) {
    this.escalations = scoped.for(QuestionEscalationEntity, 'Question');
  }

  onModuleInit(): void {
    this.jobs.register(QUESTION_REMINDER_JOB, () => this.raise(new Date()).then(() => undefined), {
      cron: '*/5 * * * *',
    });
  }

  /** Escalates what is late at `now`; returns the new escalations. */
  async raise(now: Date): Promise<QuestionEscalationEntity[]> {
    const ctx = systemContext('jobs');
    return this.tx.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const raised: QuestionEscalationEntity[] = [];
      for (const [deadline, { column, statuses }] of Object.entries(QUESTION_DEADLINES)) {
        const rows: Array<{
          id: string;
          tenant_id: string;
          question_id: string;
          due_at: Date;
          status: string;
        }> = await m.query(
          `WITH late AS (
               SELECT q.id, q.tenant_id, q.${column} AS due_at, q.status FROM questions q
                WHERE q.status = ANY($2) AND q.${column} IS NOT NULL AND q.${column} < $3
             ), ins AS (
               INSERT INTO question_escalations (id, tenant_id, question_id, deadline, due_at, created_at)
               SELECT gen_random_uuid(), l.tenant_id, l.id, $1, l.due_at, $3 FROM late l
               ON CONFLICT ON CONSTRAINT question_escalations_once DO NOTHING
               RETURNING id, tenant_id, question_id, due_at
             )
             SELECT ins.*, late.status FROM ins JOIN late ON late.id = ins.question_id`,
          [deadline, statuses, now],
        );
        await this.events.record(
          tx,
          ...rows.map((r) => ({
            questionId: r.question_id,
            tenantId: r.tenant_id,
            action: 'ESCALATE',
            from: r.status,
            to: r.status,
            detail: { deadline, dueAt: new Date(r.due_at).toISOString() },
            at: now,
          })),
        );
        raised.push(
          ...rows.map((r) =>
            Object.assign(new QuestionEscalationEntity(), {
              id: r.id,
              tenantId: r.tenant_id,
              questionId: r.question_id,
              deadline: deadline as QuestionDeadline,
              dueAt: new Date(r.due_at),
              createdAt: now,
            }),
          ),
        );
      }
      return raised;
    });
  }

  /** Escalations for the boards whose head the caller is (approve on questions), newest first. */
  list(ctx: RequestContext, first = 50): Promise<QuestionEscalationEntity[]> {
    return this.escalations
      .query(ctx, 'approve')
      .orderBy('row.created_at', 'DESC')
      .addOrderBy('row.id', 'ASC')
      .limit(Math.min(Math.max(first, 1), 200))
      .getMany();
  }
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { ContentService } from '@portal/content';
import { APP_CONFIG, AppConfig, JobQueue, RequestContext } from '@portal/platform';
import { EditorialErrors } from '../errors/editorial-errors';

/** A reminder (before a deadline) or an escalation (after it) raised for a board. */
@Entity('editorial_reminders')
export class EditorialReminderEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'revision_id', type: 'uuid' }) revisionId!: string;
  /**
   * UNIT_VETTING (the unit leader's step), BOARD_HANDLING (the board's 2 working days), PUBLICATION (the statutory deadline) or REVIEW (a
   * freshness rule: the item is due for review).
   */
  @Column({ type: 'text' }) deadline!: 'UNIT_VETTING' | 'BOARD_HANDLING' | 'PUBLICATION' | 'REVIEW';
  /** `DUE_IN_24H`, `DUE_IN_4H`, … or `OVERDUE` (escalated to the board head); `MONTHLY_2026_12` for reviews. */
  @Column({ type: 'text' }) stage!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const REMINDER_JOB = 'editorial-reminders';

/** Most reminders one call lists. */
export const MAX_REMINDERS_PAGE = 200;

/**
 * Deadline reminders: a recurring job raises, once per revision, deadline and stage, a reminder at
 * each configured lead time before a deadline and an escalation once it has passed. Boards read
 * them (and the overdue queue) through GraphQL; each is raised once even with many workers
 * (a unique constraint decides).
 */
@Injectable()
export class RemindersService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly content: ContentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(REMINDER_JOB, () => this.raise(new Date()).then(() => undefined), {
      cron: '*/5 * * * *',
    });
  }

  /** Raises the reminders due at `now`; returns how many were new. */
  async raise(now: Date): Promise<number> {
    let raised = 0;
    const stages = [
      ...this.config.reminderLeadHours.map((h) => ({ stage: `DUE_IN_${h}H`, leadMs: h * 3_600_000 })),
      { stage: 'OVERDUE', leadMs: 0 },
    ];
    for (const { column, deadline, statuses } of [
      { column: 'unit_due_at', deadline: 'UNIT_VETTING', statuses: ['UNIT_REVIEW'] },
      { column: 'board_due_at', deadline: 'BOARD_HANDLING', statuses: ['SUBMITTED', 'IN_REVIEW'] },
      {
        column: 'due_at',
        deadline: 'PUBLICATION',
        statuses: ['DRAFT', 'UNIT_REVIEW', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'RETURNED'],
      },
    ]) {
      for (const { stage, leadMs } of stages) {
        // OVERDUE: the deadline has passed; DUE_IN_nH: it falls within the next n hours.
        const rows: unknown[] = await this.dataSource.query(
          `INSERT INTO editorial_reminders (id, tenant_id, item_id, revision_id, deadline, stage, due_at, created_at)
           SELECT gen_random_uuid(), s.tenant_id, s.item_id, s.revision_id, $1, $2, s.${column}, $3
             FROM editorial_states s
            WHERE s.status = ANY($4) AND s.${column} IS NOT NULL
              AND ${stage === 'OVERDUE' ? `s.${column} < $3` : `s.${column} >= $3 AND s.${column} <= $3::timestamptz + make_interval(secs => $5)`}
           ON CONFLICT ON CONSTRAINT editorial_reminders_once DO NOTHING
           RETURNING id`,
          stage === 'OVERDUE'
            ? [deadline, stage, now, statuses]
            : [deadline, stage, now, statuses, leadMs / 1000],
        );
        raised += rows.length;
      }
    }
    return raised;
  }

  /** Reminders of the items the caller may read, newest first. */
  async list(ctx: RequestContext, first = 50): Promise<EditorialReminderEntity[]> {
    // Checked before SQL, like every page size: LIMIT -1 was a database error (a 500).
    if (!Number.isInteger(first) || first < 1 || first > MAX_REMINDERS_PAGE)
      throw EditorialErrors.invalidPageSize(MAX_REMINDERS_PAGE);
    const rows: Array<Record<string, unknown>> = await this.content.items
      .query(ctx, 'read')
      .innerJoin(EditorialReminderEntity, 'rem', 'rem.item_id = row.id')
      .select([
        'rem.id AS id',
        'rem.tenant_id AS tenant_id',
        'rem.item_id AS item_id',
        'rem.revision_id AS revision_id',
        'rem.deadline AS deadline',
        'rem.stage AS stage',
        'rem.due_at AS due_at',
        'rem.created_at AS created_at',
      ])
      .orderBy('rem.created_at', 'DESC')
      .addOrderBy('rem.id', 'ASC')
      .limit(first)
      .getRawMany();
    return rows.map((r) =>
      Object.assign(new EditorialReminderEntity(), {
        id: r.id,
        tenantId: r.tenant_id,
        itemId: r.item_id,
        revisionId: r.revision_id,
        deadline: r.deadline,
        stage: r.stage,
        dueAt: new Date(r.due_at as string),
        createdAt: new Date(r.created_at as string),
      }),
    );
  }
}

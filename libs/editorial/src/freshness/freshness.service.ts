import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  CalendarService,
  DeadlineService,
  ResolvedFreshnessRule,
  freshnessRulesFor,
  reviewDueAt,
} from '@portal/calendar';
import { ContentService, plainText } from '@portal/content';
import {
  DomainError,
  JobQueue,
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  can,
  fail,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { RevisionStatus } from '../workflow/workflow';
import { WorkflowEventEntity } from '../workflow/editorial.entity';
import { EditorialErrors } from '../errors/editorial-errors';

/** A live item, or a portal's section, under a freshness rule, and when it must be reviewed. */
export interface FreshnessEntry {
  tenantId: string;
  /** Null for a section (SECTION rules). */
  itemId: string | null;
  /** The item's kind; null for a section. */
  kind: string | null;
  rule: ResolvedFreshnessRule;
  lastReviewedAt: Date | null;
  reviewDueAt: Date;
  overdue: boolean;
}

export const REVIEW_REMINDER_JOB = 'editorial-review-reminders';

/** Most live items one freshness queue reads. */
const MAX_ITEMS = 1000;

interface LiveRow {
  id: string;
  tenant_id: string;
  kind: string;
  language: string;
  revision_id: string;
  published_at: Date | string | null;
  last_reviewed_at: Date | string | null;
}

const at = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/**
 * "Kept up to date" ("thường xuyên", 641 art. 16.1.a and h; 05/2024 art. 12.1.a and h): a live
 * item, or a portal's section, under a freshness rule of the portal's profile is due for review N
 * working days after it was last published or reviewed. A review is a workflow event (REVIEW) of
 * the live revision, audited like every step. Profiles that ask for a monthly review (1376 art.
 * 19.3; 517 art. 7.2.c) also remind the unit once a month.
 */
@Injectable()
export class FreshnessService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly content: ContentService,
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarService,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    // Daily at 08:00 in Vietnam: the month's reminder is raised on the first run of each month (its
    // stage names the month), an overdue one when an item passes its review date.
    this.jobs.register(REVIEW_REMINDER_JOB, () => this.raiseReminders(new Date()).then(() => undefined), {
      cron: '0 1 * * *',
    });
  }

  /** Every content kind some profile's freshness rule covers. */
  private coveredKinds(): string[] {
    return [
      ...new Set(
        this.deadlines.listProfiles().flatMap((p) => (p.freshnessRules ?? []).flatMap((r) => r.kinds)),
      ),
    ];
  }

  /** Items and sections the caller may read that are due for review (all, or only the overdue). */
  async queue(
    ctx: RequestContext,
    options: { overdueOnly?: boolean | null },
    now = new Date(),
  ): Promise<FreshnessEntry[]> {
    const kinds = this.coveredKinds();
    if (kinds.length === 0) return [];
    const rows: LiveRow[] = await this.content.items
      .query(ctx, 'read')
      .andWhere('row.live_revision_id IS NOT NULL AND row.withdrawn_at IS NULL')
      .andWhere('row.kind IN (:...freshKinds)', { freshKinds: kinds })
      .select([
        'row.id AS id',
        'row.tenant_id AS tenant_id',
        'row.kind AS kind',
        'row.language AS language',
        'row.live_revision_id AS revision_id',
        'row.published_at AS published_at',
      ])
      .addSelect(
        `(SELECT max(e.at) FROM workflow_events e WHERE e.item_id = row.id AND e.action IN ('PUBLISH', 'REVIEW'))`,
        'last_reviewed_at',
      )
      .orderBy('row.id', 'ASC')
      .limit(MAX_ITEMS)
      .getRawMany();
    const entries = [...(await this.itemEntries(rows, now)), ...(await this.sectionEntries(ctx, rows, now))];
    return entries
      .filter((e) => !options.overdueOnly || e.overdue)
      .sort(
        (a, b) =>
          a.reviewDueAt.getTime() - b.reviewDueAt.getTime() ||
          String(a.itemId).localeCompare(String(b.itemId)),
      );
  }

  /** Records that a live item was reviewed and is still correct. */
  async markReviewed(
    ctx: RequestContext,
    itemId: string,
    note: string | null,
  ): Promise<Result<FreshnessEntry[]>> {
    try {
      const item = isUuid(itemId) ? await this.content.items.findById(ctx, 'read', itemId) : null;
      const tenant = item ? this.routing.tenant(item.tenantId) : null;
      if (!item || !tenant) throw new NotFoundError('Content item', 'itemId');
      const subject = {
        tenantId: item.tenantId,
        tenantPath: tenant.path,
        createdBy: item.createdBy,
        field: item.field,
      };
      if (!can(ctx, 'update', 'Content', subject) && !can(ctx, 'review', 'Content', subject))
        throw EditorialErrors.reviewNotAllowed();
      if (!item.liveRevisionId || item.withdrawnAt) throw EditorialErrors.reviewNotPublished();
      const text = note ? plainText(note).slice(0, 4000) : null;
      const now = new Date();
      await this.tx.run(ctx, async (tx) => {
        await this.tx.manager(tx).insert(WorkflowEventEntity, {
          tenantId: item.tenantId,
          itemId: item.id,
          revisionId: item.liveRevisionId!,
          action: 'REVIEW',
          fromStatus: RevisionStatus.PUBLISHED,
          toStatus: RevisionStatus.PUBLISHED,
          actorAccountId: ctx.accountId,
          delegated: false,
          reason: null,
          note: text,
          at: now,
        });
        await this.audit.record(tx, {
          tenantId: item.tenantId,
          action: 'content.review',
          subjectType: 'Content',
          subjectId: item.id,
          after: { revisionId: item.liveRevisionId, note: text },
        });
      });
      const row: LiveRow = {
        id: item.id,
        tenant_id: item.tenantId,
        kind: item.kind,
        language: item.language,
        revision_id: item.liveRevisionId,
        published_at: item.publishedAt,
        last_reviewed_at: now,
      };
      return ok(await this.itemEntries([row], now));
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus !== 500) return fail(e);
      throw e;
    }
  }

  /**
   * Job: a monthly reminder (first day of the month) for each live item under a rule that asks for
   * one, and an OVERDUE reminder for each item past its review date. Each is raised once.
   */
  async raiseReminders(now: Date): Promise<number> {
    const kinds = this.coveredKinds();
    if (kinds.length === 0) return 0;
    // A platform-wide job over every portal's live items, as the deadline reminders are.
    const rows: LiveRow[] = await this.dataSource.query(
      `SELECT i.id, i.tenant_id, i.kind, i.language, i.live_revision_id AS revision_id, i.published_at,
              (SELECT max(e.at) FROM workflow_events e WHERE e.item_id = i.id AND e.action IN ('PUBLISH', 'REVIEW')) AS last_reviewed_at
         FROM content_items i
        WHERE i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.kind = ANY($1)`,
      [kinds],
    );
    const local = new Date(now.getTime() + 7 * 3_600_000);
    const month = `MONTHLY_${local.getUTCFullYear()}_${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
    let raised = 0;
    for (const entry of await this.itemEntries(rows, now)) {
      const revisionId = rows.find((r) => r.id === entry.itemId)!.revision_id;
      const stages = [
        ...(entry.rule.rule.monthlyReminder ? [month] : []),
        ...(entry.overdue ? ['OVERDUE'] : []),
      ];
      for (const stage of stages) {
        const inserted: unknown[] = await this.dataSource.query(
          `INSERT INTO editorial_reminders (id, tenant_id, item_id, revision_id, deadline, stage, due_at, created_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'REVIEW', $4, $5, $6)
           ON CONFLICT ON CONSTRAINT editorial_reminders_once DO NOTHING RETURNING id`,
          [entry.tenantId, entry.itemId, revisionId, stage, entry.reviewDueAt, now],
        );
        raised += inserted.length;
      }
    }
    return raised;
  }

  private async itemEntries(rows: LiveRow[], now: Date): Promise<FreshnessEntry[]> {
    const out: FreshnessEntry[] = [];
    for (const row of rows) {
      const policy = await this.deadlines.effectivePolicy(row.tenant_id);
      const rules = freshnessRulesFor(policy.freshnessRules, 'ITEM', row.kind, row.language);
      if (rules.length === 0) continue;
      const calendar = await this.calendars.forTenant(row.tenant_id);
      const last = at(row.last_reviewed_at) ?? at(row.published_at);
      for (const rule of rules) {
        const due = reviewDueAt(calendar, rule, last, now);
        out.push({
          tenantId: row.tenant_id,
          itemId: row.id,
          kind: row.kind,
          rule,
          lastReviewedAt: last,
          reviewDueAt: due,
          overdue: last === null || due.getTime() < now.getTime(),
        });
      }
    }
    return out;
  }

  /** Sections of the portals the caller's items come from, and of the portal it addresses. */
  private async sectionEntries(ctx: RequestContext, rows: LiveRow[], now: Date): Promise<FreshnessEntry[]> {
    const tenants = new Set(rows.map((r) => r.tenant_id));
    const here = ctx.tenant?.id;
    if (here) {
      const t = this.routing.tenant(here);
      if (t && can(ctx, 'read', 'Content', { tenantId: t.id, tenantPath: t.path })) tenants.add(t.id);
    }
    const rulesOf = new Map<string, ResolvedFreshnessRule[]>();
    for (const tenantId of tenants) {
      const sections = (await this.deadlines.effectivePolicy(tenantId)).freshnessRules.filter(
        (r) => r.rule.scope === 'SECTION',
      );
      if (sections.length) rulesOf.set(tenantId, sections);
    }
    // One grouped query per set of kinds: the latest publication or review per portal, among the
    // items the caller may read.
    const lastOf = new Map<string, Map<string, Date>>();
    for (const kinds of new Set([...rulesOf.values()].flat().map((r) => r.rule.kinds.join(',')))) {
      const found: Array<{ tenant_id: string; last: Date | string }> = await this.content.items
        .query(ctx, 'read')
        .innerJoin(WorkflowEventEntity, 'e', "e.item_id = row.id AND e.action IN ('PUBLISH', 'REVIEW')")
        .andWhere('row.kind IN (:...sectionKinds)', { sectionKinds: kinds.split(',') })
        .select(['row.tenant_id AS tenant_id', 'max(e.at) AS last'])
        .groupBy('row.tenant_id')
        .getRawMany();
      lastOf.set(kinds, new Map(found.map((f) => [f.tenant_id, new Date(f.last)])));
    }
    const out: FreshnessEntry[] = [];
    for (const [tenantId, sections] of rulesOf) {
      const calendar = await this.calendars.forTenant(tenantId);
      for (const rule of sections) {
        const lastAt = lastOf.get(rule.rule.kinds.join(','))?.get(tenantId) ?? null;
        const due = reviewDueAt(calendar, rule, lastAt, now);
        out.push({
          tenantId,
          itemId: null,
          kind: null,
          rule,
          lastReviewedAt: lastAt,
          reviewDueAt: due,
          overdue: lastAt === null || due.getTime() < now.getTime(),
        });
      }
    }
    return out;
  }
}

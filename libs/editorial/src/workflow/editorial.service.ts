import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { AbilityFactory } from '@portal/access';
import { AuditService } from '@portal/audit';
import {
  ContentItemEntity,
  ContentKind,
  ContentRevisionEntity,
  ContentService,
  NewItemInput,
  RevisionInput,
  editConflict,
  plainText,
} from '@portal/content';
import {
  AppAction,
  DomainError,
  NotFoundError,
  JobQueue,
  PgNotifications,
  systemContext,
  RequestContext,
  Result,
  TransactionRunner,
  asSubject,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { ItemDeadlines } from '../deadlines/item-deadlines.service';
import { UnitVetting } from '../workflow-policy/unit-vetting';
import { ApprovalDelegationEntity, EditorialStateEntity, WorkflowEventEntity } from './editorial.entity';
import { ItemActionView, itemActions } from './item-actions';
import { EDITABLE, REVISION_WORKFLOW, RefusalReason, RevisionStatus, WorkflowAction } from './workflow';
import { invalidTransition, notAllowed } from './workflow-errors';

export interface ItemView {
  item: ContentItemEntity;
  /** The revision being worked on (null when only the live one exists). */
  working: { revision: ContentRevisionEntity; state: EditorialStateEntity } | null;
  live: ContentRevisionEntity | null;
  /** The number of the item's latest revision (a console sends it back to detect edit conflicts). */
  latestNumber?: number;
  /** The steps the item's state allows, and whether the caller may take each. */
  actions?: ItemActionView[];
}

export const PUBLISH_JOB = 'content-publish';
export const WITHDRAW_JOB = 'content-withdraw';

const CLOSED = [RevisionStatus.PUBLISHED, RevisionStatus.SUPERSEDED, RevisionStatus.WITHDRAWN];

/**
 * The editorial workflow (docs/domain.md): every change of an item goes through here. The state
 * machine (workflow.ts) says which step is possible from which state; the CASL rules (libs/access)
 * say who may take it; failures of either come back as typed errors and change nothing. Every step is
 * recorded as a workflow event and in the audit log.
 */
@Injectable()
export class EditorialService implements OnModuleInit {
  constructor(
    private readonly content: ContentService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly deadlines: ItemDeadlines,
    private readonly abilities: AbilityFactory,
    private readonly dataSource: DataSource,
    private readonly notifications: PgNotifications,
    private readonly jobs: JobQueue,
    private readonly vetting: UnitVetting,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ itemId: string; revisionId: string; at: string }>(PUBLISH_JOB, (data) =>
      this.publishScheduled(data),
    );
    this.jobs.register<{ itemId: string; revisionId: string; at: string }>(WITHDRAW_JOB, (data) =>
      this.withdrawScheduled(data),
    );
    // A deputy approves while a delegation from the head is in force (38a/QĐ-STTTT art. 6.3).
    this.abilities.addRuleSource(async (accountId) => {
      const now = new Date();
      const delegations = await this.dataSource.getRepository(ApprovalDelegationEntity).find({
        where: {
          deputyAccountId: accountId,
          revokedAt: IsNull(),
          validFrom: LessThanOrEqual(now),
          validTo: MoreThan(now),
        },
      });
      if (delegations.length === 0) return [];
      // Only while the deputy is still the deputy and the head still the head of that board.
      const deputyRoles = await this.abilities.liveAssignments(accountId);
      const rules = [];
      for (const d of delegations) {
        const isDeputy = deputyRoles.some((a) => a.tenantId === d.tenantId && a.role === 'BOARD_DEPUTY');
        const isHead =
          isDeputy &&
          (await this.abilities.liveAssignments(d.headAccountId)).some(
            (a) => a.tenantId === d.tenantId && a.role === 'BOARD_HEAD',
          );
        if (isHead)
          rules.push({
            action: 'approve' as const,
            subject: 'Content' as const,
            conditions: { tenantId: d.tenantId },
            reason: 'delegation',
          });
      }
      return rules;
    });
  }

  async create(ctx: RequestContext, input: NewItemInput): Promise<Result<ItemView>> {
    const tenant = this.liveTenant(input.tenantId);
    if (!tenant)
      return fail(
        inputError('TENANT_NOT_FOUND', 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
      );
    if (!Object.values(ContentKind).includes(input.kind))
      return fail(inputError('INVALID_KIND', 'kind', 'Loại nội dung không hợp lệ.', 'Unknown content kind.'));
    const field = input.field ? plainText(input.field) : null;
    if (
      !can(ctx, 'create', 'Content', {
        tenantId: tenant.id,
        tenantPath: tenant.path,
        createdBy: ctx.accountId,
        field,
      })
    )
      return fail(notAllowed('CREATE'));
    const clean = this.content.clean(input.kind, input);
    if ('error' in clean) return fail(clean.error);
    return this.guard(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const { item, revision } = await this.content.createItem(m, tx, { ...input, field }, clean.value);
        const dueAt = await this.statutoryDue(item, revision);
        await m.insert(EditorialStateEntity, {
          revisionId: revision.id,
          itemId: item.id,
          tenantId: item.tenantId,
          status: RevisionStatus.DRAFT,
          submittedAt: null,
          boardDueAt: null,
          dueAt,
          updatedAt: new Date(),
        });
        await this.record(tx, m, item, revision.id, 'CREATE', null, RevisionStatus.DRAFT, {
          delegated: false,
        });
        // Read back inside the transaction: once it commits, the answer is built and nothing can
        // turn a stored write into a reported failure.
        return this.view(tx, item.id, 'read');
      }),
    );
  }

  /** Saves a new revision: of the draft in progress, or a new draft from the live revision. */
  async edit(
    ctx: RequestContext,
    itemId: string,
    input: RevisionInput,
    /** The latest revision number the editor started from: another save since then is a conflict. */
    baseNumber?: number | null,
  ): Promise<Result<ItemView>> {
    return this.guard(async () => {
      const current = await this.load(ctx, itemId);
      if (baseNumber != null && baseNumber !== current.latestNumber) throw editConflict();
      const { item, tenant } = current;
      const subject = this.subject(item, tenant);
      const working = current.working;
      let status: RevisionStatus;
      if (working) {
        const needed = EDITABLE[working.state.status];
        if (!needed) throw invalidTransition('EDIT', working.state.status);
        if (
          !can(ctx, needed, 'Content', subject) &&
          !(needed === 'update' && can(ctx, 'review', 'Content', subject))
        )
          throw notAllowed('EDIT');
        status = working.state.status;
      } else {
        // Editing a live item: a new draft goes through the workflow while the live revision stays.
        if (!item.liveRevisionId || item.withdrawnAt) throw invalidTransition('EDIT', 'REFUSED');
        if (!can(ctx, 'update', 'Content', subject) && !can(ctx, 'review', 'Content', subject))
          throw notAllowed('EDIT');
        status = RevisionStatus.DRAFT;
      }
      const clean = this.content.clean(item.kind, input);
      if ('error' in clean) throw clean.error;
      return this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        // The working revision's state is locked first, as a workflow step locks it, so a save and a
        // step on the same item take turns; a save that finds the state moved is told to reload.
        if (working) {
          const locked = await m
            .createQueryBuilder(EditorialStateEntity, 's')
            .setLock('pessimistic_write')
            .where('s.revision_id = :id', { id: working.revision.id })
            .getOne();
          if (!locked || locked.status !== working.state.status) throw editConflict();
        }
        const revision = await this.content.addRevision(m, tx, item, clean.value, current.latestNumber);
        if (working)
          await m.update(
            EditorialStateEntity,
            { revisionId: working.revision.id },
            { status: RevisionStatus.SUPERSEDED, updatedAt: new Date() },
          );
        const dueAt = await this.statutoryDue(item, revision);
        await m.insert(EditorialStateEntity, {
          revisionId: revision.id,
          itemId: item.id,
          tenantId: item.tenantId,
          status,
          submittedAt: working?.state.submittedAt ?? null,
          boardDueAt: working?.state.boardDueAt ?? null,
          unitDueAt: working?.state.unitDueAt ?? null,
          dueAt,
          updatedAt: new Date(),
        });
        await this.record(tx, m, item, revision.id, 'EDIT', working?.state.status ?? null, status, {
          delegated: false,
        });
        return this.view(tx, itemId, 'read');
      });
    });
  }

  /** Restores an earlier revision's content as a new revision (the history keeps both). */
  async restore(ctx: RequestContext, itemId: string, number: number): Promise<Result<ItemView>> {
    return this.guard(async () => {
      const { item } = await this.load(ctx, itemId);
      const old = await this.content.revision(this.tx.manager(ctx), item.id, number);
      if (!old)
        throw inputError(
          'REVISION_NOT_FOUND',
          'number',
          'Không có phiên bản này.',
          'There is no such revision.',
        );
      const restored = await this.edit(ctx, itemId, {
        title: old.title,
        summary: old.summary,
        bodyHtml: old.bodyHtml,
        fields: old.fields,
        authorName: old.authorName,
        source: old.source,
      });
      if (!restored.ok) throw restored.error;
      return restored.value;
    });
  }

  async transition(
    ctx: RequestContext,
    itemId: string,
    action: WorkflowAction,
    options: { reason?: RefusalReason | null; note?: string | null; at?: Date | null } = {},
  ): Promise<Result<ItemView>> {
    return this.guard(async () => {
      const { item, tenant, working, live } = await this.load(ctx, itemId);
      const m0 = this.tx.manager(ctx);
      const target =
        action === WorkflowAction.WITHDRAW
          ? live && !item.withdrawnAt
            ? {
                revision: live,
                state: (await m0.findOne(EditorialStateEntity, { where: { revisionId: live.id } }))!,
              }
            : null
          : working;
      const status =
        target?.state.status ?? (item.withdrawnAt ? RevisionStatus.WITHDRAWN : RevisionStatus.PUBLISHED);
      const t = target ? REVISION_WORKFLOW.step(action, target.state.status) : null;
      if (!target || !t) throw invalidTransition(action, status);
      const subject = this.subject(item, tenant);
      if (!can(ctx, t.ability, 'Content', subject)) throw notAllowed(action);
      const note = options.note ? plainText(options.note).slice(0, 4000) : null;
      if (
        action === WorkflowAction.REFUSE &&
        (!options.reason || !Object.values(RefusalReason).includes(options.reason))
      ) {
        throw inputError(
          'REASON_REQUIRED',
          'reason',
          'Cần chọn lý do từ chối.',
          'A refusal needs one of the refusal reasons.',
        );
      }
      if ((action === WorkflowAction.RETURN || action === WorkflowAction.UNIT_RETURN) && !note)
        throw inputError(
          'NOTE_REQUIRED',
          'note',
          'Cần ghi nội dung yêu cầu chỉnh sửa.',
          'Returning an item needs a note saying what to change.',
        );
      if (
        action === WorkflowAction.SCHEDULE &&
        (!options.at || Number.isNaN(options.at.getTime()) || options.at.getTime() <= Date.now())
      ) {
        throw inputError(
          'SCHEDULE_IN_PAST',
          'publishAt',
          'Thời điểm đăng phải ở tương lai.',
          'The publication time must be in the future.',
        );
      }
      const delegated =
        action === WorkflowAction.APPROVE &&
        ctx.ability.relevantRuleFor('approve', asSubject('Content', subject) as never)?.reason ===
          'delegation';
      const done = await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        // Two editors (or two job workers) taking the same step at once: the first wins, the
        // second finds the state moved and gets INVALID_TRANSITION.
        const locked = await m
          .createQueryBuilder(EditorialStateEntity, 's')
          .setLock('pessimistic_write')
          .where('s.revision_id = :id', { id: target.revision.id })
          .getOne();
        if (!locked || locked.status !== target.state.status)
          throw invalidTransition(action, locked?.status ?? status);
        const now = new Date();
        // Where the portal's regulation asks for unit pre-vetting, SUBMIT and VET lead elsewhere.
        const vetted = await this.vetting.step(action, item, now);
        const to = vetted?.to ?? t.to;
        const changes: Partial<EditorialStateEntity> = { status: to, updatedAt: now };
        if (action === WorkflowAction.SCHEDULE) {
          changes.scheduledAt = options.at!;
          // Sent in the same transaction: the state and its job commit, or roll back, together.
          await this.jobs.send(
            PUBLISH_JOB,
            { itemId: item.id, revisionId: target.revision.id, at: options.at!.toISOString() },
            { startAfter: options.at!, singletonKey: `${target.revision.id}@${options.at!.toISOString()}` },
            m,
          );
        }
        if (action === WorkflowAction.UNSCHEDULE) changes.scheduledAt = null;
        if (action === WorkflowAction.SUBMIT) {
          changes.submittedAt = now;
          changes.boardDueAt = await this.deadlines.boardDue(now, item.tenantId);
        }
        Object.assign(changes, vetted?.changes);
        if (action === WorkflowAction.PUBLISH) {
          if (live)
            await m.update(
              EditorialStateEntity,
              { revisionId: live.id },
              { status: RevisionStatus.SUPERSEDED, updatedAt: now },
            );
          await this.content.makeLive(m, item, target.revision.id, now);
          await this.content.lifecycle(tx, { type: 'published', item, at: now });
        }
        if (action === WorkflowAction.WITHDRAW) {
          await this.content.withdraw(m, item, now);
          await this.content.lifecycle(tx, { type: 'withdrawn', item, at: now });
        }
        await m.update(EditorialStateEntity, { revisionId: target.revision.id }, changes);
        await this.record(tx, m, item, target.revision.id, action, target.state.status, to, {
          delegated,
          reason: options.reason ?? null,
          note,
        });
        return this.view(tx, itemId, 'read');
      });
      if (action === WorkflowAction.PUBLISH || action === WorkflowAction.WITHDRAW) {
        this.notifications.emitLocal('content_changed', item.tenantId);
      }
      return done;
    });
  }

  /** Withdraws a live item at a future time (a job does it then, if nothing changed meanwhile). */
  async scheduleWithdrawal(ctx: RequestContext, itemId: string, at: Date): Promise<Result<ItemView>> {
    return this.guard(async () => {
      const { item, tenant, live } = await this.load(ctx, itemId);
      if (!live || item.withdrawnAt)
        throw invalidTransition(
          'SCHEDULE_WITHDRAWAL',
          item.withdrawnAt ? RevisionStatus.WITHDRAWN : 'NOT_PUBLISHED',
        );
      if (!can(ctx, 'publish', 'Content', this.subject(item, tenant)))
        throw notAllowed('SCHEDULE_WITHDRAWAL');
      if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
        throw inputError(
          'SCHEDULE_IN_PAST',
          'withdrawAt',
          'Thời điểm gỡ phải ở tương lai.',
          'The withdrawal time must be in the future.',
        );
      }
      return this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        await m.update(
          EditorialStateEntity,
          { revisionId: live.id },
          { withdrawAt: at, updatedAt: new Date() },
        );
        await this.jobs.send(
          WITHDRAW_JOB,
          { itemId: item.id, revisionId: live.id, at: at.toISOString() },
          { startAfter: at, singletonKey: `${live.id}@${at.toISOString()}` },
          m,
        );
        await this.record(
          tx,
          m,
          item,
          live.id,
          'SCHEDULE_WITHDRAWAL',
          RevisionStatus.PUBLISHED,
          RevisionStatus.PUBLISHED,
          { delegated: false, note: `withdraw at ${at.toISOString()}` },
        );
        return this.view(tx, itemId, 'read');
      });
    });
  }

  /** Pins an item to (or unpins it from) the home page: a publishing decision. */
  async setPinned(ctx: RequestContext, itemId: string, pinned: boolean): Promise<Result<ItemView>> {
    return this.guard(async () => {
      const { item, tenant } = await this.load(ctx, itemId);
      if (!can(ctx, 'publish', 'Content', this.subject(item, tenant)))
        throw notAllowed(pinned ? 'PIN' : 'UNPIN');
      const done = await this.tx.run(ctx, async (tx) => {
        await this.content.setPinned(this.tx.manager(tx), item, pinned);
        await this.audit.record(tx, {
          tenantId: item.tenantId,
          action: pinned ? 'content.pinned' : 'content.unpinned',
          subjectType: 'Content',
          subjectId: item.id,
          before: { pinned: item.pinned },
          after: { pinned },
        });
        return this.view(tx, itemId, 'read');
      });
      this.notifications.emitLocal('content_changed', item.tenantId);
      return done;
    });
  }

  /** Job: publish a scheduled revision, unless it was unscheduled, rescheduled or published meanwhile. */
  private async publishScheduled(data: { itemId: string; revisionId: string; at: string }): Promise<void> {
    const state = await this.dataSource
      .getRepository(EditorialStateEntity)
      .findOne({ where: { revisionId: data.revisionId } });
    if (state?.status !== RevisionStatus.SCHEDULED || state.scheduledAt?.toISOString() !== data.at) return;
    const result = await this.transition(systemContext('jobs'), data.itemId, WorkflowAction.PUBLISH);
    if (!result.ok && result.error.code !== 'INVALID_TRANSITION') throw result.error;
  }

  /** Job: withdraw a live revision at its time, unless another revision went live or it was withdrawn. */
  private async withdrawScheduled(data: { itemId: string; revisionId: string; at: string }): Promise<void> {
    const state = await this.dataSource
      .getRepository(EditorialStateEntity)
      .findOne({ where: { revisionId: data.revisionId } });
    if (state?.status !== RevisionStatus.PUBLISHED || state.withdrawAt?.toISOString() !== data.at) return;
    const result = await this.transition(systemContext('jobs'), data.itemId, WorkflowAction.WITHDRAW);
    if (!result.ok && result.error.code !== 'INVALID_TRANSITION') throw result.error;
  }

  /** The head of a portal's board lets a deputy approve for a period. */
  async delegate(
    ctx: RequestContext,
    input: { tenantId: string; deputyAccountId: string; validFrom: Date; validTo: Date },
  ): Promise<Result<ApprovalDelegationEntity>> {
    const tenant = this.liveTenant(input.tenantId);
    if (!tenant)
      return fail(
        inputError('TENANT_NOT_FOUND', 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
      );
    if (!can(ctx, 'delegate', 'Content', { tenantId: tenant.id, tenantPath: tenant.path }))
      return fail(notAllowed('DELEGATE'));
    if (!isUuid(input.deputyAccountId) || input.deputyAccountId === ctx.accountId)
      return fail(
        inputError(
          'INVALID_DEPUTY',
          'deputyAccountId',
          'Người được ủy quyền không hợp lệ.',
          'The deputy is not valid.',
        ),
      );
    if (!(input.validTo > input.validFrom))
      return fail(
        inputError(
          'INVALID_PERIOD',
          'validTo',
          'Thời hạn ủy quyền phải kết thúc sau khi bắt đầu.',
          'The delegation must end after it starts.',
        ),
      );
    const m = this.tx.manager(ctx);
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM role_assignments WHERE account_id = $1 AND tenant_id = $2 AND role = 'BOARD_DEPUTY' AND revoked_at IS NULL`,
      [input.deputyAccountId, tenant.id],
    );
    if (n === 0)
      return fail(
        inputError(
          'NOT_A_DEPUTY',
          'deputyAccountId',
          'Người này không phải Phó trưởng ban của cổng.',
          'This account is not a deputy head of this portal’s board.',
        ),
      );
    const row = Object.assign(new ApprovalDelegationEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      headAccountId: ctx.accountId!,
      deputyAccountId: input.deputyAccountId,
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdAt: new Date(),
      revokedAt: null,
    });
    await this.tx.run(ctx, async (tx) => {
      await this.tx.manager(tx).insert(ApprovalDelegationEntity, row);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'editorial.approval_delegated',
        subjectType: 'ApprovalDelegation',
        subjectId: row.id,
        after: { deputyAccountId: row.deputyAccountId, validFrom: row.validFrom, validTo: row.validTo },
      });
    });
    return ok(row);
  }

  /** The deputies of the addressed portal's board, for its head to choose from when delegating. */
  async deputies(
    ctx: RequestContext,
  ): Promise<Array<{ accountId: string; displayName: string; username: string }>> {
    const tenant = ctx.tenant ? this.liveTenant(ctx.tenant.id) : null;
    if (!tenant || !can(ctx, 'delegate', 'Content', { tenantId: tenant.id, tenantPath: tenant.path }))
      return [];
    // As delegate() checks the deputy: live BOARD_DEPUTY assignments of this very portal.
    const rows: Array<{ id: string; display_name: string; username: string }> = await this.tx
      .manager(ctx)
      .query(
        `SELECT DISTINCT a.id, a.display_name, a.username::text AS username
         FROM role_assignments r JOIN accounts a ON a.id = r.account_id
        WHERE r.tenant_id = $1 AND r.role = 'BOARD_DEPUTY' AND r.revoked_at IS NULL
          AND (r.valid_to IS NULL OR r.valid_to > now()) AND a.status = 'ACTIVE'
        ORDER BY a.username::text`,
        [tenant.id],
      );
    return rows.map((r) => ({ accountId: r.id, displayName: r.display_name, username: r.username }));
  }

  async view(ctx: RequestContext, itemId: string, action: AppAction = 'read'): Promise<ItemView> {
    const { item, working, live, tenant, latestNumber } = await this.load(ctx, itemId, action);
    const actions = itemActions(
      ctx,
      this.subject(item, tenant),
      working?.state.status ?? null,
      !!live && !item.withdrawnAt,
    );
    return { item, working, live, latestNumber, actions };
  }

  async history(ctx: RequestContext, itemId: string): Promise<WorkflowEventEntity[]> {
    const { item } = await this.load(ctx, itemId);
    return this.tx
      .manager(ctx)
      .find(WorkflowEventEntity, { where: { itemId: item.id }, order: { id: 'ASC' } });
  }

  async revisions(ctx: RequestContext, itemId: string): Promise<ContentRevisionEntity[]> {
    const { item } = await this.load(ctx, itemId);
    return this.content.revisions(this.tx.manager(ctx), item.id);
  }

  /** A board's queue: revisions waiting for it, oldest deadline first; overdue ones when asked. */
  async queue(
    ctx: RequestContext,
    filter: {
      statuses?: RevisionStatus[] | null;
      overdueOnly?: boolean | null;
      dueWithinHours?: number | null;
      first?: number | null;
    },
  ) {
    const statuses = filter.statuses?.length
      ? filter.statuses
      : [RevisionStatus.SUBMITTED, RevisionStatus.IN_REVIEW, RevisionStatus.APPROVED];
    const qb = this.content.items
      .query(ctx, 'read')
      .innerJoin(EditorialStateEntity, 's', 's.item_id = row.id')
      .innerJoin(ContentRevisionEntity, 'rev', 'rev.id = s.revision_id')
      .andWhere('s.status IN (:...statuses)', { statuses })
      .select([
        'row.id AS item_id',
        'row.kind AS kind',
        'rev.title AS title',
        's.revision_id AS revision_id',
        's.status AS status',
        's.board_due_at AS board_due_at',
        's.unit_due_at AS unit_due_at',
        's.due_at AS due_at',
        's.submitted_at AS submitted_at',
      ]);
    if (filter.overdueOnly)
      qb.andWhere(
        '(s.board_due_at < now() OR s.due_at < now() OR (s.status = :unitReview AND s.unit_due_at < now()))',
        {
          unitReview: RevisionStatus.UNIT_REVIEW,
        },
      );
    // Due soon: a deadline falls within the next n hours (and has not passed).
    if (filter.dueWithinHours != null) {
      if (
        !Number.isInteger(filter.dueWithinHours) ||
        filter.dueWithinHours < 1 ||
        filter.dueWithinHours > 24 * 60
      ) {
        throw inputError(
          'INVALID_HOURS',
          'dueWithinHours',
          'Số giờ phải từ 1 đến 1440.',
          'dueWithinHours must be between 1 and 1440.',
        );
      }
      qb.andWhere(
        `((s.board_due_at >= now() AND s.board_due_at <= now() + make_interval(hours => :dueHours)) OR (s.due_at >= now() AND s.due_at <= now() + make_interval(hours => :dueHours)))`,
        { dueHours: filter.dueWithinHours },
      );
    }
    const rows: Array<{
      item_id: string;
      kind: string;
      title: string;
      revision_id: string;
      status: RevisionStatus;
      board_due_at: Date | null;
      unit_due_at: Date | null;
      due_at: Date | null;
      submitted_at: Date | null;
    }> = await qb
      .orderBy('s.board_due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('row.id', 'ASC')
      .limit(Math.min(filter.first ?? 50, 200))
      .getRawMany();
    return rows;
  }

  // --- helpers ---

  private async load(ctx: RequestContext, itemId: string, action: AppAction = 'read') {
    const item = isUuid(itemId) ? await this.content.items.findById(ctx, action, itemId) : null;
    const tenant = item ? this.routing.tenant(item.tenantId) : null;
    if (!item || !tenant) throw new NotFoundError('Content item', 'itemId');
    const m = this.tx.manager(ctx);
    // States first, then revisions: a save committing in between adds a revision whose state this
    // did not read (ignored below), never a state whose revision it missed, which would hide the
    // working draft (superseded, its successor unseen) and refuse the edit as if nothing were open.
    const states = await m.find(EditorialStateEntity, { where: { itemId: item.id } });
    const revisions = await this.content.revisions(m, item.id);
    const byRevision = new Map(states.map((s) => [s.revisionId, s]));
    const open = revisions
      .map((revision) => ({ revision, state: byRevision.get(revision.id)! }))
      .filter(
        (x) => x.state && !CLOSED.includes(x.state.status) && x.state.status !== RevisionStatus.REFUSED,
      );
    const latest = revisions[revisions.length - 1];
    const latestState = latest ? byRevision.get(latest.id) : undefined;
    const working = open.length
      ? open[open.length - 1]
      : latestState?.status === RevisionStatus.REFUSED && !item.liveRevisionId
        ? { revision: latest, state: latestState }
        : null;
    const live = item.liveRevisionId ? (revisions.find((r) => r.id === item.liveRevisionId) ?? null) : null;
    return { item, tenant, working, live, latestNumber: latest?.number ?? 0 };
  }

  private subject(item: ContentItemEntity, tenant: RoutedTenant) {
    return { tenantId: item.tenantId, tenantPath: tenant.path, createdBy: item.createdBy, field: item.field };
  }

  private liveTenant(id: string): RoutedTenant | null {
    const t = isUuid(id) ? this.routing.tenant(id) : null;
    return t && t.status === TenantStatus.ACTIVE ? t : null;
  }

  /** The item's statutory publication deadline, from its kind's rule and anchor field (docs/domain.md). */
  private statutoryDue(item: ContentItemEntity, revision: ContentRevisionEntity): Promise<Date | null> {
    return this.deadlines.statutoryDue(item, revision.fields);
  }

  private async record(
    ctx: RequestContext,
    m: EntityManager,
    item: ContentItemEntity,
    revisionId: string,
    action: string,
    from: string | null,
    to: string,
    extra: { delegated: boolean; reason?: string | null; note?: string | null },
  ) {
    await m.insert(WorkflowEventEntity, {
      tenantId: item.tenantId,
      itemId: item.id,
      revisionId,
      action,
      fromStatus: from,
      toStatus: to,
      actorAccountId: ctx.accountId,
      delegated: extra.delegated,
      reason: extra.reason ?? null,
      note: extra.note ?? null,
      at: new Date(),
    });
    await this.audit.record(ctx, {
      tenantId: item.tenantId,
      action: `content.${action.toLowerCase()}`,
      subjectType: 'Content',
      subjectId: item.id,
      before: from ? { status: from } : null,
      after: { status: to, revisionId, ...extra },
    });
  }

  /** Expected failures thrown inside become typed results; the transaction has rolled back. */
  private async guard<T>(work: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus !== 500) return fail(e);
      throw e;
    }
  }
}

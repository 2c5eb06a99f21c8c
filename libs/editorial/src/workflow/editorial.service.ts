import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
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
  JobQueue,
  PgNotifications,
  RequestContext,
  Result,
  TransactionRunner,
  can,
  fail,
} from '@portal/platform';
import { ItemDeadlines } from '../deadlines/item-deadlines.service';
import { EditorialErrors } from '../errors/editorial-errors';
import { WorkflowEventEntity } from './editorial.entity';
import { EditorialRepository, QueueRow } from './editorial.repository';
import { EditorialItemsService, ItemView, guarded } from './editorial-items.service';
import { EDITABLE, RevisionStatus, WorkflowAction } from './workflow';
import { StepOptions } from './workflow-steps';
import { WITHDRAW_JOB, WorkflowTransitionService } from './workflow-transition.service';

export type { ItemView } from './editorial-items.service';
export { PUBLISH_JOB, WITHDRAW_JOB } from './workflow-transition.service';

/**
 * The editorial workflow (docs/domain.md): every change of an item goes through here. The state
 * machine (workflow.ts) says which step is possible from which state; the CASL rules (libs/access)
 * say who may take it; failures of either come back as typed errors and change nothing. Every step is
 * recorded as a workflow event and in the audit log. The steps of the state machine are
 * WorkflowTransitionService's; approval delegation is ApprovalDelegationService's.
 */
@Injectable()
export class EditorialService {
  constructor(
    private readonly content: ContentService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly deadlines: ItemDeadlines,
    private readonly notifications: PgNotifications,
    private readonly jobs: JobQueue,
    private readonly items: EditorialItemsService,
    private readonly states: EditorialRepository,
    private readonly workflow: WorkflowTransitionService,
  ) {}

  async create(ctx: RequestContext, input: NewItemInput): Promise<Result<ItemView>> {
    const tenant = this.items.liveTenant(input.tenantId);
    if (!tenant) return fail(EditorialErrors.tenantNotFound());
    if (!Object.values(ContentKind).includes(input.kind)) return fail(EditorialErrors.invalidKind());
    const field = input.field ? plainText(input.field) : null;
    if (
      !can(ctx, 'create', 'Content', {
        tenantId: tenant.id,
        tenantPath: tenant.path,
        createdBy: ctx.accountId,
        field,
      })
    )
      return fail(EditorialErrors.notAllowed('CREATE'));
    const clean = this.content.clean(input.kind, input);
    if ('error' in clean) return fail(clean.error);
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const { item, revision } = await this.content.createItem(
          this.tx.manager(tx),
          tx,
          { ...input, field },
          clean.value,
        );
        const dueAt = await this.deadlines.statutoryDue(item, revision.fields);
        await this.states.insertState(tx, {
          revisionId: revision.id,
          itemId: item.id,
          tenantId: item.tenantId,
          status: RevisionStatus.DRAFT,
          submittedAt: null,
          boardDueAt: null,
          dueAt,
          updatedAt: new Date(),
        });
        await this.items.record(tx, item, revision.id, 'CREATE', null, RevisionStatus.DRAFT, {
          delegated: false,
        });
        // Read back inside the transaction: once it commits, the answer is built and nothing can
        // turn a stored write into a reported failure.
        return this.items.view(tx, item.id, 'read');
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
    return guarded(async () => {
      const current = await this.items.load(ctx, itemId);
      if (baseNumber != null && baseNumber !== current.latestNumber) throw editConflict();
      const { item, tenant } = current;
      const subject = this.items.subject(item, tenant);
      const working = current.working;
      let status: RevisionStatus;
      if (working) {
        const needed = EDITABLE[working.state.status];
        if (!needed) throw EditorialErrors.invalidTransition('EDIT', working.state.status);
        if (
          !can(ctx, needed, 'Content', subject) &&
          !(needed === 'update' && can(ctx, 'review', 'Content', subject))
        )
          throw EditorialErrors.notAllowed('EDIT');
        status = working.state.status;
      } else {
        // Editing a live item: a new draft goes through the workflow while the live revision stays.
        if (!item.liveRevisionId || item.withdrawnAt)
          throw EditorialErrors.invalidTransition('EDIT', 'REFUSED');
        if (!can(ctx, 'update', 'Content', subject) && !can(ctx, 'review', 'Content', subject))
          throw EditorialErrors.notAllowed('EDIT');
        status = RevisionStatus.DRAFT;
      }
      const clean = this.content.clean(item.kind, input);
      if ('error' in clean) throw clean.error;
      return this.tx.run(ctx, async (tx) => {
        // The working revision's state is locked first, as a workflow step locks it, so a save and a
        // step on the same item take turns; a save that finds the state moved is told to reload.
        if (working) {
          const locked = await this.states.lockState(tx, working.revision.id);
          if (!locked || locked.status !== working.state.status) throw editConflict();
        }
        const revision = await this.content.addRevision(
          this.tx.manager(tx),
          tx,
          item,
          clean.value,
          current.latestNumber,
        );
        if (working)
          await this.states.updateState(tx, working.revision.id, {
            status: RevisionStatus.SUPERSEDED,
            updatedAt: new Date(),
          });
        const dueAt = await this.deadlines.statutoryDue(item, revision.fields);
        await this.states.insertState(tx, {
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
        await this.items.record(tx, item, revision.id, 'EDIT', working?.state.status ?? null, status, {
          delegated: false,
        });
        return this.items.view(tx, itemId, 'read');
      });
    });
  }

  /** Restores an earlier revision's content as a new revision (the history keeps both). */
  async restore(ctx: RequestContext, itemId: string, number: number): Promise<Result<ItemView>> {
    return guarded(async () => {
      const { item } = await this.items.load(ctx, itemId);
      const old = await this.content.revision(this.tx.manager(ctx), item.id, number);
      if (!old) throw EditorialErrors.revisionNotFound('number');
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

  /** Takes a step of the state machine (WorkflowTransitionService). */
  transition(
    ctx: RequestContext,
    itemId: string,
    action: WorkflowAction,
    options: StepOptions = {},
  ): Promise<Result<ItemView>> {
    return this.workflow.transition(ctx, itemId, action, options);
  }

  /** Withdraws a live item at a future time (a job does it then, if nothing changed meanwhile). */
  async scheduleWithdrawal(ctx: RequestContext, itemId: string, at: Date): Promise<Result<ItemView>> {
    return guarded(async () => {
      const { item, tenant, live } = await this.items.load(ctx, itemId);
      if (!live || item.withdrawnAt)
        throw EditorialErrors.invalidTransition(
          'SCHEDULE_WITHDRAWAL',
          item.withdrawnAt ? RevisionStatus.WITHDRAWN : 'NOT_PUBLISHED',
        );
      if (!can(ctx, 'publish', 'Content', this.items.subject(item, tenant)))
        throw EditorialErrors.notAllowed('SCHEDULE_WITHDRAWAL');
      if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) throw EditorialErrors.withdrawInPast();
      return this.tx.run(ctx, async (tx) => {
        await this.states.updateState(tx, live.id, { withdrawAt: at, updatedAt: new Date() });
        await this.jobs.send(
          WITHDRAW_JOB,
          { itemId: item.id, revisionId: live.id, at: at.toISOString() },
          { startAfter: at, singletonKey: `${live.id}@${at.toISOString()}` },
          this.tx.manager(tx),
        );
        await this.items.record(
          tx,
          item,
          live.id,
          'SCHEDULE_WITHDRAWAL',
          RevisionStatus.PUBLISHED,
          RevisionStatus.PUBLISHED,
          { delegated: false, note: `withdraw at ${at.toISOString()}` },
        );
        return this.items.view(tx, itemId, 'read');
      });
    });
  }

  /** Pins an item to (or unpins it from) the home page: a publishing decision. */
  async setPinned(ctx: RequestContext, itemId: string, pinned: boolean): Promise<Result<ItemView>> {
    return guarded(async () => {
      const { item, tenant } = await this.items.load(ctx, itemId);
      if (!can(ctx, 'publish', 'Content', this.items.subject(item, tenant)))
        throw EditorialErrors.notAllowed(pinned ? 'PIN' : 'UNPIN');
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
        return this.items.view(tx, itemId, 'read');
      });
      this.notifications.emitLocal('content_changed', item.tenantId);
      return done;
    });
  }

  view(ctx: RequestContext, itemId: string, action: AppAction = 'read'): Promise<ItemView> {
    return this.items.view(ctx, itemId, action);
  }

  async history(ctx: RequestContext, itemId: string): Promise<WorkflowEventEntity[]> {
    const { item } = await this.items.load(ctx, itemId);
    return this.states.events(ctx, item.id);
  }

  async revisions(ctx: RequestContext, itemId: string): Promise<ContentRevisionEntity[]> {
    const { item } = await this.items.load(ctx, itemId);
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
  ): Promise<QueueRow[]> {
    const statuses = filter.statuses?.length
      ? filter.statuses
      : [RevisionStatus.SUBMITTED, RevisionStatus.IN_REVIEW, RevisionStatus.APPROVED];
    // Due soon: a deadline within the next n hours, n from 1 to 1440.
    const hours = filter.dueWithinHours;
    if (hours != null && (!Number.isInteger(hours) || hours < 1 || hours > 24 * 60))
      throw EditorialErrors.invalidHours();
    return this.states.queue(ctx, { ...filter, statuses });
  }
}

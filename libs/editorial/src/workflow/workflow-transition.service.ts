import { Injectable } from '@nestjs/common';
import { ContentItemEntity, ContentRevisionEntity, ContentService, plainText } from '@portal/content';
import {
  JobQueue,
  PgNotifications,
  RequestContext,
  Result,
  TransactionRunner,
  asSubject,
  can,
} from '@portal/platform';
import { ItemDeadlines } from '../deadlines/item-deadlines.service';
import { UnitVetting } from '../workflow-policy/unit-vetting';
import { EditorialErrors } from '../errors/editorial-errors';
import { EditorialStateEntity } from './editorial.entity';
import { EditorialRepository } from './editorial.repository';
import { EditorialItemsService, ItemView, guarded } from './editorial-items.service';
import { REVISION_WORKFLOW, RevisionStatus, WorkflowAction } from './workflow';
import { STEP_RULES, StepOptions } from './workflow-steps';

export const PUBLISH_JOB = 'content-publish';
export const WITHDRAW_JOB = 'content-withdraw';

/** A step being taken, inside its transaction. */
interface StepRun {
  tx: RequestContext;
  item: ContentItemEntity;
  revisionId: string;
  live: ContentRevisionEntity | null;
  options: StepOptions;
  now: Date;
  /** The changes to the revision's state, which the effect may add to. */
  changes: Partial<EditorialStateEntity>;
}

/**
 * One step of the revision workflow. The state machine (REVISION_WORKFLOW) says whether the step is
 * possible from the revision's state and which ability it needs; STEP_RULES what it asks of its
 * input; `effects` what it does besides moving the state. Whatever fails comes back as a typed error
 * and changes nothing.
 */
@Injectable()
export class WorkflowTransitionService {
  constructor(
    private readonly content: ContentService,
    private readonly tx: TransactionRunner,
    private readonly items: EditorialItemsService,
    private readonly states: EditorialRepository,
    private readonly deadlines: ItemDeadlines,
    private readonly notifications: PgNotifications,
    private readonly jobs: JobQueue,
    private readonly vetting: UnitVetting,
  ) {}

  /** What a step does besides moving the state, in the step's transaction. */
  private readonly effects: Partial<Record<WorkflowAction, (run: StepRun) => Promise<void>>> = {
    [WorkflowAction.SCHEDULE]: async ({ tx, item, revisionId, options, changes }) => {
      const at = options.at!;
      changes.scheduledAt = at;
      // Sent in the same transaction: the state and its job commit, or roll back, together.
      await this.jobs.send(
        PUBLISH_JOB,
        { itemId: item.id, revisionId, at: at.toISOString() },
        { startAfter: at, singletonKey: `${revisionId}@${at.toISOString()}` },
        this.tx.manager(tx),
      );
    },
    [WorkflowAction.UNSCHEDULE]: async ({ changes }) => {
      changes.scheduledAt = null;
    },
    [WorkflowAction.SUBMIT]: async ({ item, now, changes }) => {
      changes.submittedAt = now;
      changes.boardDueAt = await this.deadlines.boardDue(now, item.tenantId);
    },
    [WorkflowAction.PUBLISH]: async ({ tx, item, revisionId, live, now }) => {
      if (live)
        await this.states.updateState(tx, live.id, { status: RevisionStatus.SUPERSEDED, updatedAt: now });
      await this.content.makeLive(this.tx.manager(tx), item, revisionId, now);
      await this.content.lifecycle(tx, { type: 'published', item, at: now });
    },
    [WorkflowAction.WITHDRAW]: async ({ tx, item, now }) => {
      await this.content.withdraw(this.tx.manager(tx), item, now);
      await this.content.lifecycle(tx, { type: 'withdrawn', item, at: now });
    },
  };

  async transition(
    ctx: RequestContext,
    itemId: string,
    action: WorkflowAction,
    options: StepOptions = {},
  ): Promise<Result<ItemView>> {
    return guarded(async () => {
      const { item, tenant, working, live } = await this.items.load(ctx, itemId);
      const rule = STEP_RULES[action] ?? {};
      const target = rule.onLive
        ? live && !item.withdrawnAt
          ? { revision: live, state: (await this.states.state(ctx, live.id))! }
          : null
        : working;
      const status =
        target?.state.status ?? (item.withdrawnAt ? RevisionStatus.WITHDRAWN : RevisionStatus.PUBLISHED);
      const t = target ? REVISION_WORKFLOW.step(action, target.state.status) : null;
      if (!target || !t) throw EditorialErrors.invalidTransition(action, status);
      const subject = this.items.subject(item, tenant);
      if (!can(ctx, t.ability, 'Content', subject)) throw EditorialErrors.notAllowed(action);
      const note = options.note ? plainText(options.note).slice(0, 4000) : null;
      const refused = rule.input?.(options, note);
      if (refused) throw refused;
      const delegated =
        action === WorkflowAction.APPROVE &&
        ctx.ability.relevantRuleFor('approve', asSubject('Content', subject) as never)?.reason ===
          'delegation';
      const done = await this.tx.run(ctx, async (tx) => {
        // Two editors (or two job workers) taking the same step at once: the first wins, the
        // second finds the state moved and gets INVALID_TRANSITION.
        const locked = await this.states.lockState(tx, target.revision.id);
        if (!locked || locked.status !== target.state.status)
          throw EditorialErrors.invalidTransition(action, locked?.status ?? status);
        const now = new Date();
        // Where the portal's regulation asks for unit pre-vetting, SUBMIT and VET lead elsewhere.
        const vetted = await this.vetting.step(action, item, now);
        const to = vetted?.to ?? t.to;
        const changes: Partial<EditorialStateEntity> = { status: to, updatedAt: now };
        const run = { tx, item, revisionId: target.revision.id, live, options, now, changes };
        await this.effects[action]?.(run);
        Object.assign(changes, vetted?.changes);
        await this.states.updateState(tx, target.revision.id, changes);
        await this.items.record(tx, item, target.revision.id, action, target.state.status, to, {
          delegated,
          reason: options.reason ?? null,
          note,
        });
        return this.items.view(tx, itemId, 'read');
      });
      if (rule.changesLive) this.notifications.emitLocal('content_changed', item.tenantId);
      return done;
    });
  }
}

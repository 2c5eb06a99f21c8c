import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { ContentLifecycleEvent, ContentService, plainText } from '@portal/content';
import { PgNotifications, RequestContext, Result, TransactionRunner, can, isUuid } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { FederationErrors } from '../errors/federation-errors';
import { SyndicationEntity, SyndicationRuleEntity } from './syndication.entity';
import { SyndicationDirection, SyndicationState } from './syndication-state';
import { AcceptOptions, PushOutcome, PushPlacement, PushTargets, RuleInput } from './syndication-inputs';
import { SyndicationPlacement, guarded } from './syndication-placement';
import { SyndicationRepository } from './syndication.repository';
import { SyndicationDecisionsService } from './syndication-decisions.service';
import { SyndicationPushService } from './syndication-push.service';
import { SyndicationRulesService } from './syndication-rules.service';

export * from './syndication-inputs';

/**
 * Sharing items between portals of one tree (docs/domain.md, 38a/QĐ-STTTT art. 9.2). Upward, a component
 * portal's board proposes a published item to an ancestor and that portal's board decides; downward,
 * an ancestor's board pushes an item to chosen descendants. A copy is only a placement: title,
 * body and revisions stay the source's, so a new revision shows everywhere at once and a withdrawal
 * at the source ends every copy (the public reads join the source's live state; the lifecycle
 * listener below records it). Every decision, automatic or not, is audited. Decisions, pushes and
 * auto-accept rules are their own services; this is the one entry the resolver and the tests call.
 */
@Injectable()
export class SyndicationService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly content: ContentService,
    private readonly notifications: PgNotifications,
    private readonly rows: SyndicationRepository,
    private readonly placement: SyndicationPlacement,
    private readonly decisions: SyndicationDecisionsService,
    private readonly pushes: SyndicationPushService,
    private readonly autoAccept: SyndicationRulesService,
  ) {}

  onModuleInit(): void {
    this.content.onLifecycle((tx, event) => this.followSource(tx, event));
  }

  /** Proposes a published item to an ancestor portal (the parent when none is named). */
  propose(
    ctx: RequestContext,
    itemId: string,
    targetTenantId?: string | null,
    note?: string | null,
  ): Promise<Result<SyndicationEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const { item, source } = await this.placement.liveItem(tx, itemId, 'itemId');
        if (!can(tx, 'propose', 'Content', { tenantId: source.id, tenantPath: source.path }))
          throw FederationErrors.notAllowed();
        const targetId = targetTenantId ?? source.parentId;
        const target = targetId ? this.placement.portal(targetId) : null;
        if (!target || !source.path.startsWith(`${target.path}.`)) throw FederationErrors.notAnAncestor();
        if (await this.rows.isOpen(tx, item.id, target.id))
          throw FederationErrors.alreadySyndicated('targetTenantId');
        const now = new Date();
        const row = Object.assign(new SyndicationEntity(), {
          id: randomUUID(),
          itemId: item.id,
          sourceTenantId: source.id,
          targetTenantId: target.id,
          direction: SyndicationDirection.UP,
          state: SyndicationState.PROPOSED,
          categoryId: null,
          titleOverride: null,
          summaryOverride: null,
          slug: null,
          pinned: false,
          note: note ? plainText(note).trim() || null : null,
          proposedBy: tx.accountId,
          proposedAt: now,
          decidedBy: null,
          decidedAt: null,
          reason: null,
          ruleId: null,
          placedAt: null,
          updatedAt: now,
        });
        await this.rows.insert(tx, row);
        await this.audit.record(tx, {
          tenantId: target.id,
          action: 'syndication.proposed',
          subjectType: 'Syndication',
          subjectId: row.id,
          after: { itemId: item.id, sourceTenantId: source.id, note: row.note },
        });
        const rule = await this.autoAccept.matchingRule(tx, target, source, item);
        if (rule) {
          await this.placement.place(tx, row, item, target, { categoryId: rule.categoryId }, now);
          Object.assign(row, { decidedAt: now, ruleId: rule.id });
          await this.rows.update(tx, row.id, { decidedAt: now, ruleId: rule.id });
          await this.audit.record(tx, {
            tenantId: target.id,
            action: 'syndication.auto_accepted',
            subjectType: 'Syndication',
            subjectId: row.id,
            after: { ruleId: rule.id, itemId: item.id, categoryId: row.categoryId, slug: row.slug },
          });
        }
        return row;
      }),
    );
  }

  accept(ctx: RequestContext, id: string, options: AcceptOptions = {}): Promise<Result<SyndicationEntity>> {
    return this.decisions.accept(ctx, id, options);
  }

  refuse(ctx: RequestContext, id: string, reason: string): Promise<Result<SyndicationEntity>> {
    return this.decisions.refuse(ctx, id, reason);
  }

  drop(ctx: RequestContext, id: string, reason?: string | null): Promise<Result<SyndicationEntity>> {
    return this.decisions.drop(ctx, id, reason);
  }

  retract(ctx: RequestContext, id: string): Promise<Result<SyndicationEntity>> {
    return this.decisions.retract(ctx, id);
  }

  push(
    ctx: RequestContext,
    itemId: string,
    targets: PushTargets,
    placement: PushPlacement,
  ): Promise<Result<PushOutcome>> {
    return this.pushes.push(ctx, itemId, targets, placement);
  }

  createRule(ctx: RequestContext, input: RuleInput): Promise<Result<SyndicationRuleEntity>> {
    return this.autoAccept.createRule(ctx, input);
  }

  disableRule(ctx: RequestContext, id: string): Promise<Result<SyndicationRuleEntity>> {
    return this.autoAccept.disableRule(ctx, id);
  }

  rules(ctx: RequestContext, tenantId: string): Promise<SyndicationRuleEntity[]> {
    return this.autoAccept.rules(ctx, tenantId);
  }

  /** Syndications received by a portal (its board's queue with `PROPOSED`), oldest proposal first. */
  received(
    ctx: RequestContext,
    tenantId: string,
    state: SyndicationState | null,
    first: number,
  ): Promise<SyndicationEntity[]> {
    return this.rows.received(ctx, tenantId, state, first);
  }

  /** Every syndication of an item, for the editors of its portal (where it went, what was decided). */
  async ofItem(ctx: RequestContext, itemId: string): Promise<SyndicationEntity[]> {
    const item = isUuid(itemId) ? await this.rows.item(ctx, itemId) : null;
    const source = item ? this.routing.tenant(item.tenantId) : null;
    if (
      !item ||
      !source ||
      !can(ctx, 'read', 'Content', {
        tenantId: source.id,
        tenantPath: source.path,
        createdBy: item.createdBy,
        field: item.field,
      })
    )
      return [];
    return this.rows.ofItem(ctx, item.id);
  }

  /** A withdrawal at the source ends every copy and open proposal, in the same transaction. */
  private async followSource(tx: RequestContext, event: ContentLifecycleEvent): Promise<void> {
    if (event.type !== 'withdrawn') return;
    const open = await this.rows.openOfItem(tx, event.item.id);
    if (open.length === 0) return;
    await this.rows.markWithdrawn(
      tx,
      open.map((o) => o.id),
      event.at,
    );
    await this.audit.record(
      tx,
      ...open.map((o) => ({
        tenantId: o.targetTenantId,
        action: 'syndication.source_withdrawn',
        subjectType: 'Syndication',
        subjectId: o.id,
        before: { state: o.state },
        after: { state: SyndicationState.WITHDRAWN },
      })),
    );
    // The portals that showed a copy drop their cached pages here at once, as the source's portal
    // does; the database's notification after the commit does the same on every instance.
    for (const target of new Set(open.map((o) => o.targetTenantId)))
      this.notifications.emitLocal('content_changed', target);
  }
}

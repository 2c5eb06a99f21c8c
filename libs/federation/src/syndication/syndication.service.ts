import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  ContentItemEntity,
  ContentKind,
  ContentLifecycleEvent,
  ContentService,
  plainText,
} from '@portal/content';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  PgNotifications,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { CategoryEntity, HostRoutingService, RoutedTenant, TenantKind, TenantStatus } from '@portal/tenancy';
import { isWithin, subtreeOf } from '../subtree/portal-tree';
import { SyndicationEntity, SyndicationRuleEntity } from './syndication.entity';
import {
  SyndicationAction,
  SyndicationDirection,
  SyndicationState,
  syndicationTransition,
} from './syndication-state';

export enum PushPlacement {
  /** On the receiving portal's home page, pinned. */
  PINNED = 'PINNED',
  /** In the receiving portal's section for the item's kind (announcements, directives…), not pinned. */
  ANNOUNCEMENTS = 'ANNOUNCEMENTS',
}

export interface PushTargets {
  /** Every live descendant. */
  all?: boolean | null;
  /** Only descendants of these kinds (with `all`, or within the subtrees/list below). */
  portalKinds?: TenantKind[] | null;
  /** Whole subtrees (the root included), each under the pushing portal. */
  subtreeRootIds?: string[] | null;
  /** Individual descendants. */
  tenantIds?: string[] | null;
}

export interface AcceptOptions {
  categoryId?: string | null;
  titleOverride?: string | null;
  summaryOverride?: string | null;
}

export interface RuleInput {
  tenantId: string;
  kinds?: ContentKind[] | null;
  sourcePortalKinds?: TenantKind[] | null;
  sourceRootId?: string | null;
  categoryId?: string | null;
}

export interface PushOutcome {
  pushed: SyndicationEntity[];
  /** Chosen portals where the item already shows (or waits), left as they were. */
  alreadyThere: number;
}

const notAllowed = () =>
  new ForbiddenError({
    vi: 'Bạn không có quyền thực hiện thao tác chia sẻ này.',
    en: 'You may not take this syndication step.',
  });

const invalidStep = (action: SyndicationAction, state: SyndicationState) =>
  inputError(
    'INVALID_TRANSITION',
    'action',
    `Không thể thực hiện “${action}” khi bài chia sẻ đang ở trạng thái ${state}.`,
    `${action} is not possible while the syndication is ${state}.`,
  );

const LIVE_PORTAL = [TenantStatus.ACTIVE];

/**
 * Sharing items between portals of one tree (docs/domain.md, 38a/QĐ-STTTT art. 9.2). Upward, a component
 * portal's board proposes a published item to an ancestor and that portal's board decides; downward,
 * an ancestor's board pushes an item to chosen descendants. A copy is only a placement: title,
 * body and revisions stay the source's, so a new revision shows everywhere at once and a withdrawal
 * at the source ends every copy (the public reads join the source's live state; the lifecycle
 * listener below records it). Every decision, automatic or not, is audited.
 */
@Injectable()
export class SyndicationService implements OnModuleInit {
  readonly syndications: ScopedRepository<SyndicationEntity>;
  private readonly ruleRows: ScopedRepository<SyndicationRuleEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly content: ContentService,
    private readonly notifications: PgNotifications,
  ) {
    // Scoped by the receiving portal: its board's queue and rules.
    this.syndications = scoped.for(SyndicationEntity, 'Syndication', 'targetTenantId');
    this.ruleRows = scoped.for(SyndicationRuleEntity, 'Syndication');
  }

  onModuleInit(): void {
    this.content.onLifecycle((tx, event) => this.followSource(tx, event));
  }

  // ---- Up ---------------------------------------------------------------------------------------

  /** Proposes a published item to an ancestor portal (the parent when none is named). */
  propose(
    ctx: RequestContext,
    itemId: string,
    targetTenantId?: string | null,
    note?: string | null,
  ): Promise<Result<SyndicationEntity>> {
    return this.guard(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const { item, source } = await this.liveItem(m, itemId, 'itemId');
        if (!can(tx, 'propose', 'Content', { tenantId: source.id, tenantPath: source.path }))
          throw notAllowed();
        const targetId = targetTenantId ?? source.parentId;
        const target = targetId ? this.portal(targetId) : null;
        if (!target || !source.path.startsWith(`${target.path}.`))
          throw inputError(
            'NOT_AN_ANCESTOR',
            'targetTenantId',
            'Chỉ có thể đề xuất lên cổng cấp trên của cổng nguồn.',
            'An item can only be proposed to an ancestor of its portal.',
          );
        await this.assertNotOpen(m, item.id, target.id, 'targetTenantId');
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
        await m.insert(SyndicationEntity, row);
        await this.audit.record(tx, {
          tenantId: target.id,
          action: 'syndication.proposed',
          subjectType: 'Syndication',
          subjectId: row.id,
          after: { itemId: item.id, sourceTenantId: source.id, note: row.note },
        });
        const rule = await this.matchingRule(m, target, source, item);
        if (rule) {
          await this.place(m, row, item, target, { categoryId: rule.categoryId }, now);
          Object.assign(row, { decidedAt: now, ruleId: rule.id });
          await m.update(SyndicationEntity, { id: row.id }, { decidedAt: now, ruleId: rule.id });
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

  /** The receiving board accepts a proposal, optionally into its own category and under its own title. */
  accept(ctx: RequestContext, id: string, options: AcceptOptions = {}): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.ACCEPT, async (tx, m, row, target) => {
      const item = await m.findOneByOrFail(ContentItemEntity, { id: row.itemId });
      await this.place(m, row, item, target, options, new Date());
      row.decidedBy = tx.accountId;
      row.decidedAt = row.placedAt;
      await m.update(
        SyndicationEntity,
        { id: row.id },
        { decidedBy: row.decidedBy, decidedAt: row.decidedAt },
      );
      return { categoryId: row.categoryId, slug: row.slug, titleOverride: row.titleOverride };
    });
  }

  /** The receiving board refuses a proposal; the reason goes back to the proposing portal. */
  refuse(ctx: RequestContext, id: string, reason: string): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.REFUSE, async (tx, m, row) => {
      const clean = plainText(reason ?? '').trim();
      if (!clean)
        throw inputError('REASON_REQUIRED', 'reason', 'Cần ghi lý do từ chối.', 'A refusal needs a reason.');
      Object.assign(row, { state: SyndicationState.REFUSED, reason: clean, decidedBy: tx.accountId });
      row.decidedAt = new Date();
      await m.update(
        SyndicationEntity,
        { id: row.id },
        {
          state: row.state,
          reason: clean,
          decidedBy: row.decidedBy,
          decidedAt: row.decidedAt,
          updatedAt: row.decidedAt,
        },
      );
      return { reason: clean };
    });
  }

  /** The receiving board takes an accepted copy off its portal; the source is untouched. */
  drop(ctx: RequestContext, id: string, reason?: string | null): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.DROP, async (_tx, m, row) => {
      const clean = reason ? plainText(reason).trim() || null : null;
      Object.assign(row, { state: SyndicationState.DROPPED, reason: clean, updatedAt: new Date() });
      await m.update(
        SyndicationEntity,
        { id: row.id },
        { state: row.state, reason: clean, updatedAt: row.updatedAt },
      );
      return { reason: clean };
    });
  }

  /** The sending side takes back a proposal or a push. */
  retract(ctx: RequestContext, id: string): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.RETRACT, async (_tx, m, row) => {
      Object.assign(row, { state: SyndicationState.RETRACTED, updatedAt: new Date() });
      await m.update(SyndicationEntity, { id: row.id }, { state: row.state, updatedAt: row.updatedAt });
      return {};
    });
  }

  // ---- Down -------------------------------------------------------------------------------------

  /**
   * The board of a portal publishes one of its live items on chosen descendants: it shows there
   * pinned or in the section for its kind, marked as coming from above, and they cannot edit or drop it.
   */
  push(
    ctx: RequestContext,
    itemId: string,
    targets: PushTargets,
    placement: PushPlacement,
  ): Promise<Result<PushOutcome>> {
    return this.guard(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const { item, source } = await this.liveItem(m, itemId, 'itemId');
        if (!can(tx, 'push', 'Content', { tenantId: source.id, tenantPath: source.path })) throw notAllowed();
        const chosen = this.resolveTargets(source, targets);
        const open = await m.find(SyndicationEntity, {
          select: { targetTenantId: true },
          where: {
            itemId: item.id,
            targetTenantId: In(chosen.map((t) => t.id)),
            state: In([SyndicationState.PROPOSED, SyndicationState.ACCEPTED]),
          },
        });
        const taken = new Set(open.map((o) => o.targetTenantId));
        const fresh = chosen.filter((t) => !taken.has(t.id));
        const sections = await this.sectionsFor(m, fresh, item.kind);
        const now = new Date();
        const rows: SyndicationEntity[] = [];
        for (const target of fresh) {
          rows.push(
            Object.assign(new SyndicationEntity(), {
              id: randomUUID(),
              itemId: item.id,
              sourceTenantId: source.id,
              targetTenantId: target.id,
              direction: SyndicationDirection.DOWN,
              state: SyndicationState.ACCEPTED,
              categoryId:
                placement === PushPlacement.ANNOUNCEMENTS ? (sections.get(target.id) ?? null) : null,
              titleOverride: null,
              summaryOverride: null,
              slug: await this.freeSlug(m, target.id, item),
              pinned: placement === PushPlacement.PINNED,
              note: null,
              proposedBy: tx.accountId,
              proposedAt: now,
              decidedBy: tx.accountId,
              decidedAt: now,
              reason: null,
              ruleId: null,
              placedAt: now,
              updatedAt: now,
            }),
          );
        }
        for (let i = 0; i < rows.length; i += 1000)
          await m.insert(SyndicationEntity, rows.slice(i, i + 1000));
        await this.audit.record(
          tx,
          ...rows.map((r) => ({
            tenantId: r.targetTenantId,
            action: 'syndication.pushed',
            subjectType: 'Syndication',
            subjectId: r.id,
            after: {
              itemId: item.id,
              sourceTenantId: source.id,
              placement,
              categoryId: r.categoryId,
              slug: r.slug,
            },
          })),
        );
        return { pushed: rows, alreadyThere: chosen.length - fresh.length };
      }),
    );
  }

  // ---- Auto-accept rules --------------------------------------------------------------------------

  createRule(ctx: RequestContext, input: RuleInput): Promise<Result<SyndicationRuleEntity>> {
    return this.guard(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const tenant = isUuid(input.tenantId) ? this.portal(input.tenantId) : null;
        if (!tenant) throw new NotFoundError('Portal', 'tenantId');
        if (!can(tx, 'configure', 'Syndication', { tenantId: tenant.id, tenantPath: tenant.path }))
          throw notAllowed();
        if (input.sourceRootId) {
          const root = isUuid(input.sourceRootId) ? this.portal(input.sourceRootId) : null;
          if (!root || !root.path.startsWith(`${tenant.path}.`))
            throw inputError(
              'NOT_A_DESCENDANT',
              'sourceRootId',
              'Phạm vi nguồn phải là một cổng cấp dưới.',
              'The source subtree must be below this portal.',
            );
        }
        if (input.categoryId) await this.assertCategoryOf(m, tenant.id, input.categoryId, 'categoryId');
        const rule = Object.assign(new SyndicationRuleEntity(), {
          id: randomUUID(),
          tenantId: tenant.id,
          kinds: input.kinds?.length ? [...new Set(input.kinds)] : null,
          sourcePortalKinds: input.sourcePortalKinds?.length ? [...new Set(input.sourcePortalKinds)] : null,
          sourceRootId: input.sourceRootId ?? null,
          categoryId: input.categoryId ?? null,
          createdBy: tx.accountId,
          createdAt: new Date(),
          disabledAt: null,
          disabledBy: null,
        });
        await m.insert(SyndicationRuleEntity, rule);
        await this.audit.record(tx, {
          tenantId: tenant.id,
          action: 'syndication.rule_created',
          subjectType: 'SyndicationRule',
          subjectId: rule.id,
          after: { ...rule },
        });
        return rule;
      }),
    );
  }

  disableRule(ctx: RequestContext, id: string): Promise<Result<SyndicationRuleEntity>> {
    return this.guard(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const rule = isUuid(id) ? await m.findOneBy(SyndicationRuleEntity, { id }) : null;
        const tenant = rule ? this.portal(rule.tenantId) : null;
        if (
          !rule ||
          !tenant ||
          !can(tx, 'configure', 'Syndication', { tenantId: tenant.id, tenantPath: tenant.path })
        )
          throw new NotFoundError('Rule');
        if (!rule.disabledAt) {
          Object.assign(rule, { disabledAt: new Date(), disabledBy: tx.accountId });
          await m.update(
            SyndicationRuleEntity,
            { id },
            { disabledAt: rule.disabledAt, disabledBy: rule.disabledBy },
          );
          await this.audit.record(tx, {
            tenantId: tenant.id,
            action: 'syndication.rule_disabled',
            subjectType: 'SyndicationRule',
            subjectId: rule.id,
          });
        }
        return rule;
      }),
    );
  }

  /** A portal's auto-accept rules, newest first, for those who may read what it receives. */
  rules(ctx: RequestContext, tenantId: string): Promise<SyndicationRuleEntity[]> {
    return this.ruleRows
      .query(ctx, 'read', 'row')
      .andWhere('row.tenant_id = :tenantId', { tenantId: isUuid(tenantId) ? tenantId : null })
      .orderBy('row.created_at', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .getMany();
  }

  // ---- Reads --------------------------------------------------------------------------------------

  /** Syndications received by a portal (its board's queue with `PROPOSED`), oldest proposal first. */
  async received(
    ctx: RequestContext,
    tenantId: string,
    state: SyndicationState | null,
    first: number,
  ): Promise<SyndicationEntity[]> {
    const qb = this.syndications
      .query(ctx, 'read')
      .andWhere('row.target_tenant_id = :tenantId', { tenantId: isUuid(tenantId) ? tenantId : null })
      .orderBy('row.proposed_at', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .take(first);
    if (state) qb.andWhere('row.state = :state', { state });
    return qb.getMany();
  }

  /** Every syndication of an item, for the editors of its portal (where it went, what was decided). */
  async ofItem(ctx: RequestContext, itemId: string): Promise<SyndicationEntity[]> {
    const m = this.tx.manager(ctx);
    const item = isUuid(itemId) ? await m.findOneBy(ContentItemEntity, { id: itemId }) : null;
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
    return m.find(SyndicationEntity, { where: { itemId: item.id }, order: { proposedAt: 'ASC', id: 'ASC' } });
  }

  // ---- Internals ----------------------------------------------------------------------------------

  /** A withdrawal at the source ends every copy and open proposal, in the same transaction. */
  private async followSource(tx: RequestContext, event: ContentLifecycleEvent): Promise<void> {
    if (event.type !== 'withdrawn') return;
    const m = this.tx.manager(tx);
    const open = await m.find(SyndicationEntity, {
      where: { itemId: event.item.id, state: In([SyndicationState.PROPOSED, SyndicationState.ACCEPTED]) },
    });
    if (open.length === 0) return;
    await m.update(
      SyndicationEntity,
      { id: In(open.map((o) => o.id)) },
      { state: SyndicationState.WITHDRAWN, updatedAt: event.at },
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

  /** One decision on one syndication: locked, checked against the state machine and the side's rights. */
  private step(
    ctx: RequestContext,
    id: string,
    action: SyndicationAction,
    apply: (
      tx: RequestContext,
      m: EntityManager,
      row: SyndicationEntity,
      target: RoutedTenant,
    ) => Promise<Record<string, unknown>>,
  ): Promise<Result<SyndicationEntity>> {
    return this.guard(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const row = isUuid(id)
          ? await m
              .createQueryBuilder(SyndicationEntity, 's')
              .setLock('pessimistic_write')
              .where('s.id = :id', { id })
              .getOne()
          : null;
        const target = row ? this.routing.tenant(row.targetTenantId) : null;
        const source = row ? this.routing.tenant(row.sourceTenantId) : null;
        if (!row || !target || !source) throw new NotFoundError('Syndication');
        const t = syndicationTransition(action, row.state, row.direction);
        const allowed =
          t?.side === 'receiver'
            ? can(tx, 'decide', 'Syndication', { tenantId: target.id, tenantPath: target.path })
            : can(tx, row.direction === SyndicationDirection.UP ? 'propose' : 'push', 'Content', {
                tenantId: source.id,
                tenantPath: source.path,
              });
        // Whether the step exists at all is only told to those who may act on this syndication.
        if (!t) {
          if (!this.mayActOn(tx, source, target)) throw new NotFoundError('Syndication');
          throw invalidStep(action, row.state);
        }
        if (!allowed)
          throw this.mayActOn(tx, source, target) ? notAllowed() : new NotFoundError('Syndication');
        const before = { state: row.state };
        const after = await apply(tx, m, row, target);
        await this.audit.record(tx, {
          tenantId: target.id,
          action: `syndication.${action.toLowerCase()}`,
          subjectType: 'Syndication',
          subjectId: row.id,
          before,
          after: { state: row.state, ...after },
        });
        return row;
      }),
    );
  }

  private mayActOn(ctx: RequestContext, source: RoutedTenant, target: RoutedTenant): boolean {
    return (
      can(ctx, 'read', 'Syndication', { tenantId: target.id, tenantPath: target.path }) ||
      can(ctx, 'propose', 'Content', { tenantId: source.id, tenantPath: source.path }) ||
      can(ctx, 'push', 'Content', { tenantId: source.id, tenantPath: source.path })
    );
  }

  /** Makes a syndication show on its target: its category, its own title, a free address. */
  private async place(
    m: EntityManager,
    row: SyndicationEntity,
    item: ContentItemEntity,
    target: RoutedTenant,
    options: AcceptOptions,
    at: Date,
  ): Promise<void> {
    if (options.categoryId) await this.assertCategoryOf(m, target.id, options.categoryId, 'categoryId');
    const title = options.titleOverride != null ? plainText(options.titleOverride).trim() : null;
    if (options.titleOverride != null && !title)
      throw inputError(
        'REQUIRED',
        'titleOverride',
        'Tiêu đề không được để trống.',
        'The title cannot be empty.',
      );
    if (title && title.length > 500)
      throw inputError(
        'TOO_LONG',
        'titleOverride',
        'Tiêu đề quá dài (tối đa 500 ký tự).',
        'The title is too long (500 characters at most).',
      );
    const summary =
      options.summaryOverride != null ? plainText(options.summaryOverride).trim() || null : null;
    Object.assign(row, {
      state: SyndicationState.ACCEPTED,
      categoryId: options.categoryId ?? null,
      titleOverride: title,
      summaryOverride: summary,
      slug: await this.freeSlug(m, target.id, item),
      placedAt: at,
      updatedAt: at,
    });
    await m.update(
      SyndicationEntity,
      { id: row.id },
      {
        state: row.state,
        categoryId: row.categoryId,
        titleOverride: row.titleOverride,
        summaryOverride: row.summaryOverride,
        slug: row.slug,
        placedAt: row.placedAt,
        updatedAt: at,
      },
    );
  }

  /** The item's own slug when free on the target, else the first free numbered form. */
  private async freeSlug(m: EntityManager, targetId: string, item: ContentItemEntity): Promise<string> {
    let slug = item.slug;
    for (let n = 2; await this.content.slugTaken(m, targetId, item.language, slug); n++) {
      slug = `${item.slug.slice(0, 190)}-${n}`;
    }
    return slug;
  }

  private async liveItem(
    m: EntityManager,
    itemId: string,
    field: string,
  ): Promise<{ item: ContentItemEntity; source: RoutedTenant }> {
    const item = isUuid(itemId) ? await m.findOneBy(ContentItemEntity, { id: itemId }) : null;
    const source = item ? this.routing.tenant(item.tenantId) : null;
    if (!item || !source) throw new NotFoundError('Item', field);
    if (!item.liveRevisionId || item.withdrawnAt)
      throw inputError(
        'NOT_PUBLISHED',
        field,
        'Chỉ chia sẻ được bài đang được đăng.',
        'Only a published item can be shared.',
      );
    if (!LIVE_PORTAL.includes(source.status as TenantStatus))
      throw inputError(
        'PORTAL_NOT_ACTIVE',
        field,
        'Cổng nguồn không hoạt động.',
        'The source portal is not active.',
      );
    return { item, source };
  }

  private portal(id: string): RoutedTenant | null {
    const t = isUuid(id) ? this.routing.tenant(id) : null;
    return t && LIVE_PORTAL.includes(t.status as TenantStatus) ? t : null;
  }

  private async assertNotOpen(
    m: EntityManager,
    itemId: string,
    targetId: string,
    field: string,
  ): Promise<void> {
    const open = await m.exists(SyndicationEntity, {
      where: {
        itemId,
        targetTenantId: targetId,
        state: In([SyndicationState.PROPOSED, SyndicationState.ACCEPTED]),
      },
    });
    if (open)
      throw inputError(
        'ALREADY_SYNDICATED',
        field,
        'Bài này đã được đề xuất hoặc đang hiển thị trên cổng đó.',
        'This item is already proposed to, or shown on, that portal.',
      );
  }

  private async assertCategoryOf(
    m: EntityManager,
    tenantId: string,
    categoryId: string,
    field: string,
  ): Promise<void> {
    const ok =
      isUuid(categoryId) && (await m.exists(CategoryEntity, { where: { id: categoryId, tenantId } }));
    if (!ok)
      throw inputError(
        'CATEGORY_NOT_ON_PORTAL',
        field,
        'Chuyên mục không thuộc cổng nhận.',
        'The category does not belong to the receiving portal.',
      );
  }

  /** The first enabled rule of the target that the proposal matches (oldest first), if any. */
  private async matchingRule(
    m: EntityManager,
    target: RoutedTenant,
    source: RoutedTenant,
    item: ContentItemEntity,
  ): Promise<SyndicationRuleEntity | null> {
    const rules = await m
      .createQueryBuilder(SyndicationRuleEntity, 'r')
      .where('r.tenant_id = :t AND r.disabled_at IS NULL', { t: target.id })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    return (
      rules.find((r) => {
        if (r.kinds && !r.kinds.includes(item.kind)) return false;
        if (r.sourcePortalKinds && !r.sourcePortalKinds.includes(source.kind)) return false;
        if (r.sourceRootId) {
          const root = this.routing.tenant(r.sourceRootId);
          if (!root || !isWithin(source, root)) return false;
        }
        return true;
      }) ?? null
    );
  }

  /**
   * The live descendants a push reaches: all of them, or the named subtrees and portals; narrowed to
   * the named portal kinds. Every named portal must lie below the pushing one.
   */
  private resolveTargets(source: RoutedTenant, targets: PushTargets): RoutedTenant[] {
    const below = (t: RoutedTenant, root: RoutedTenant) => t.path.startsWith(`${root.path}.`);
    const named = [
      ...(targets.subtreeRootIds ?? []).map((id, i) => ({
        id,
        field: `targets.subtreeRootIds.${i}`,
        subtree: true,
      })),
      ...(targets.tenantIds ?? []).map((id, i) => ({ id, field: `targets.tenantIds.${i}`, subtree: false })),
    ];
    if (!targets.all && named.length === 0 && !targets.portalKinds?.length)
      throw inputError(
        'NO_TARGETS',
        'targets',
        'Cần chọn các cổng nhận (tất cả, theo loại, theo nhánh hoặc theo danh sách).',
        'Choose the receiving portals (all, by kind, by subtree or by list).',
      );
    const roots: Array<{ tenant: RoutedTenant; subtree: boolean }> = [];
    for (const n of named) {
      const t = this.portal(n.id);
      if (!t || !below(t, source))
        throw inputError(
          'NOT_A_DESCENDANT',
          n.field,
          'Cổng nhận phải là cổng cấp dưới đang hoạt động của cổng đăng.',
          'A receiving portal must be a live descendant of the pushing portal.',
        );
      roots.push({ tenant: t, subtree: n.subtree });
    }
    const descendants = subtreeOf(this.routing, source).filter(
      (t) => t.id !== source.id && LIVE_PORTAL.includes(t.status as TenantStatus),
    );
    const kinds = targets.portalKinds?.length ? new Set<string>(targets.portalKinds) : null;
    return descendants.filter((t) => {
      if (kinds && !kinds.has(t.kind)) return false;
      if (targets.all || roots.length === 0) return true;
      return roots.some((r) => r.tenant.id === t.id || (r.subtree && below(t, r.tenant)));
    });
  }

  /** Each target's section for a kind: a category bound to the kind, else its announcements. */
  private async sectionsFor(
    m: EntityManager,
    targets: RoutedTenant[],
    kind: ContentKind,
  ): Promise<Map<string, string>> {
    if (targets.length === 0) return new Map();
    const rows: Array<{ tenant_id: string; id: string }> = await m.query(
      `SELECT DISTINCT ON (tenant_id) tenant_id, id FROM categories
        WHERE tenant_id = ANY($1::uuid[]) AND content_kind = ANY($2::text[])
        ORDER BY tenant_id, (content_kind = $3) DESC, parent_id NULLS FIRST, position, id`,
      [targets.map((t) => t.id), [kind, ContentKind.ANNOUNCEMENT], kind],
    );
    return new Map(rows.map((r) => [r.tenant_id, r.id]));
  }

  private async guard<T>(work: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus !== 500) return fail(e);
      throw e;
    }
  }
}

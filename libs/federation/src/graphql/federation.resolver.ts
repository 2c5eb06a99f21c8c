import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { publicItemUrl } from '@portal/content';
import {
  Authenticated,
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  RequestContext,
  Result,
  ok,
  pageSize,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { SubtreeCopy, SubtreeFeedService, SubtreeRow } from '../subtree/subtree-feed.service';
import { SyndicationRuleEntity, SyndicationEntity } from '../syndication/syndication.entity';
import { PushOutcome, SyndicationService } from '../syndication/syndication.service';
import { SyndicationState } from '../syndication/syndication-state';
import {
  AcceptSyndicationInput,
  PortalRefType,
  PushItemInput,
  PushOutcomeType,
  PushResult,
  SubtreeFeedFilterInput,
  SubtreeItemConnectionType,
  SubtreeItemType,
  SyndicationResult,
  SyndicationRuleInput,
  SyndicationRuleResult,
  SyndicationRuleType,
  SyndicationType,
} from './federation.types';

/**
 * Federation: proposals up, pushes down, the boards' queues and rules, and the aggregated view of a
 * subtree. Mutations declare the least they need; whether the caller may act on this item, this
 * syndication or this subtree is decided by the service on the rows, and refused with a typed error.
 */
@Resolver()
export class FederationResolver {
  constructor(
    private readonly syndication: SyndicationService,
    private readonly feed: SubtreeFeedService,
    private readonly routing: HostRoutingService,
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
  ) {}

  private portal(id: string): PortalRefType | null {
    const t = this.routing.tenant(id);
    return t
      ? Object.assign(new PortalRefType(), {
          id: t.id,
          nameVi: t.nameVi,
          primaryHost: t.primaryHost,
          kind: t.kind,
        })
      : null;
  }

  private async present(rows: SyndicationEntity[]): Promise<SyndicationType[]> {
    const titles = new Map<string, string>();
    if (rows.length) {
      // Read after the step committed: the title is a courtesy, and a failed read must not turn a
      // stored step into a reported failure.
      const found: Array<{ id: string; title: string }> = await this.dataSource
        .query(
          `SELECT i.id, r.title FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id WHERE i.id = ANY($1::uuid[])`,
          [[...new Set(rows.map((r) => r.itemId))]],
        )
        .catch(() => []);
      for (const f of found) titles.set(f.id, f.title);
    }
    return rows.map((r) =>
      Object.assign(new SyndicationType(), {
        ...r,
        itemTitle: titles.get(r.itemId) ?? null,
        sourcePortal: this.portal(r.sourceTenantId),
        targetPortal: this.portal(r.targetTenantId),
      }),
    );
  }

  private item(r: SubtreeRow, copies: SubtreeCopy[]): SubtreeItemType {
    const portal = this.portal(r.tenant_id);
    return Object.assign(new SubtreeItemType(), {
      id: r.id,
      portal,
      kind: r.kind,
      categoryId: r.category_id,
      categoryName: r.category_name,
      language: r.language,
      slug: r.slug,
      url: portal ? publicItemUrl(portal.primaryHost, r.language, r.slug) : '',
      title: r.title,
      summary: r.summary,
      authorName: r.author_name,
      publishedAt: new Date(r.published_at),
      revisionNumber: r.revision_number,
      copies: copies.map((c) => ({
        portal: this.portal(c.target_tenant_id),
        direction: c.direction,
        state: c.state,
      })),
    });
  }

  private async one(
    ctx: RequestContext,
    r: Result<SyndicationEntity>,
  ): Promise<SyndicationType | InputErrorType> {
    return r.ok ? (await this.present([r.value]))[0] : InputErrorType.from(r.error, ctx.locale);
  }

  private rule(ctx: RequestContext, r: Result<SyndicationRuleEntity>): SyndicationRuleType | InputErrorType {
    return r.ok
      ? Object.assign(new SyndicationRuleType(), r.value)
      : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => SyndicationResult, {
    description:
      "Proposes a published item to an ancestor portal (the parent by default); that portal's board decides.",
  })
  @CheckAbility('propose', 'Content')
  async proposeSyndication(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('targetTenantId', { type: () => ID, nullable: true }) targetTenantId?: string,
    @Args('note', { type: () => String, nullable: true }) note?: string,
    @IdempotencyKey() key?: string | null,
  ): Promise<typeof SyndicationResult> {
    const request = { itemId, targetTenantId, note };
    const r = await this.idempotency.run(
      ctx,
      { operation: 'proposeSyndication', key, request },
      async (tx) => {
        const made = await this.syndication.propose(tx, itemId, targetTenantId, note);
        return made.ok ? ok((await this.present([made.value]))[0]) : made;
      },
    );
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => SyndicationResult, { description: 'The receiving board accepts a proposal.' })
  @CheckAbility('decide', 'Syndication')
  async acceptSyndication(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => AcceptSyndicationInput }) input: AcceptSyndicationInput,
  ): Promise<typeof SyndicationResult> {
    return this.one(ctx, await this.syndication.accept(ctx, input.id, input));
  }

  @Mutation(() => SyndicationResult, {
    description: 'The receiving board refuses a proposal, with a reason.',
  })
  @CheckAbility('decide', 'Syndication')
  async refuseSyndication(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<typeof SyndicationResult> {
    return this.one(ctx, await this.syndication.refuse(ctx, id, reason));
  }

  @Mutation(() => SyndicationResult, {
    description: 'The receiving board takes an accepted copy off its portal.',
  })
  @CheckAbility('decide', 'Syndication')
  async dropSyndication(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ): Promise<typeof SyndicationResult> {
    return this.one(ctx, await this.syndication.drop(ctx, id, reason));
  }

  @Mutation(() => SyndicationResult, { description: 'The sending portal takes back a proposal or a push.' })
  @Authenticated()
  async retractSyndication(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<typeof SyndicationResult> {
    return this.one(ctx, await this.syndication.retract(ctx, id));
  }

  @Mutation(() => PushResult, { description: 'Publishes a live item on chosen descendant portals.' })
  @CheckAbility('push', 'Content')
  async pushItem(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => PushItemInput }) input: PushItemInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof PushResult> {
    const r = await this.idempotency.run(ctx, { operation: 'pushItem', key, request: input }, async (tx) => {
      const made: Result<PushOutcome> = await this.syndication.push(
        tx,
        input.itemId,
        input.targets,
        input.placement,
      );
      return made.ok
        ? ok({ pushed: await this.present(made.value.pushed), alreadyThere: made.value.alreadyThere })
        : made;
    });
    return r.ok ? Object.assign(new PushOutcomeType(), r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => SyndicationRuleResult, {
    description: 'A standing rule: accept matching proposals at once.',
  })
  @CheckAbility('configure', 'Syndication')
  async createSyndicationRule(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => SyndicationRuleInput }) input: SyndicationRuleInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SyndicationRuleResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'createSyndicationRule', key, request: input },
      async (tx) => {
        const made = await this.syndication.createRule(tx, input);
        return made.ok ? ok(Object.assign(new SyndicationRuleType(), made.value)) : made;
      },
    );
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => SyndicationRuleResult)
  @CheckAbility('configure', 'Syndication')
  async disableSyndicationRule(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<typeof SyndicationRuleResult> {
    return this.rule(ctx, await this.syndication.disableRule(ctx, id));
  }

  @Query(() => [SyndicationRuleType])
  @CheckAbility('read', 'Syndication')
  async syndicationRules(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
  ): Promise<SyndicationRuleType[]> {
    return (await this.syndication.rules(ctx, tenantId)).map((r) =>
      Object.assign(new SyndicationRuleType(), r),
    );
  }

  @Query(() => [SyndicationType], {
    description: "Syndications received by a portal (its board's queue with state PROPOSED), oldest first.",
  })
  @CheckAbility('read', 'Syndication')
  async receivedSyndications(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
    @Args('state', { type: () => SyndicationState, nullable: true }) state?: SyndicationState,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<SyndicationType[]> {
    const id = tenantId ?? ctx.requireTenant().id;
    return this.present(await this.syndication.received(ctx, id, state ?? null, pageSize(first)));
  }

  @Query(() => [SyndicationType], {
    description: 'Where an item was proposed or pushed, and what was decided.',
  })
  @CheckAbility('read', 'Content')
  async itemSyndications(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
  ): Promise<SyndicationType[]> {
    return this.present(await this.syndication.ofItem(ctx, itemId));
  }

  @Query(() => SubtreeItemConnectionType, {
    description: 'Everything published in a subtree, newest first (roles held with SUBTREE scope).',
  })
  @CheckAbility('aggregate', 'Content')
  async subtreeFeed(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => SubtreeFeedFilterInput, nullable: true }) filter?: SubtreeFeedFilterInput,
  ): Promise<SubtreeItemConnectionType> {
    const f = filter ?? {};
    const roots = this.feed.authorizedRoots(ctx, f.rootTenantId, !!f.everywhere);
    const page = await this.feed.page(roots, { ...f, language: f.language === 'en' ? 'en' : 'vi' });
    return {
      nodes: page.rows.map((r) =>
        this.item(
          r,
          page.copies.filter((c) => c.item_id === r.id),
        ),
      ),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => [SubtreeItemType], {
    description: 'Search everything published in a subtree, diacritics optional; title matches first.',
  })
  @CheckAbility('aggregate', 'Content')
  async subtreeSearch(
    @Ctx() ctx: RequestContext,
    @Args('query') query: string,
    @Args('rootTenantId', { type: () => ID, nullable: true }) rootTenantId?: string,
    @Args('everywhere', { type: () => Boolean, nullable: true }) everywhere?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<SubtreeItemType[]> {
    const roots = this.feed.authorizedRoots(ctx, rootTenantId, !!everywhere);
    const rows = await this.feed.search(roots, query, { first, language: ctx.locale });
    return rows.map((r) => this.item(r, []));
  }
}

import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  NotFoundError,
  Public,
  RequestContext,
  Result,
  CacheableInfo,
  ok,
  can,
  publicFor,
} from '@portal/platform';
import { ManifestApplyService } from '../manifests/manifest-apply.service';
import { locateTreeProblems } from '../manifests/tree-problem-lines';
import { parseTenantManifest } from '../manifests/tenant-manifest.loader';
import { PortalTreeNodeType, TenantTreeApplyReportType } from './tenant-tree.types';
import { HostRoutingService, RoutedTenant } from '../hosts/host-routing.service';
import { proposeDomainLabel } from '../labels/domain-label';
import { ProvisioningService } from '../provisioning/provisioning.service';
import { RestructuringService } from '../restructuring/restructuring.service';
import { TenantKind } from '../tenants/tenant-kind';
import { MergeInput, MergePreviewResult, MergePreviewType, MergeTenantsInput, planOf } from './merge.types';
import {
  MoveTenantInput,
  PortalResult,
  PortalSummaryType,
  PortalType,
  ProvisionTenantInput,
  RetireTenantInput,
} from './tenancy.types';

type PortalResultValue = PortalType | InputErrorType;

function toResult(ctx: RequestContext, result: Result<RoutedTenant>): PortalResultValue {
  return result.ok
    ? PortalType.fromTenant(result.value, ctx.locale)
    : InputErrorType.from(result.error, ctx.locale);
}

@Resolver(() => PortalType)
export class TenancyResolver {
  constructor(
    private readonly routing: HostRoutingService,
    private readonly provisioning: ProvisioningService,
    private readonly restructuring: RestructuringService,
    private readonly idempotency: IdempotencyService,
    private readonly manifests: ManifestApplyService,
  ) {}

  @Query(() => [PortalTreeNodeType], {
    description:
      'For those who administer portal trees: the addressed portal and every portal below it the caller may read, whatever their status, with hosts and what the caller may do there; parents before children.',
  })
  // Administrators of trees only (provisioning somewhere); everyone may read a single portal.
  @CheckAbility('provision', 'Tenant')
  portalTree(@Ctx() ctx: RequestContext): PortalTreeNodeType[] {
    const root = ctx.requireTenant();
    const rootDepth = root.path.split('.').length - 1;
    const hosts = this.routing.hostsByTenant();
    return this.routing
      .subtree(root.id)
      .filter((t) => can(ctx, 'read', 'Tenant', { tenantId: t.id, tenantPath: t.path }))
      .map((t) => {
        const at = { tenantId: t.id, tenantPath: t.path };
        return PortalTreeNodeType.from(
          t,
          rootDepth,
          (hosts.get(t.id) ?? []).sort(
            (a, b) => a.role.localeCompare(b.role) || a.host.localeCompare(b.host),
          ),
          {
            mayProvision: can(ctx, 'provision', 'Tenant', at),
            mayRestructure: can(ctx, 'restructure', 'Tenant', at),
          },
        );
      });
  }

  @Mutation(() => TenantTreeApplyReportType, {
    description:
      'Applies a tree file (YAML, as in tenants/): creates what is missing, updates what differs, never deletes. dryRun counts and checks without writing; every problem carries its line.',
  })
  @CheckAbility('provision', 'Tenant')
  async applyTenantTree(
    @Ctx() ctx: RequestContext,
    @Args('yaml') yaml: string,
    @Args('dryRun', { type: () => Boolean }) dryRun: boolean,
  ): Promise<TenantTreeApplyReportType> {
    const report = (r: Partial<TenantTreeApplyReportType>) =>
      Object.assign(
        new TenantTreeApplyReportType(),
        { dryRun, created: 0, updated: 0, unchanged: 0, problems: [] },
        r,
      );
    const parsed = parseTenantManifest(yaml);
    if (!parsed.ok) return report({ problems: parsed.issues.map((i) => ({ ...i, code: null })) });
    const applied = await this.manifests.apply(ctx, parsed.manifest, { dryRun });
    return report({
      created: applied.created,
      updated: applied.updated,
      unchanged: applied.unchanged,
      problems: locateTreeProblems(yaml, applied.problems),
    });
  }

  @Query(() => PortalType, {
    description: 'The portal this request addressed (by its Host), with its parent chain and children.',
  })
  @Public()
  portal(@Ctx() ctx: RequestContext, @Info() info: CacheableInfo): PortalType {
    publicFor(info, 60);
    const tenant = this.routing.tenant(ctx.requireTenant().id);
    if (!tenant) throw new NotFoundError('Portal');
    return PortalType.fromTenant(tenant, ctx.locale);
  }

  @Query(() => String, {
    description: 'The default domain label for a portal name and kind (e.g. "Phường 01" → phuong1).',
  })
  @Public()
  proposeDomainLabel(
    @Args('name') name: string,
    @Args('kind', { type: () => TenantKind }) kind: TenantKind,
  ): string {
    return proposeDomainLabel(name, kind);
  }

  @Query(() => PortalType, { nullable: true, description: 'Any portal by id (public information).' })
  @Public()
  tenant(@Ctx() ctx: RequestContext, @Args('id', { type: () => String }) id: string): PortalType | null {
    const tenant = this.routing.tenant(id);
    return tenant ? PortalType.fromTenant(tenant, ctx.locale) : null;
  }

  @ResolveField(() => [PortalSummaryType], { description: 'Ancestors, root first.' })
  parentChain(
    @Ctx() ctx: RequestContext,
    @Parent() portal: PortalType,
    @Info() info: CacheableInfo,
  ): PortalSummaryType[] {
    publicFor(info, 60);
    const tenant = this.routing.tenant(portal.id);
    return tenant ? this.routing.ancestors(tenant).map((t) => PortalSummaryType.from(t, ctx.locale)) : [];
  }

  @ResolveField(() => [PortalSummaryType], { description: 'Live child portals, by Vietnamese name.' })
  children(
    @Ctx() ctx: RequestContext,
    @Parent() portal: PortalType,
    @Info() info: CacheableInfo,
  ): PortalSummaryType[] {
    publicFor(info, 60);
    return this.routing.children(portal.id).map((t) => PortalSummaryType.from(t, ctx.locale));
  }

  @Mutation(() => PortalResult, { description: 'Create a component portal under a parent, from a template.' })
  @CheckAbility('provision', 'Tenant')
  async provisionTenant(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ProvisionTenantInput,
    @IdempotencyKey() key: string | null,
  ): Promise<PortalResultValue> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'provisionTenant', key, request: input },
      async (tx) => {
        const made = await this.provisioning.provisionWithin(tx, input);
        return made.ok ? ok(PortalType.fromTenant(made.value, ctx.locale)) : made;
      },
    );
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    // The new portal answers on its host once its transaction committed.
    await this.provisioning.refreshRouting();
    return Object.assign(new PortalType(), r.value);
  }

  @Query(() => MergePreviewResult, {
    description:
      'Dry run of a merge: what would be re-homed, left or revoked, and the proposed plan (or the given one, checked). Writes nothing.',
  })
  @CheckAbility('restructure', 'Tenant')
  async mergePreview(
    @Ctx() ctx: RequestContext,
    @Args('input') input: MergeInput,
  ): Promise<MergePreviewType | InputErrorType> {
    const result = await this.restructuring.mergePreview(
      ctx,
      input.sourceIds,
      input.targetId,
      input.plan ? planOf(input.plan) : null,
    );
    return result.ok
      ? MergePreviewType.from(result.value, ctx.locale)
      : InputErrorType.from(result.error, ctx.locale);
  }

  @Mutation(() => PortalResult, {
    description:
      'Merge portals into one by a confirmed plan: items, categories, roles and accounts move to the target, old hosts and item URLs redirect. Returns the target.',
  })
  @CheckAbility('restructure', 'Tenant')
  async mergeTenants(
    @Ctx() ctx: RequestContext,
    @Args('input') input: MergeTenantsInput,
  ): Promise<PortalResultValue> {
    return toResult(
      ctx,
      await this.restructuring.merge(ctx, input.sourceIds, input.targetId, planOf(input.plan)),
    );
  }

  @Mutation(() => PortalResult, {
    description: 'Move a portal and its whole subtree under a new parent. Old hosts redirect.',
  })
  @CheckAbility('restructure', 'Tenant')
  async moveTenant(
    @Ctx() ctx: RequestContext,
    @Args('input') input: MoveTenantInput,
  ): Promise<PortalResultValue> {
    return toResult(
      ctx,
      await this.restructuring.move(ctx, input.tenantId, input.newParentId, input.newLabel),
    );
  }

  @Mutation(() => PortalResult, {
    description:
      'Retire a portal; its hosts redirect to the successor (the parent by default). Returns the successor.',
  })
  @CheckAbility('restructure', 'Tenant')
  async retireTenant(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RetireTenantInput,
  ): Promise<PortalResultValue> {
    return toResult(ctx, await this.restructuring.retire(ctx, input.tenantId, input.successorId));
  }
}

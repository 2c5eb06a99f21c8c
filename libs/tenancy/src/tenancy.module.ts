import { Module } from '@nestjs/common';
import { HostRoutingService } from './hosts/host-routing.service';
import { HostResolutionMiddleware } from './hosts/host-resolution.middleware';
import { ManifestApplyService } from './manifests/manifest-apply.service';
import { ProvisioningService } from './provisioning/provisioning.service';
import { RestructuringService } from './restructuring/restructuring.service';
import { RestructuringRepository } from './restructuring/restructuring.repository';
import { RestructuringRunner } from './restructuring/restructuring-runner';
import { TenantMergeService } from './restructuring/tenant-merge.service';
import { MergeParticipants } from './restructuring/merge-participants';
import { SiteStructureMerge } from './restructuring/site-structure-merge';
import { RedirectPathResolvers } from './hosts/redirect-paths';
import { HostProblemPages } from './hosts/host-problem-pages';
import { TenancyResolver } from './graphql/tenancy.resolver';
import { SiteStructureResolver } from './graphql/site-structure.resolver';
import { SiteLinksMerge } from './restructuring/site-links-merge';
import { CategoryAddresses } from './site-structure/category-addresses.service';
import { SiteCategoriesService } from './site-structure/site-categories.service';
import { SiteMenusService } from './site-structure/site-menus.service';
import { SiteStructureAccess } from './site-structure/site-structure-access';
import { SiteStructureQueries } from './site-structure/site-structure.queries';
import { SiteStructureRepository } from './site-structure/site-structure.repository';
import { TemplateReapplyService } from './site-structure/template-reapply.service';

@Module({
  providers: [
    HostRoutingService,
    HostResolutionMiddleware,
    ProvisioningService,
    ManifestApplyService,
    RestructuringService,
    RestructuringRepository,
    RestructuringRunner,
    TenantMergeService,
    MergeParticipants,
    SiteStructureMerge,
    RedirectPathResolvers,
    HostProblemPages,
    TenancyResolver,
    SiteStructureRepository,
    SiteStructureAccess,
    SiteCategoriesService,
    SiteMenusService,
    SiteStructureQueries,
    TemplateReapplyService,
    CategoryAddresses,
    SiteLinksMerge,
    SiteStructureResolver,
  ],
  exports: [
    CategoryAddresses,
    SiteCategoriesService,
    SiteMenusService,
    SiteStructureQueries,
    TemplateReapplyService,
    HostRoutingService,
    HostResolutionMiddleware,
    ProvisioningService,
    ManifestApplyService,
    RestructuringService,
    MergeParticipants,
    RedirectPathResolvers,
    HostProblemPages,
  ],
})
export class TenancyModule {}

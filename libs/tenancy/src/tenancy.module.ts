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
  ],
  exports: [
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

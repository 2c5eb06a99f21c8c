import { Module } from '@nestjs/common';
import { HostRoutingService } from './hosts/host-routing.service';
import { HostResolutionMiddleware } from './hosts/host-resolution.middleware';
import { ManifestApplyService } from './manifests/manifest-apply.service';
import { ProvisioningService } from './provisioning/provisioning.service';
import { RestructuringService } from './restructuring/restructuring.service';
import { TenancyResolver } from './graphql/tenancy.resolver';

@Module({
  providers: [
    HostRoutingService,
    HostResolutionMiddleware,
    ProvisioningService,
    ManifestApplyService,
    RestructuringService,
    TenancyResolver,
  ],
  exports: [
    HostRoutingService,
    HostResolutionMiddleware,
    ProvisioningService,
    ManifestApplyService,
    RestructuringService,
  ],
})
export class TenancyModule {}

import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { IdentityModule } from '@portal/identity';
import { TenancyModule } from '@portal/tenancy';
import { AbilityFactory } from './abilities/ability.factory';
import './abilities/roles-allowing'; // registers the roles FORBIDDEN names
import { AccessGuard } from './guard/access.guard';
import { EndpointDeclarations } from './guard/endpoint-declarations';
import { AccessResolver } from './graphql/access.resolver';
import { RoleAssignmentRepository } from './roles/role-assignment.repository';
import { RoleAssignmentService } from './roles/role-assignment.service';
import { RoleMergeParticipant } from './roles/role-merge.participant';

@Module({
  imports: [IdentityModule, TenancyModule, DiscoveryModule],
  providers: [
    RoleAssignmentRepository,
    AbilityFactory,
    RoleAssignmentService,
    RoleMergeParticipant,
    AccessResolver,
    EndpointDeclarations,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AbilityFactory, RoleAssignmentService, EndpointDeclarations],
})
export class AccessModule {}

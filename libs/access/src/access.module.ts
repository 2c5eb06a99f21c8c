import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityModule } from '@portal/identity';
import { TenancyModule } from '@portal/tenancy';
import { AbilityFactory } from './abilities/ability.factory';
import { AccessGuard } from './guard/access.guard';
import { AccessResolver } from './graphql/access.resolver';
import { RoleAssignmentService } from './roles/role-assignment.service';

@Module({
  imports: [IdentityModule, TenancyModule],
  providers: [AbilityFactory, RoleAssignmentService, AccessResolver, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AbilityFactory, RoleAssignmentService],
})
export class AccessModule {}

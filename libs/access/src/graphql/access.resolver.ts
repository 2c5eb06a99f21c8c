import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
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
} from '@portal/platform';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { HostRoutingService, TenantStatus } from '@portal/tenancy';
import { RoleAssignmentService } from '../roles/role-assignment.service';
import { ROLES, RoleScope } from '../roles/role';
import {
  GrantRoleInput,
  GrantableRoleType,
  RoleAssignmentResult,
  RoleAssignmentType,
  RoleAssignmentsFilterInput,
} from './access.types';

function toResult(
  ctx: RequestContext,
  result: Result<RoleAssignmentEntity>,
): RoleAssignmentType | InputErrorType {
  return result.ok ? RoleAssignmentType.from(result.value) : InputErrorType.from(result.error, ctx.locale);
}

@Resolver()
export class AccessResolver {
  constructor(
    private readonly roles: RoleAssignmentService,
    private readonly routing: HostRoutingService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => [GrantableRoleType], {
    description:
      'Every role and scope the caller may grant on the addressed portal and the live portals below it (the same rules grantRole applies), for grant forms.',
  })
  @Authenticated()
  grantableRoles(@Ctx() ctx: RequestContext): GrantableRoleType[] {
    const out: GrantableRoleType[] = [];
    for (const t of this.routing.subtree(ctx.requireTenant().id)) {
      if (t.status !== TenantStatus.ACTIVE && t.status !== TenantStatus.SUSPENDED) continue;
      for (const role of ROLES)
        for (const scope of [RoleScope.TENANT, RoleScope.SUBTREE])
          if (this.roles.canGrant(ctx, t.id, role, scope))
            out.push(Object.assign(new GrantableRoleType(), { tenantId: t.id, role, scope }));
    }
    return out;
  }

  @Query(() => [RoleAssignmentType], {
    description: 'Role assignments of a portal or an account, as far as the caller may see.',
  })
  @CheckAbility('read', 'RoleAssignment')
  async roleAssignments(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => RoleAssignmentsFilterInput, nullable: true })
    filter?: RoleAssignmentsFilterInput,
  ): Promise<RoleAssignmentType[]> {
    return (await this.roles.list(ctx, filter ?? {})).map(RoleAssignmentType.from);
  }

  @Query(() => [RoleAssignmentType], {
    description: 'The roles the signed-in account holds (including revoked and expired ones).',
  })
  @Authenticated()
  async myRoles(@Ctx() ctx: RequestContext): Promise<RoleAssignmentType[]> {
    return (await this.roles.mine(ctx)).map(RoleAssignmentType.from);
  }

  @Mutation(() => RoleAssignmentResult)
  @CheckAbility('grant', 'RoleAssignment')
  async grantRole(
    @Ctx() ctx: RequestContext,
    @Args('input') input: GrantRoleInput,
    @IdempotencyKey() key: string | null,
  ): Promise<RoleAssignmentType | InputErrorType> {
    const r = await this.idempotency.run(ctx, { operation: 'grantRole', key, request: input }, async (tx) => {
      const made = await this.roles.grant(tx, input);
      return made.ok ? ok(RoleAssignmentType.from(made.value)) : made;
    });
    return r.ok ? Object.assign(new RoleAssignmentType(), r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => RoleAssignmentResult)
  @CheckAbility('revoke', 'RoleAssignment')
  async revokeRole(
    @Ctx() ctx: RequestContext,
    @Args('assignmentId', { type: () => String }) assignmentId: string,
  ): Promise<RoleAssignmentType | InputErrorType> {
    return toResult(ctx, await this.roles.revoke(ctx, assignmentId));
  }
}

import { Field, ID, InputType, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { Role, RoleScope } from '../roles/role';
import type { RoleAssignmentEntity } from '../roles/role-assignment.entity';

registerEnumType(Role, { name: 'Role', description: 'Role on a portal (docs/domain.md).' });
registerEnumType(RoleScope, { name: 'RoleScope' });

@ObjectType('RoleAssignment')
export class RoleAssignmentType {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => Role) role!: Role;
  @Field(() => RoleScope) scope!: RoleScope;
  @Field(() => [String], { description: 'Fields (lĩnh vực); empty means all.' }) fields!: string[];
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date, { nullable: true }) validTo!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;

  static from(e: RoleAssignmentEntity): RoleAssignmentType {
    return Object.assign(new RoleAssignmentType(), {
      id: e.id,
      accountId: e.accountId,
      tenantId: e.tenantId,
      role: e.role,
      scope: e.scope,
      fields: e.fields,
      validFrom: e.validFrom,
      validTo: e.validTo,
      revokedAt: e.revokedAt,
    });
  }
}

export const RoleAssignmentResult = createUnionType({
  name: 'RoleAssignmentResult',
  types: () => [RoleAssignmentType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : RoleAssignmentType),
});

@InputType('GrantRoleInput')
export class GrantRoleInput {
  @Field(() => ID) accountId!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => Role) role!: Role;
  @Field(() => RoleScope, { nullable: true, description: 'TENANT when absent.' }) scope?: RoleScope | null;
  @Field(() => [String], { nullable: true }) fields?: string[] | null;
  @Field(() => Date, { nullable: true }) validFrom?: Date | null;
  @Field(() => Date, { nullable: true }) validTo?: Date | null;
}

@InputType('RoleAssignmentsFilter')
export class RoleAssignmentsFilterInput {
  @Field(() => ID, { nullable: true }) tenantId?: string | null;
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => Boolean, { nullable: true }) includeRevoked?: boolean | null;
}

@ObjectType('GrantableRole', { description: 'A role and scope the caller may grant on a portal.' })
export class GrantableRoleType {
  @Field(() => ID) tenantId!: string;
  @Field(() => Role) role!: Role;
  @Field(() => RoleScope) scope!: RoleScope;
}

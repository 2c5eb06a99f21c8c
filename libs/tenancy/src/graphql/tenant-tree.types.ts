import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { HostRole } from '../hosts/tenant-host.entity';
import type { RoutedTenant } from '../hosts/host-routing.service';
import { TenantKind, TenantStatus } from '../tenants/tenant-kind';

registerEnumType(HostRole, {
  name: 'HostRole',
  description: 'PRIMARY: its own address; ALIAS: serves it too; REDIRECT: a former address answering 301.',
});

@ObjectType('PortalHost')
export class PortalHostType {
  @Field(() => String) host!: string;
  @Field(() => HostRole) role!: HostRole;
}

@ObjectType('PortalTreeNode', {
  description: 'A portal of the subtree an operator administers, whatever its status, with its hosts.',
})
export class PortalTreeNodeType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => TenantKind) kind!: TenantKind;
  @Field(() => TenantStatus) status!: TenantStatus;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String) primaryHost!: string;
  @Field(() => [PortalHostType]) hosts!: PortalHostType[];
  @Field(() => ID, { nullable: true, description: 'Where a merged or retired portal now sends visitors.' })
  successorId!: string | null;
  @Field(() => Int, { description: 'Depth below the subtree root (0).' }) depth!: number;
  @Field(() => Boolean, { description: 'The caller may provision a portal under this one.' })
  mayProvision!: boolean;
  @Field(() => Boolean, { description: 'The caller may merge, move or retire this portal.' })
  mayRestructure!: boolean;

  static from(
    t: RoutedTenant,
    rootDepth: number,
    hosts: PortalHostType[],
    rights: { mayProvision: boolean; mayRestructure: boolean },
  ): PortalTreeNodeType {
    return Object.assign(new PortalTreeNodeType(), {
      id: t.id,
      parentId: t.parentId,
      kind: t.kind,
      status: t.status,
      nameVi: t.nameVi,
      nameEn: t.nameEn,
      label: t.label,
      unitCode: t.unitCode,
      primaryHost: t.primaryHost,
      hosts,
      successorId: t.successorId,
      depth: t.path.split('.').length - 1 - rootDepth,
      ...rights,
    });
  }
}

@ObjectType('TenantTreeProblem', {
  description: 'A problem of a tree file, at its line and column (1-based).',
})
export class TenantTreeProblemType {
  @Field(() => Int) line!: number;
  @Field(() => Int) column!: number;
  @Field(() => String, { description: 'Where in the file, e.g. /root/children/2/label.' }) path!: string;
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('TenantTreeApplyReport', {
  description:
    'What applying a tree file did (or, in a dry run, would do); nothing is written when it has problems.',
})
export class TenantTreeApplyReportType {
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => [TenantTreeProblemType]) problems!: TenantTreeProblemType[];
}

@ObjectType('MergeTargetCategory', {
  description: 'A category of the merge target a source category may map to.',
})
export class MergeTargetCategoryType {
  @Field(() => ID) id!: string;
  @Field(() => String) slugPath!: string;
  @Field(() => String) nameVi!: string;
}

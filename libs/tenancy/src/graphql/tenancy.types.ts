import { Field, ID, InputType, ObjectType, registerEnumType, createUnionType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { PublicCacheable } from '@portal/platform';
import { TenantKind, TenantStatus } from '../tenants/tenant-kind';
import type { RoutedTenant } from '../hosts/host-routing.service';

registerEnumType(TenantKind, {
  name: 'TenantKind',
  description:
    'Kind of portal: province, department, district, commune, ward, township, special zone, thematic site.',
});
registerEnumType(TenantStatus, { name: 'TenantStatus' });

@PublicCacheable()
@ObjectType('PortalSummary', { description: 'A portal as seen from another one: enough to link to it.' })
export class PortalSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => TenantKind) kind!: TenantKind;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String, { description: 'Name in the request locale (English falls back to Vietnamese).' })
  name!: string;
  @Field(() => String) label!: string;
  @Field(() => String) primaryHost!: string;
  @Field(() => TenantStatus) status!: TenantStatus;

  static from(t: RoutedTenant, locale: 'vi' | 'en'): PortalSummaryType {
    return Object.assign(new PortalSummaryType(), {
      id: t.id,
      kind: t.kind,
      nameVi: t.nameVi,
      nameEn: t.nameEn,
      name: locale === 'en' && t.nameEn ? t.nameEn : t.nameVi,
      label: t.label,
      primaryHost: t.primaryHost,
      status: t.status,
    });
  }
}

@PublicCacheable()
@ObjectType('Portal', { description: 'A portal (tenant) of the federation with its place in the tree.' })
export class PortalType extends PortalSummaryType {
  @Field(() => String, { nullable: true, description: 'Administrative unit code (mã đơn vị hành chính).' })
  unitCode!: string | null;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => Number, { description: 'Depth in the tree; roots are 0.' }) depth!: number;

  static fromTenant(t: RoutedTenant, locale: 'vi' | 'en'): PortalType {
    return Object.assign(new PortalType(), PortalSummaryType.from(t, locale), {
      unitCode: t.unitCode,
      parentId: t.parentId,
      depth: t.path.split('.').length - 1,
    });
  }
}

export const PortalResult = createUnionType({
  name: 'PortalResult',
  description: 'The portal the mutation produced, or why it could not.',
  types: () => [PortalType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : PortalType),
});

@InputType('ProvisionTenantInput')
export class ProvisionTenantInput {
  @Field(() => ID) parentId!: string;
  @Field(() => TenantKind) kind!: TenantKind;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Domain label; the default proposal for the name when absent.',
  })
  label?: string | null;
  @Field(() => String, { nullable: true }) unitCode?: string | null;
  @Field(() => [String], { nullable: true }) aliases?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'province, department, district, commune or thematic; by kind when absent.',
  })
  template?: string | null;
}

@InputType('MoveTenantInput')
export class MoveTenantInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) newParentId!: string;
  @Field(() => String, { nullable: true }) newLabel?: string | null;
}

@InputType('RetireTenantInput')
export class RetireTenantInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID, { nullable: true, description: 'Where visitors go from now on; the parent when absent.' })
  successorId?: string | null;
}

export * from './tenancy.module';
export * from './tenants/tenant-kind';
export * from './tenants/tenant.entity';
export * from './hosts/tenant-host.entity';
export * from './hosts/host-routing.service';
export * from './hosts/host-resolution.middleware';
export * from './hosts/host-names';
export * from './labels/domain-label';
export * from './manifests/tenant-manifest.types';
export * from './manifests/tenant-manifest.loader';
export * from './manifests/manifest-apply.service';
export * from './provisioning/provisioning.service';
export * from './provisioning/portal-templates';
export * from './restructuring/restructuring.service';
export * from './restructuring/merge-participants';
export * from './errors/tenancy-error-code';
export type { CategoryMappingProposal } from './restructuring/site-structure-merge';
export * from './hosts/redirect-paths';
export * from './hosts/host-problem-pages';
export * from './site-structure/category.entity';
export * from './site-structure/category-addresses.service';
export * from './site-structure/site-categories.service';
export * from './site-structure/site-menus.service';
export * from './site-structure/site-structure.queries';
export * from './site-structure/template-reapply.service';
export { isExternalUrl, SITE_MENUS, type SiteMenu } from './site-structure/site-structure-rules';
export { PortalType, PortalSummaryType } from './graphql/tenancy.types';

import { TenantEntity } from './tenants/tenant.entity';
import { TenantHostEntity } from './hosts/tenant-host.entity';
import {
  CategoryEntity,
  CategoryRedirectEntity,
  MenuItemEntity,
  SiteStructureChangeEntity,
} from './site-structure/category.entity';
export const TENANCY_ENTITIES = [
  TenantEntity,
  TenantHostEntity,
  CategoryEntity,
  MenuItemEntity,
  CategoryRedirectEntity,
  SiteStructureChangeEntity,
];

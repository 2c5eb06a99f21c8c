/** The kinds of portal the federation knows (docs/domain.md). */
export enum TenantKind {
  PROVINCE = 'PROVINCE',
  DEPARTMENT = 'DEPARTMENT',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  WARD = 'WARD',
  TOWNSHIP = 'TOWNSHIP',
  SPECIAL_ZONE = 'SPECIAL_ZONE',
  THEMATIC = 'THEMATIC',
}

/** Lifecycle of a portal. Only ACTIVE portals serve content; MERGED and RETIRED hosts redirect. */
export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  MERGED = 'MERGED',
  RETIRED = 'RETIRED',
}

export const TENANT_KINDS = Object.values(TenantKind) as TenantKind[];

/**
 * Which kinds may sit under which parent kind. `null` stands for "no parent" (a tree root).
 * Wards and communes may sit under a province (two-tier, since 1 July 2025) or a district
 * (three-tier, kept for provinces not yet restructured). Departments exist at province level
 * and, in three-tier trees, as district offices. Thematic sites are run by any agency.
 */
export const ALLOWED_PARENT_KINDS: Record<TenantKind, ReadonlyArray<TenantKind | null>> = {
  [TenantKind.PROVINCE]: [null],
  [TenantKind.DEPARTMENT]: [TenantKind.PROVINCE, TenantKind.DISTRICT],
  [TenantKind.DISTRICT]: [TenantKind.PROVINCE],
  [TenantKind.COMMUNE]: [TenantKind.PROVINCE, TenantKind.DISTRICT],
  [TenantKind.WARD]: [TenantKind.PROVINCE, TenantKind.DISTRICT],
  [TenantKind.TOWNSHIP]: [TenantKind.PROVINCE, TenantKind.DISTRICT],
  [TenantKind.SPECIAL_ZONE]: [TenantKind.PROVINCE],
  [TenantKind.THEMATIC]: [
    TenantKind.PROVINCE,
    TenantKind.DEPARTMENT,
    TenantKind.DISTRICT,
    TenantKind.COMMUNE,
    TenantKind.WARD,
    TenantKind.TOWNSHIP,
    TenantKind.SPECIAL_ZONE,
  ],
};

export function isKindAllowedUnder(kind: TenantKind, parentKind: TenantKind | null): boolean {
  return ALLOWED_PARENT_KINDS[kind].includes(parentKind);
}

/** Roles held on a portal (DOMAIN.md §3). PLATFORM_ADMIN is an account flag, not a grantable role. */
export enum Role {
  OWNER = 'OWNER',
  MANAGER = 'MANAGER',
  OPERATOR = 'OPERATOR',
  BOARD_HEAD = 'BOARD_HEAD',
  BOARD_DEPUTY = 'BOARD_DEPUTY',
  BOARD_MEMBER = 'BOARD_MEMBER',
  CONTRIBUTOR = 'CONTRIBUTOR',
}

/** TENANT: this portal only. SUBTREE: this portal and every portal below it. */
export enum RoleScope {
  TENANT = 'TENANT',
  SUBTREE = 'SUBTREE',
}

export const ROLES = Object.values(Role) as Role[];

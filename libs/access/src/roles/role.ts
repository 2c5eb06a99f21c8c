/** Roles held on a portal (docs/domain.md). PLATFORM_ADMIN is an account flag, not a grantable role. */
export enum Role {
  OWNER = 'OWNER',
  MANAGER = 'MANAGER',
  OPERATOR = 'OPERATOR',
  BOARD_HEAD = 'BOARD_HEAD',
  BOARD_DEPUTY = 'BOARD_DEPUTY',
  BOARD_MEMBER = 'BOARD_MEMBER',
  CONTRIBUTOR = 'CONTRIBUTOR',
  /**
   * Leader of a unit (phòng, ban, đơn vị) of the portal's agency: vets what the unit's officers
   * submit before the board sees it, where the portal's regulation asks it (1376 art. 18.2; 38a art.
   * 8.1; 517 art. 7.2.a). Its fields, when given, are the unit's.
   */
  UNIT_LEADER = 'UNIT_LEADER',
}

/** TENANT: this portal only. SUBTREE: this portal and every portal below it. */
export enum RoleScope {
  TENANT = 'TENANT',
  SUBTREE = 'SUBTREE',
}

export const ROLES = Object.values(Role) as Role[];

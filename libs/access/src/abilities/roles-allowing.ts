import { AppAction, AppSubjectType, BilingualMessage, registerRoleHint } from '@portal/platform';
import { ROLES, Role, RoleScope } from '../roles/role';
import { rulesForAssignment } from './role-rules';

/** The roles' names as the regulations call them (05/2024/QĐ-UBND art. 5), and in English. */
export const ROLE_NAMES: Record<Role, BilingualMessage> = {
  [Role.OWNER]: { vi: 'Cơ quan chủ quản', en: 'owner' },
  [Role.MANAGER]: { vi: 'Cơ quan quản lý', en: 'managing agency' },
  [Role.OPERATOR]: { vi: 'Đơn vị vận hành', en: 'operator' },
  [Role.BOARD_HEAD]: { vi: 'Trưởng Ban biên tập', en: 'board head' },
  [Role.BOARD_DEPUTY]: { vi: 'Phó Trưởng Ban biên tập', en: 'board deputy' },
  [Role.BOARD_MEMBER]: { vi: 'Thành viên Ban biên tập', en: 'board member' },
  [Role.CONTRIBUTOR]: { vi: 'Cộng tác viên', en: 'contributor' },
  [Role.UNIT_LEADER]: { vi: 'Lãnh đạo đơn vị', en: 'unit leader' },
};

const has = <T extends string>(list: T | T[] | undefined, value: T, all: T) =>
  list !== undefined && (Array.isArray(list) ? list : [list]).some((v) => v === value || v === all);

/**
 * Which roles' rules grant `action` on `subject` (in the roles table's order), and whether only when
 * held over a subtree. Read from the same rules the abilities are built from, so it cannot drift.
 */
export function rolesAllowing(
  action: AppAction,
  subject: AppSubjectType,
): Array<{ role: Role; subtreeOnly: boolean }> {
  const grants = (role: Role, scope: RoleScope) =>
    rulesForAssignment({ tenantId: 'portal', tenantPath: 'portal', role, scope, fields: [] }).some(
      (rule) =>
        !rule.inverted &&
        has(rule.action as AppAction | AppAction[], action, 'manage') &&
        has(rule.subject as AppSubjectType | AppSubjectType[], subject, 'all'),
    );
  return ROLES.flatMap((role): Array<{ role: Role; subtreeOnly: boolean }> => {
    if (grants(role, RoleScope.TENANT)) return [{ role, subtreeOnly: false }];
    if (grants(role, RoleScope.SUBTREE)) return [{ role, subtreeOnly: true }];
    return [];
  });
}

/** "Trưởng Ban biên tập hoặc Thành viên Ban biên tập (ROLE, ROLE)": what a refusal names as needed. */
export function neededRoles(action: AppAction, subject: AppSubjectType): BilingualMessage {
  const roles = rolesAllowing(action, subject);
  if (roles.length === 0)
    return { vi: 'quản trị viên hệ thống', en: 'platform administrator (no portal role grants it)' };
  const name = (lang: 'vi' | 'en') =>
    roles
      .map(
        ({ role, subtreeOnly }) =>
          `${ROLE_NAMES[role][lang]}${subtreeOnly ? (lang === 'vi' ? ' (phạm vi cả nhánh)' : ' (held over the subtree)') : ''}`,
      )
      .join(lang === 'vi' ? ' hoặc ' : ' or ');
  const codes = roles.map((r) => r.role).join(', ');
  return { vi: `${name('vi')} (${codes})`, en: `${name('en')} (${codes})` };
}

// FORBIDDEN from the guard and assertCan (libs/platform) names these roles.
registerRoleHint(neededRoles);

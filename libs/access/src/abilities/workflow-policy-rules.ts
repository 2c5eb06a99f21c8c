import { AppRule } from '@portal/platform';
import { Role } from '../roles/role';
import { LiveAssignment } from './role-rules';

/**
 * Rules a portal's workflow policy adds to a role (the policy is its deadline profile's `workflow`
 * section; the editorial lib decides which portals have it on). Kept here, next to the role rules,
 * so that the permission matrix is generated from the very rules the requests get.
 */

/**
 * Board members approve in their assigned fields (1376 art. 11.2, 12.1): a member with fields
 * approves the items of those fields on the portal the role is held on; a member with no field
 * assigned approves nothing. The head's approval and the four-eyes prohibition are unchanged.
 */
export function memberApprovalRules(a: LiveAssignment): AppRule[] {
  if (a.role !== Role.BOARD_MEMBER || a.fields.length === 0) return [];
  return [
    {
      action: 'approve',
      subject: 'Content',
      conditions: { tenantId: a.tenantId, field: { $in: a.fields } },
      reason: 'field-approval',
    },
  ];
}

/**
 * The board's head edits the site structure (categories, menus, links, the look) of the portal the
 * role is held on, where the portal's regulation gives the board the running of the site
 * (517/QĐ-SNV art. 3.2.c, 6.1.a). Elsewhere the operator alone does (05/2024/QĐ-UBND art. 8.3).
 */
export function boardStructureRules(a: LiveAssignment): AppRule[] {
  if (a.role !== Role.BOARD_HEAD) return [];
  return [
    {
      action: 'update',
      subject: 'SiteStructure',
      conditions: { tenantId: a.tenantId },
      reason: 'board-structure',
    },
  ];
}

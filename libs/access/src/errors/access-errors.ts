import { DomainError, ForbiddenError, inputError } from '@portal/platform';
import { AccessErrorCode as Code } from './access-error-code';

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

/** Every typed error of access, its Vietnamese and English text in one place. */
export const AccessErrors = {
  /** FORBIDDEN: an operation that declares no access rule is refused (deny by default). */
  undeclared: () =>
    new ForbiddenError({
      vi: 'Chức năng chưa khai báo quyền truy cập.',
      en: 'This operation declares no access rule and is refused.',
    }),
  tenantNotFound: () =>
    input(Code.TENANT_NOT_FOUND, 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
  accountNotFound: () =>
    input(Code.ACCOUNT_NOT_FOUND, 'accountId', 'Không tìm thấy tài khoản.', 'The account does not exist.'),
  invalidRole: () => input(Code.INVALID_ROLE, 'role', 'Vai trò không hợp lệ.', 'Unknown role.'),
  cannotGrantSelf: () =>
    input(
      Code.CANNOT_GRANT_SELF,
      'accountId',
      'Không thể tự cấp vai trò cho chính mình.',
      'You cannot grant a role to yourself.',
    ),
  invalidValidFrom: () =>
    input(Code.INVALID_DATE, 'validFrom', 'Ngày bắt đầu không hợp lệ.', 'validFrom is not a valid date.'),
  invalidPeriod: () =>
    input(
      Code.INVALID_PERIOD,
      'validTo',
      'Ngày kết thúc phải sau ngày bắt đầu.',
      'validTo must be after validFrom.',
    ),
  assignmentNotOfSource: (field: string) =>
    input(
      Code.ROLE_ASSIGNMENT_NOT_OF_SOURCE,
      field,
      'Phân quyền không phải phân quyền còn hiệu lực của cổng được sáp nhập.',
      'The assignment is not a live role assignment of a portal being merged.',
    ),
  duplicateMapping: (field: string) =>
    input(
      Code.DUPLICATE_MAPPING,
      field,
      'Phân quyền được nêu hai lần trong kế hoạch.',
      'The assignment is named twice in the plan.',
    ),
  roleNotGrantable: (field: string) =>
    input(
      Code.ROLE_NOT_GRANTABLE,
      field,
      'Bạn không được cấp vai trò này trên cổng nhận sáp nhập; hãy thu hồi.',
      'You may not grant this role on the portal merged into; revoke it instead.',
    ),
  mergePlanIncomplete: (missing: number) =>
    input(
      Code.MERGE_PLAN_INCOMPLETE,
      'plan.roleMapping',
      `Kế hoạch chưa nêu ${missing} phân quyền của các cổng được sáp nhập.`,
      `The plan does not name ${missing} live role assignment${missing === 1 ? '' : 's'} of the merged portals.`,
    ),
};

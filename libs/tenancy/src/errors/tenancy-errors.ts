import { DomainError, inputError } from '@portal/platform';
import { TenancyErrorCode as Code } from './tenancy-error-code';

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

/** Every typed error of tenancy, its Vietnamese and English text in one place. */
export const TenancyErrors = {
  tenantNotFound: (field: string) =>
    input(Code.TENANT_NOT_FOUND, field, 'Không tìm thấy cổng.', 'The portal does not exist.'),
  tenantNotActive: (field: string) =>
    input(Code.TENANT_NOT_ACTIVE, field, 'Cổng không còn hoạt động.', 'The portal is not active.'),
  parentNotFound: (field = 'parentId') =>
    input(Code.PARENT_NOT_FOUND, field, 'Không tìm thấy cổng cấp trên.', 'The parent portal does not exist.'),
  kindNotAllowed: (field: string, kindVi: string, underVi: string, kind: string, under: string) =>
    input(
      Code.KIND_NOT_ALLOWED,
      field,
      `Không thể tạo cổng loại ${kindVi} ${underVi}.`,
      `A ${kind} portal cannot be created ${under}.`,
    ),
  invalidLabel: (field: string, label: string, vi: string, en: string) =>
    input(Code.INVALID_LABEL, field, `${vi} (“${label}”)`, `${en} ("${label}")`),
  invalidName: (field: string) =>
    input(
      Code.INVALID_NAME,
      field,
      'Tên tiếng Việt là bắt buộc và không quá 255 ký tự.',
      'The Vietnamese name is required and at most 255 characters.',
    ),
  invalidUnitCode: (field: string) =>
    input(
      Code.INVALID_UNIT_CODE,
      field,
      'Mã đơn vị hành chính chỉ gồm chữ số.',
      'The administrative unit code must be digits only.',
    ),
  invalidHost: (field: string, host: string) =>
    input(
      Code.INVALID_HOST,
      field,
      `Tên miền “${host}” không hợp lệ.`,
      `"${host}" is not a valid host name.`,
    ),
  unknownTemplate: (field: string, template: string) =>
    input(
      Code.UNKNOWN_TEMPLATE,
      field,
      `Không có mẫu cổng “${template}”.`,
      `There is no portal template "${template}".`,
    ),
  labelTaken: (label: string, field = 'label') =>
    input(
      Code.LABEL_TAKEN,
      field,
      `Nhãn “${label}” đã được dùng bởi một cổng cùng cấp.`,
      `The label "${label}" is already used by a sibling portal.`,
    ),
  hostTaken: (host: string, field = 'label') =>
    input(
      Code.HOST_TAKEN,
      field,
      `Tên miền “${host}” đã được sử dụng.`,
      `The host "${host}" is already in use.`,
    ),
  sourcesRequired: () =>
    input(
      Code.REQUIRED,
      'sourceIds',
      'Cần ít nhất một cổng để sáp nhập.',
      'At least one portal to merge is required.',
    ),
  mergeIntoItself: (field: string) =>
    input(
      Code.MERGE_INTO_ITSELF,
      field,
      'Không thể sáp nhập một cổng vào chính nó.',
      'A portal cannot be merged into itself.',
    ),
  successorIsItself: () =>
    input(
      Code.MERGE_INTO_ITSELF,
      'successorId',
      'Cổng kế thừa phải là cổng khác.',
      'The successor must be another portal.',
    ),
  mergeIntoDescendant: (field: string) =>
    input(
      Code.MERGE_INTO_DESCENDANT,
      field,
      'Không thể sáp nhập vào cổng cấp dưới của chính nó.',
      'A portal cannot be merged into one of its descendants.',
    ),
  cannotMoveRoot: () =>
    input(
      Code.CANNOT_MOVE_ROOT,
      'tenantId',
      'Không thể di chuyển cổng gốc.',
      'A root portal cannot be moved.',
    ),
  moveIntoOwnSubtree: () =>
    input(
      Code.MOVE_INTO_OWN_SUBTREE,
      'newParentId',
      'Không thể chuyển một cổng vào cây con của chính nó.',
      'A portal cannot be moved under itself or its own descendants.',
    ),
  successorRequired: () =>
    input(
      Code.SUCCESSOR_REQUIRED,
      'successorId',
      'Cổng gốc cần chỉ định cổng kế thừa.',
      'A root portal needs a successor to be retired.',
    ),
  hasChildren: (field: string) =>
    input(
      Code.HAS_CHILDREN,
      field,
      'Cổng còn cổng cấp dưới đang hoạt động; hãy chuyển chúng đi trước.',
      'The portal still has live child portals; move them first.',
    ),
  categoryNotOfSource: (field: string) =>
    input(
      Code.CATEGORY_NOT_OF_SOURCE,
      field,
      'Chuyên mục không thuộc cổng được sáp nhập.',
      'The category does not belong to a portal being merged.',
    ),
  duplicateMapping: (field: string) =>
    input(
      Code.DUPLICATE_MAPPING,
      field,
      'Chuyên mục được nêu hai lần trong kế hoạch.',
      'The category is named twice in the plan.',
    ),
  categoryNotOfTarget: (field: string) =>
    input(
      Code.CATEGORY_NOT_OF_TARGET,
      field,
      'Chuyên mục đích không thuộc cổng nhận sáp nhập.',
      'The target category does not belong to the portal merged into.',
    ),
  mergePlanIncomplete: (missing: number) =>
    input(
      Code.MERGE_PLAN_INCOMPLETE,
      'plan.categoryMapping',
      `Kế hoạch chưa nêu ${missing} chuyên mục của các cổng được sáp nhập.`,
      `The plan does not name ${missing} categor${missing === 1 ? 'y' : 'ies'} of the merged portals.`,
    ),
};

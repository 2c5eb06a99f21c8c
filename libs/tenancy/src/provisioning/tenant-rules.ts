import { DomainError, inputError } from '@portal/platform';
import { labelProblem, proposeDomainLabel } from '../labels/domain-label';
import { TenantKind, isKindAllowedUnder } from '../tenants/tenant-kind';
import { isValidHostname } from '../hosts/host-names';
import { PORTAL_TEMPLATES } from './portal-templates';

const KIND_VI: Record<string, string> = {
  PROVINCE: 'tỉnh/thành phố',
  DEPARTMENT: 'sở, ban, ngành',
  DISTRICT: 'quận/huyện',
  COMMUNE: 'xã',
  WARD: 'phường',
  TOWNSHIP: 'thị trấn',
  SPECIAL_ZONE: 'đặc khu',
  THEMATIC: 'trang chuyên đề',
};

export function kindError(
  kind: TenantKind,
  parentKind: TenantKind | null,
  field = 'kind',
): DomainError | null {
  if (isKindAllowedUnder(kind, parentKind)) return null;
  const under = parentKind ? `under a ${parentKind}` : 'as a root';
  const underVi = parentKind ? `trực thuộc ${KIND_VI[parentKind]}` : 'làm cổng gốc';
  return inputError(
    'KIND_NOT_ALLOWED',
    field,
    `Không thể tạo cổng loại ${KIND_VI[kind]} ${underVi}.`,
    `A ${kind} portal cannot be created ${under}.`,
  );
}

/** The label to use (given or proposed) or the reason it cannot be used. */
export function resolveLabel(
  given: string | null | undefined,
  nameVi: string,
  kind: TenantKind,
  field = 'label',
): { label: string } | { error: DomainError } {
  const label = given?.trim() ? given.trim() : proposeDomainLabel(nameVi, kind);
  const problem = labelProblem(label);
  if (!problem) return { label };
  const reasons: Record<string, [string, string]> = {
    EMPTY: ['Nhãn tên miền không được để trống.', 'The domain label must not be empty.'],
    TOO_LONG: ['Nhãn tên miền dài quá 63 ký tự.', 'The domain label is longer than 63 characters.'],
    INVALID_CHARACTERS: [
      'Nhãn tên miền chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang ở giữa.',
      'The domain label may only hold lowercase ASCII letters, digits and inner hyphens.',
    ],
  };
  const [vi, en] = reasons[problem];
  return { error: inputError('INVALID_LABEL', field, `${vi} (“${label}”)`, `${en} ("${label}")`) };
}

export function nameError(nameVi: string | null | undefined, field = 'nameVi'): DomainError | null {
  if (nameVi && nameVi.trim().length > 0 && nameVi.length <= 255) return null;
  return inputError(
    'INVALID_NAME',
    field,
    'Tên tiếng Việt là bắt buộc và không quá 255 ký tự.',
    'The Vietnamese name is required and at most 255 characters.',
  );
}

export function unitCodeError(unitCode: string | null | undefined, field = 'unitCode'): DomainError | null {
  if (unitCode == null || /^[0-9]{1,10}$/.test(unitCode)) return null;
  return inputError(
    'INVALID_UNIT_CODE',
    field,
    'Mã đơn vị hành chính chỉ gồm chữ số.',
    'The administrative unit code must be digits only.',
  );
}

export function aliasError(aliases: string[], field = 'aliases'): DomainError | null {
  const bad = aliases.findIndex((a) => !isValidHostname(a));
  if (bad === -1) return null;
  return inputError(
    'INVALID_HOST',
    `${field}.${bad}`,
    `Tên miền “${aliases[bad]}” không hợp lệ.`,
    `"${aliases[bad]}" is not a valid host name.`,
  );
}

export function templateError(template: string, field = 'template'): DomainError | null {
  if (PORTAL_TEMPLATES[template]) return null;
  return inputError(
    'UNKNOWN_TEMPLATE',
    field,
    `Không có mẫu cổng “${template}”.`,
    `There is no portal template "${template}".`,
  );
}

export const labelTaken = (label: string, field = 'label') =>
  inputError(
    'LABEL_TAKEN',
    field,
    `Nhãn “${label}” đã được dùng bởi một cổng cùng cấp.`,
    `The label "${label}" is already used by a sibling portal.`,
  );

export const hostTaken = (host: string, field = 'label') =>
  inputError(
    'HOST_TAKEN',
    field,
    `Tên miền “${host}” đã được sử dụng.`,
    `The host "${host}" is already in use.`,
  );

export const parentNotFound = (field = 'parentId') =>
  inputError('PARENT_NOT_FOUND', field, 'Không tìm thấy cổng cấp trên.', 'The parent portal does not exist.');

export const tenantNotFound = (field: string) =>
  inputError('TENANT_NOT_FOUND', field, 'Không tìm thấy cổng.', 'The portal does not exist.');

export const tenantNotActive = (field: string) =>
  inputError('TENANT_NOT_ACTIVE', field, 'Cổng không còn hoạt động.', 'The portal is not active.');

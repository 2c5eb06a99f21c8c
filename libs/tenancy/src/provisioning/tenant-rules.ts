import { DomainError } from '@portal/platform';
import { TenancyErrors } from '../errors/tenancy-errors';
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
  return TenancyErrors.kindNotAllowed(field, KIND_VI[kind], underVi, kind, under);
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
  return { error: TenancyErrors.invalidLabel(field, label, vi, en) };
}

export function nameError(nameVi: string | null | undefined, field = 'nameVi'): DomainError | null {
  if (nameVi && nameVi.trim().length > 0 && nameVi.length <= 255) return null;
  return TenancyErrors.invalidName(field);
}

export function unitCodeError(unitCode: string | null | undefined, field = 'unitCode'): DomainError | null {
  if (unitCode == null || /^[0-9]{1,10}$/.test(unitCode)) return null;
  return TenancyErrors.invalidUnitCode(field);
}

export function aliasError(aliases: string[], field = 'aliases'): DomainError | null {
  const bad = aliases.findIndex((a) => !isValidHostname(a));
  if (bad === -1) return null;
  return TenancyErrors.invalidHost(`${field}.${bad}`, aliases[bad]);
}

export function templateError(template: string, field = 'template'): DomainError | null {
  if (PORTAL_TEMPLATES[template]) return null;
  return TenancyErrors.unknownTemplate(field, template);
}

export const { labelTaken, hostTaken, parentNotFound, tenantNotFound, tenantNotActive } = TenancyErrors;

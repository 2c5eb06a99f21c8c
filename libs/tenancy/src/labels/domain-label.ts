import { TenantKind } from '../tenants/tenant-kind';

/** A DNS label as the platform accepts it: lowercase ASCII letters, digits, inner hyphens, ≤ 63. */
export const DOMAIN_LABEL_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Vietnamese → ASCII: NFD strips the tone and vowel marks, but đ/Đ is a letter of its own (not d
 * plus a mark), so it is mapped explicitly.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Folded text reduced to what a DNS label may hold. */
function toLabelChars(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, '');
}

function words(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[\s\-–—_,.;:/()]+/u)
    .filter((w) => w.length > 0);
}

/** Unit-type words by kind, longest first so "Thị xã" wins over a shorter match. */
const UNIT_WORDS: Partial<Record<TenantKind, string[]>> = {
  [TenantKind.PROVINCE]: ['thanh pho', 'tinh'],
  [TenantKind.DISTRICT]: ['thanh pho', 'thi xa', 'quan', 'huyen'],
  [TenantKind.WARD]: ['phuong'],
  [TenantKind.COMMUNE]: ['xa'],
  [TenantKind.TOWNSHIP]: ['thi tran'],
  [TenantKind.SPECIAL_ZONE]: ['dac khu'],
};

/** Words a department's initials skip. */
const CONNECTIVES = new Set(['va']);

function stripUnitWord(name: string, kind: TenantKind): string {
  const tokens = words(name);
  const folded = tokens.map(foldVietnamese);
  for (const unit of UNIT_WORDS[kind] ?? []) {
    const unitTokens = unit.split(' ');
    const matches = unitTokens.every((t, i) => folded[i] === t);
    if (!matches || tokens.length === unitTokens.length) continue;
    const rest = tokens.slice(unitTokens.length);
    // "Phường 01" keeps its word ("phuong1"): a bare number is no name. Leading zeros go, so
    // "Phường 01" and "Phường 1" name the same ward.
    if (rest.length === 1 && /^\d+$/.test(rest[0])) {
      return `${unitTokens.join('')}${String(Number.parseInt(rest[0], 10))}`;
    }
    return toLabelChars(rest.join(' '));
  }
  return toLabelChars(name);
}

function initials(name: string): string {
  return words(name)
    .map(foldVietnamese)
    .filter((w) => !CONNECTIVES.has(w))
    .map((w) => (/^\d+$/.test(w) ? String(Number.parseInt(w, 10)) : w.replace(/[^a-z0-9]/g, '').charAt(0)))
    .join('');
}

/**
 * The default domain label for a portal's Vietnamese name (docs/domain.md, 05/2024/QĐ-UBND art. 5.2):
 * administrative units drop their unit-type word, departments take the initials of their words
 * (skipping "và"), other kinds use their whole name. Returns '' when nothing usable remains.
 */
export function proposeDomainLabel(name: string, kind: TenantKind): string {
  const label = kind === TenantKind.DEPARTMENT ? initials(name) : stripUnitWord(name, kind);
  return label.slice(0, 63);
}

export type LabelProblem = 'EMPTY' | 'TOO_LONG' | 'INVALID_CHARACTERS';

/** Why a label is not a valid DNS label, or null when it is. */
export function labelProblem(label: string): LabelProblem | null {
  if (label.length === 0) return 'EMPTY';
  if (label.length > 63) return 'TOO_LONG';
  if (!DOMAIN_LABEL_PATTERN.test(label)) return 'INVALID_CHARACTERS';
  return null;
}

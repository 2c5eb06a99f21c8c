import { DomainError, inputError } from '@portal/platform';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

/**
 * A decimal with at most two decimals as the board types it ("1.5", "1,5", "30") in hundredths,
 * so that no coefficient ever passes through floating point. Null when it is not such a number.
 */
export function parseHundredths(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  const m = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** `150` → `1.50`. */
export function showHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export const badDecimal = (field: string): DomainError =>
  inputError(
    RoyaltiesErrorCode.INVALID_NUMBER,
    field,
    'Cần một số có tối đa hai chữ số thập phân, ví dụ 1,5.',
    'Expected a number with at most two decimals, such as 1.5.',
  );

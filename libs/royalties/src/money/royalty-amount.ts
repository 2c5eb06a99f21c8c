/**
 * Money in integer đồng, never floating point. Coefficients are held in hundredths (1.5 → 150),
 * percentages in basis points (10 % → 1,000; 100 % → 10,000). A line's amount is the exact product
 * of its factors divided once, in BigInt, and rounded once to the nearest đồng (halves up).
 */
export const HUNDRED = 100;
export const WHOLE_BP = 10_000;

/** A coefficient or percentage with at most two decimals, scaled by 100 (1.5 → 150; 20 % → 2,000 bp). */
export function hundredths(value: number): number {
  return Math.round(value * 100);
}

/** `numerator / denominator` rounded to the nearest integer, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

export interface LineFactors {
  /** Total coefficient in hundredths (the genre's plus every photo's). */
  coefficientH: number;
  /** The base salary (or the fixed unit value) in force on the day, in đồng. */
  base: number;
  /** The share of `base` one unit is worth, in basis points (10,000 for a fixed unit value). */
  unitBp: number;
  /** Repost/syndication factor, in basis points (10,000: paid in full). */
  factorBp: number;
  /** Lower-level portal share, in basis points (10,000: paid in full). */
  levelBp: number;
}

/** The amount of one line, in đồng: coefficient × unit value × factor × share, rounded once. */
export function lineAmount(f: LineFactors): number {
  const numerator =
    BigInt(f.coefficientH) * BigInt(f.base) * BigInt(f.unitBp) * BigInt(f.factorBp) * BigInt(f.levelBp);
  const denominator = BigInt(HUNDRED) * BigInt(WHOLE_BP) ** 3n;
  return Number(divideRounded(numerator, denominator));
}

/** The value of one unit in đồng (shown on the sheet), rounded to the đồng. */
export function unitValue(base: number, unitBp: number): number {
  return Number(divideRounded(BigInt(base) * BigInt(unitBp), BigInt(WHOLE_BP)));
}

/**
 * Splits `amount` among shares (basis points summing to 10,000) so that the parts add up to it
 * exactly: each gets its floor, the đồng left over go to the largest remainders (earlier first).
 */
export function splitByShares(amount: number, sharesBp: number[]): number[] {
  const total = BigInt(amount);
  const parts = sharesBp.map((s) => (total * BigInt(s)) / BigInt(WHOLE_BP));
  const remainders = sharesBp.map((s, i) => ({ i, r: (total * BigInt(s)) % BigInt(WHOLE_BP) }));
  let left = Number(total - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] += 1n;
    left -= 1;
  }
  return parts.map(Number);
}

/** `2340000` → `2.340.000` (Vietnamese thousands separator). */
export function formatDong(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return sign + String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

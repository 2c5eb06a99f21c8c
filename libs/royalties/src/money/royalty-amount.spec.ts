import {
  divideRounded,
  formatDong,
  hundredths,
  lineAmount,
  splitByShares,
  unitValue,
} from './royalty-amount';

describe('royalty amounts in integer đồng', () => {
  it('keeps coefficients in hundredths without floating-point drift', () => {
    expect(hundredths(1.5)).toBe(150);
    expect(hundredths(0.29)).toBe(29);
    expect(hundredths(2.55)).toBe(255);
  });

  it('computes a line by hand: 10 units at 10 % of 2,340,000 đ is 2,340,000 đ', () => {
    expect(
      lineAmount({ coefficientH: 1000, base: 2_340_000, unitBp: 1000, factorBp: 10_000, levelBp: 10_000 }),
    ).toBe(2_340_000);
    // 1.5 × 234,000 × 50 % × 20 % = 35,100
    expect(
      lineAmount({ coefficientH: 150, base: 2_340_000, unitBp: 1000, factorBp: 5000, levelBp: 2000 }),
    ).toBe(35_100);
    expect(unitValue(1_800_000, 1000)).toBe(180_000);
  });

  it('rounds once, halves away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    // 0.01 × 1,234,567 × 10 % = 1,234.567 → 1,235
    expect(
      lineAmount({ coefficientH: 1, base: 1_234_567, unitBp: 1000, factorBp: 10_000, levelBp: 10_000 }),
    ).toBe(1235);
  });

  it('splits among authors so that the parts add up exactly', () => {
    expect(splitByShares(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(splitByShares(234_001, [5000, 5000])).toEqual([117_001, 117_000]);
    const parts = splitByShares(1_000_003, [2500, 2500, 5000]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_003);
  });

  it('formats đồng the Vietnamese way', () => {
    expect(formatDong(2_340_000)).toBe('2.340.000');
    expect(formatDong(-35_100)).toBe('-35.100');
  });
});

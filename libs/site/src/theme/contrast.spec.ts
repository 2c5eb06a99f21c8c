import { contrastRatio, isHexColour } from './contrast';

describe('contrast ratio', () => {
  it('matches the WCAG definition at its ends and on known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Order does not matter.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(contrastRatio('#ffffff', '#767676'), 10);
    // #767676 on white is the classic lightest AA grey (4.54:1); #777777 is just below.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('knows a colour only in #rrggbb form', () => {
    expect(isHexColour('#A4161a')).toBe(true);
    for (const bad of ['red', '#fff', '#12345g', 'url(x)', '#a4161a;}', ''])
      expect(isHexColour(bad)).toBe(false);
  });
});

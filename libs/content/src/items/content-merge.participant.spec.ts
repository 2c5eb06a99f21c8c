import { numberedSlug } from './content-merge.participant';

describe('numberedSlug', () => {
  it('appends the number', () => {
    expect(numberedSlug('thong-bao-lich-tiep-dan', 2)).toBe('thong-bao-lich-tiep-dan-2');
    expect(numberedSlug('lich-cong-tac-tuan-2', 2)).toBe('lich-cong-tac-tuan-2-2');
  });

  it('stays a valid slug of at most 200 characters', () => {
    const long = `${'a'.repeat(197)}-b-c`;
    const numbered = numberedSlug(long, 12);
    expect(numbered.length).toBeLessThanOrEqual(200);
    expect(numbered).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(numbered.endsWith('-12')).toBe(true);
  });
});

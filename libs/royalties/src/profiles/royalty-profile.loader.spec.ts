import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRoyaltyProfiles, parseRoyaltyProfile, resolveRoyaltyProfile } from './royalty-profile.loader';

const SHIPPED = join(__dirname, '..', '..', '..', '..', 'tenants', 'royalties');

const VALID = `apiVersion: portal/v1
kind: RoyaltyProfile
key: test-profile
nameVi: Thử
document: Văn bản thử
unitValue:
  basis: FIXED
  article: Điều 1
  values:
    - from: '2025-01-01'
      amount: 100000
      document: Văn bản thử
      article: Điều 2
genres:
  - key: NEWS
    nameVi: Tin
    nameEn: News
    min: 1
    max: 2.5
    article: Điều 3
`;

describe('royalty profiles (tenants/royalties/*.yaml)', () => {
  it('loads the shipped national default and the Ninh Thuận example, every rule citing its article', () => {
    const { profiles, issues } = loadRoyaltyProfiles(SHIPPED);
    expect(issues).toEqual([]);
    const national = resolveRoyaltyProfile(profiles, 'national-18-2014');
    expect(national.unitValue.values.map((v) => [v.from, v.amount])).toEqual([
      ['2023-07-01', 1_800_000],
      ['2024-07-01', 2_340_000],
    ]);
    expect(national.genres.find((g) => g.key === 'COMMENTARY')?.max).toBe(30);
    const nt = resolveRoyaltyProfile(profiles, 'ninhthuan-23-2020');
    // Inherited from the national profile; its own table, share and factor.
    expect(nt.sources).toMatchObject({ unitValue: 'national-18-2014', genres: 'ninhthuan-23-2020' });
    expect(nt.lowerLevelShare?.percent).toBe(20);
    expect(nt.repostFactor?.percent).toBe(50);
    for (const p of [national, nt]) {
      for (const rule of [
        ...p.genres,
        p.photo,
        p.lowerLevelShare,
        p.repostFactor,
        p.unitValue,
        ...p.unitValue.values,
      ])
        if (rule) expect(rule.article.length).toBeGreaterThan(4);
    }
    // The national decree's rules are checked; the Ninh Thuận table is not (its text is not at hand):
    // the profile says so, and so does every one of its own articles, which quote nothing.
    expect(national.unverified).toBeNull();
    expect(nt.unverified).toContain('chưa được đối chiếu');
    for (const rule of [...nt.genres, nt.photo, nt.lowerLevelShare, nt.repostFactor])
      expect(rule?.article).toContain('chưa đối chiếu');
    // A profile extending it inherits the mark.
    const child = parseRoyaltyProfile(
      'apiVersion: portal/v1\nkind: RoyaltyProfile\nkey: child\nextends: ninhthuan-23-2020\nnameVi: Con\ndocument: Thử\n',
    );
    if (!child.ok) throw new Error(JSON.stringify(child.issues));
    profiles.set('child', child.profile);
    expect(resolveRoyaltyProfile(profiles, 'child').unverified).toBe(nt.unverified);
  });

  it('accepts a valid profile and keeps text in NFC', () => {
    const r = parseRoyaltyProfile(VALID.replace('nameVi: Thử', 'nameVi: "Thu\u031B\u0309"'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.profile.nameVi).toBe('Thử');
  });

  it('reports each problem at its line and column, naming the field', () => {
    const bad = VALID.replace('    max: 2.5', '    max: 0.555')
      .replace("    - from: '2025-01-01'", "    - from: '2025-13-01'")
      .replace('  basis: FIXED', '  basis: FIXED\n  percent: 10')
      .replace('    nameEn: News', '    nameEn: News\n    colour: red');
    const r = parseRoyaltyProfile(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (path: string) => r.issues.find((i) => i.path === path);
    expect(at('/unitValue/percent')).toMatchObject({
      line: 8,
      message: expect.stringContaining('only allowed when basis is BASE_SALARY_SHARE'),
    });
    expect(at('/unitValue/values/0/from')).toMatchObject({
      line: 11,
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(at('/genres/0/colour')).toMatchObject({
      line: 19,
      column: 5,
      message: expect.stringContaining('unknown field "colour"'),
    });
    expect(at('/genres/0/max')).toMatchObject({
      line: 21,
      message: expect.stringContaining('at most two decimals'),
    });
    expect(r.issues.find((i) => i.message.includes('must be at least min'))).toMatchObject({ line: 21 });
  });

  it('refuses duplicate genres, unordered dated values, a share basis without a percent, an unknown parent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'royalty-profiles-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      VALID.replace('  basis: FIXED', '  basis: BASE_SALARY_SHARE')
        .replace(
          "    - from: '2025-01-01'",
          "    - from: '2025-01-01'\n      amount: 1\n      document: x\n      article: y\n    - from: '2024-01-01'",
        )
        .concat(
          '  - key: NEWS\n    nameVi: Tin\n    nameEn: News\n    min: 1\n    max: 1\n    article: Điều 4\n',
        ),
    );
    writeFileSync(join(dir, 'b.yaml'), VALID.replace('key: test-profile', 'key: child\nextends: nowhere'));
    const { profiles, issues } = loadRoyaltyProfiles(dir);
    expect(profiles.size).toBe(0);
    const messages = issues.map((i) => `${i.file.endsWith('a.yaml') ? 'a' : 'b'}:${i.line} ${i.message}`);
    expect(messages).toEqual([
      'a:7 /unitValue/basis: missing required field "percent" (basis BASE_SALARY_SHARE needs it)',
      'a:14 /unitValue/values/1/from: must be after 2025-01-01 (values are listed oldest first)',
      'a:25 /genres/1/key: genre NEWS already defined at /genres/0',
      'b:4 /extends: extends "nowhere", which is not a loaded profile',
    ]);
  });
});

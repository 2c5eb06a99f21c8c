import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadPolicyDirectory,
  parsePolicyProfile,
  resolveFreshnessRules,
  resolveReportRules,
  resolveRules,
  type PolicyIssue,
} from './deadline-policy.loader';
import {
  DeadlineAnchor,
  DeadlineRuleType,
  InformationKind,
  type DeadlinePolicyProfile,
} from './deadline-policy.types';

const SHIPPED_DIR = join(__dirname, '../../../../tenants/policies');

/** Joins lines so that line N of the profile is argument N: keeps expected line numbers readable. */
const yaml = (...lines: string[]): string => lines.join('\n') + '\n';

// Lines 1-6 of every hand-written profile below; rules start on line 7.
const header = (key = 'test-profile', ...extra: string[]): string[] => [
  'apiVersion: portal/v1',
  'kind: DeadlinePolicy',
  `key: ${key}`,
  'nameVi: Hồ sơ thử',
  'document: Quyết định số 1/2024/QĐ-UBND',
  ...extra,
  'rules:',
];

const newsRule = (workingDays: number, indent = '  '): string[] => [
  `${indent}- kind: NEWS`,
  `${indent}  type: WITHIN_WORKING_DAYS`,
  `${indent}  workingDays: ${workingDays}`,
  `${indent}  anchor: EVENT`,
  `${indent}  article: Điều 1`,
];

function issuesOf(text: string): PolicyIssue[] {
  const result = parsePolicyProfile(text);
  if (result.ok) throw new Error('expected the profile to be rejected');
  return result.issues;
}

function profileOf(text: string): DeadlinePolicyProfile {
  const result = parsePolicyProfile(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.profile;
}

describe('shipped policy profiles (tenants/policies)', () => {
  const { profiles, issues } = loadPolicyDirectory(SHIPPED_DIR);

  it('load without issues', () => {
    expect(issues).toEqual([]);
    expect([...profiles.keys()].sort()).toEqual([
      'binhdinh-dic-2012',
      'hcmc-2024',
      'hcmc-culture-sports-2017',
      'kiengiang-641-2017',
      'soctrang-snv-517-2022',
    ]);
  });

  it('resolve kiengiang-641-2017 from art. 16 alone, "kept up to date" as freshness rules', () => {
    const kg = profiles.get('kiengiang-641-2017')!;
    expect(kg.extends).toBeUndefined();
    expect(kg.document).toContain('641/QĐ-UBND ngày 23 tháng 3 năm 2017');
    const rules = resolveRules(profiles, 'kiengiang-641-2017');
    const days = (kind: InformationKind) => rules.get(kind)?.rule.workingDays;
    expect(days(InformationKind.LEGAL_DOCUMENT_OWN)).toBe(2);
    expect(days(InformationKind.LEGAL_DOCUMENT_IN_SCOPE)).toBe(10);
    expect(days(InformationKind.STRATEGY_PLAN_PROJECT)).toBe(10);
    expect(days(InformationKind.PROCUREMENT)).toBe(10);
    expect(days(InformationKind.POLICY_DISSEMINATION)).toBe(15);
    expect(days(InformationKind.QA_ANSWER)).toBe(15);
    expect(days(InformationKind.SCIENCE_PROGRAMME)).toBe(20);
    expect(days(InformationKind.STATISTICS)).toBe(10);
    expect(rules.get(InformationKind.QA_OUT_OF_SCOPE_NOTICE)?.rule.type).toBe(DeadlineRuleType.IMMEDIATELY);
    // Art. 16.1.a: news, direction, introduction and contacts have no deadline, only freshness.
    for (const kind of [
      InformationKind.NEWS,
      InformationKind.DIRECTIVE,
      InformationKind.INTRODUCTION,
      InformationKind.CONTACTS,
      InformationKind.QA_ROUTING,
    ])
      expect(rules.has(kind)).toBe(false);
    for (const rule of rules.values()) expect(rule.rule.article).toMatch(/^Điều 16 khoản 1 điểm [b-gđ]$/);
    const fresh = resolveFreshnessRules(profiles, 'kiengiang-641-2017');
    expect(fresh.map((f) => [f.rule.key, f.rule.scope, f.rule.article])).toEqual([
      ['introduction-contacts', 'ITEM', 'Điều 16 khoản 1 điểm a'],
      ['news-direction', 'SECTION', 'Điều 16 khoản 1 điểm a'],
      ['foreign-language', 'ITEM', 'Điều 16 khoản 1 điểm h'],
    ]);
  });

  it('resolve soctrang-snv-517-2022: documents timed by their nature (art. 10.1.c)', () => {
    const rules = resolveRules(profiles, 'soctrang-snv-517-2022');
    expect(profiles.get('soctrang-snv-517-2022')?.extends).toBeUndefined();
    expect([...rules.entries()].map(([kind, r]) => [kind, r.rule.workingDays])).toEqual([
      [InformationKind.NEWS, 3],
      [InformationKind.LEGAL_DOCUMENT_NORMATIVE, 10],
      [InformationKind.LEGAL_DOCUMENT_ADMINISTRATIVE, 2],
      [InformationKind.POLICY_DISSEMINATION, 15],
      [InformationKind.STATISTICS, 10],
    ]);
    expect(resolveFreshnessRules(profiles, 'soctrang-snv-517-2022')[0].rule).toMatchObject({
      article: 'Điều 7 khoản 2 điểm c',
      monthlyReminder: true,
    });
  });

  it('inherit freshness rules by key: 1376 art. 19.3 overrides 05/2024 with a monthly reminder', () => {
    const fresh = resolveFreshnessRules(profiles, 'hcmc-culture-sports-2017');
    expect(fresh.map((f) => [f.rule.key, f.profileKey, f.rule.monthlyReminder ?? false])).toEqual([
      ['introduction-contacts', 'hcmc-culture-sports-2017', true],
      ['foreign-language', 'hcmc-2024', false],
    ]);
  });

  it('name an article and quote the regulation in every rule', () => {
    for (const profile of profiles.values()) {
      expect(profile.regulationFile).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      for (const rule of profile.rules) {
        expect(rule.article).toMatch(/^Điều \d+( khoản \d+)?( điểm [a-zđ])?$/);
        expect(rule.quote?.length).toBeGreaterThan(20);
      }
    }
  });

  it('make hcmc-2024 the root, dated as its decision', () => {
    const hcmc = profiles.get('hcmc-2024')!;
    expect(hcmc.extends).toBeUndefined();
    expect(hcmc.document).toContain('05/2024/QĐ-UBND ngày 16 tháng 02 năm 2024');
    expect(profiles.get('hcmc-culture-sports-2017')?.extends).toBe('hcmc-2024');
    expect(profiles.get('binhdinh-dic-2012')?.extends).toBe('hcmc-2024');

    const rules = resolveRules(profiles, 'hcmc-2024');
    expect(rules.get(InformationKind.NEWS)?.rule.type).toBe(DeadlineRuleType.IMMEDIATELY);
    expect(rules.get(InformationKind.LEGAL_DOCUMENT_OWN)?.rule.workingDays).toBe(2);
    expect(rules.get(InformationKind.QA_ROUTING)?.rule).toMatchObject({
      workingDays: 2,
      anchor: DeadlineAnchor.RECEIPT,
    });
    expect(rules.get(InformationKind.QA_OUT_OF_SCOPE_NOTICE)?.rule.type).toBe(
      DeadlineRuleType.SAME_WORKING_DAY,
    );
    expect(rules.get(InformationKind.QA_ANSWER)?.rule).toMatchObject({
      workingDays: 15,
      anchor: DeadlineAnchor.RECEIPT,
    });
    expect(rules.get(InformationKind.STATISTICS)?.rule).toMatchObject({
      workingDays: 10,
      anchor: DeadlineAnchor.PUBLICATION_DECISION,
    });
    // 05/2024 states none of these (the 10-day "in scope" rule is Kiên Giang's, art. 16.1.c).
    for (const kind of [
      InformationKind.LEGAL_DOCUMENT_IN_SCOPE,
      InformationKind.WORK_SCHEDULE,
      InformationKind.BOARD_HANDLING,
    ]) {
      expect(rules.has(kind)).toBe(false);
    }
  });

  it('resolve hcmc-culture-sports-2017: its own stricter rules over the inherited ones', () => {
    const rules = resolveRules(profiles, 'hcmc-culture-sports-2017');

    const news = rules.get(InformationKind.NEWS)!;
    expect(news.rule).toMatchObject({ type: DeadlineRuleType.WITHIN_WORKING_DAYS, workingDays: 2 });
    expect(news.rule.article).toBe('Điều 10 khoản 2');
    expect(news.profileKey).toBe('hcmc-culture-sports-2017');
    expect(news.document).toContain('1376/QĐ-SVHTT');

    const dissemination = rules.get(InformationKind.POLICY_DISSEMINATION)!;
    expect(dissemination.rule).toMatchObject({ type: DeadlineRuleType.WITHIN_WORKING_DAYS, workingDays: 15 });
    expect(dissemination.profileKey).toBe('hcmc-2024');
    expect(dissemination.document).toContain('05/2024/QĐ-UBND');

    expect(rules.get(InformationKind.STATISTICS)?.rule.workingDays).toBe(5);
    expect(rules.get(InformationKind.BOARD_HANDLING)?.rule).toMatchObject({
      workingDays: 2,
      article: 'Điều 11 khoản 2',
    });
    expect(rules.get(InformationKind.QA_UNIT_ANSWER)?.rule).toMatchObject({
      workingDays: 5,
      article: 'Điều 11 khoản 3',
    });
    expect(rules.get(InformationKind.QA_BOARD_PUBLISH)?.rule).toMatchObject({
      workingDays: 2,
      anchor: DeadlineAnchor.ANSWER,
    });
    expect(rules.get(InformationKind.QA_ROUTING)?.profileKey).toBe('hcmc-2024');
  });

  it('carry the leaders’ work schedule: before 11:00 on Saturday of the preceding week', () => {
    const schedule = resolveRules(profiles, 'hcmc-culture-sports-2017').get(InformationKind.WORK_SCHEDULE)!;
    expect(schedule.rule).toEqual({
      kind: InformationKind.WORK_SCHEDULE,
      type: DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK,
      weekday: 'SATURDAY',
      time: '11:00',
      anchor: DeadlineAnchor.WEEK_START,
      article: 'Điều 10 khoản 3',
      quote: 'Riêng Lịch công tác của Lãnh đạo Sở được đăng tải trước 11h00 ngày thứ Bảy của tuần trước đó.',
    });
    expect(schedule.profileKey).toBe('hcmc-culture-sports-2017');
  });

  it('resolve binhdinh-dic-2012: news within 1 working day', () => {
    const rules = resolveRules(profiles, 'binhdinh-dic-2012');
    expect(rules.get(InformationKind.NEWS)).toMatchObject({
      rule: { workingDays: 1, article: 'Điều 8 khoản 2 điểm a' },
      profileKey: 'binhdinh-dic-2012',
    });
    expect(rules.get(InformationKind.STATISTICS)?.profileKey).toBe('hcmc-2024');
    expect(rules.has(InformationKind.WORK_SCHEDULE)).toBe(false);
  });
});

describe('parsePolicyProfile', () => {
  it('accepts a valid profile and returns its strings in NFC, free text trimmed', () => {
    const nfd = 'Tha\u0300nh pho\u0302\u0301 Ho\u0302\u0300 Chi\u0301 Minh';
    const profile = profileOf(
      yaml(
        'apiVersion: portal/v1',
        'kind: DeadlinePolicy',
        'key: test-profile',
        `nameVi: "  ${nfd} "`,
        'document: Quyết định số 1/2024/QĐ-UBND',
        'rules:',
        '  - kind: WORK_SCHEDULE',
        '    type: BEFORE_TIME_PRECEDING_WEEK',
        '    weekday: FRIDAY',
        '    time: "16:30"',
        '    anchor: WEEK_START',
        `    article: Đie\u0302\u0300u 3 khoa\u0309n 2`, // NFD "Điều 3 khoản 2" still matches the pattern
      ),
    );
    expect(profile.nameVi).toBe('Thành phố Hồ Chí Minh'.normalize('NFC'));
    expect(profile.rules[0]).toEqual({
      kind: InformationKind.WORK_SCHEDULE,
      type: DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK,
      weekday: 'FRIDAY',
      time: '16:30',
      anchor: DeadlineAnchor.WEEK_START,
      article: 'Điều 3 khoản 2'.normalize('NFC'),
    });
  });

  it('reports each mistake in a broken profile at its exact line', () => {
    const issues = issuesOf(
      yaml(
        ...header(), // lines 1-6
        '  - kind: NEWS', // 7
        '    type: WITHIN_WORKING_DAY', // 8: bad enum
        '    workingDays: 2', // 9
        '    anchor: EVENT', // 10
        '    article: Điều 1', // 11
        '  - kind: STATISTICS', // 12
        '    type: WITHIN_WORKING_DAYS', // 13: no workingDays
        '    anchor: PUBLICATION_DECISION', // 14
        '    article: Điều 2', // 15
        '  - kind: DIRECTIVE', // 16
        '    type: WITHIN_WORKING_DAYS', // 17
        '    workingDays: 3', // 18
        '    time: "11:00"', // 19: time on a WITHIN rule
        '    anchor: EVENT', // 20
        '    article: Điều 3', // 21
        '  - kind: NEWS', // 22: second NEWS rule
        '    type: IMMEDIATELY', // 23
        '    anchor: EVENT', // 24
        '    article: Điều 4', // 25
      ),
    );
    expect(issues.map(({ line, column, path }) => ({ line, column, path }))).toEqual([
      { line: 8, column: 11, path: '/rules/0/type' },
      { line: 13, column: 11, path: '/rules/1/type' },
      { line: 19, column: 5, path: '/rules/2/time' },
      { line: 22, column: 11, path: '/rules/3/kind' },
    ]);
    expect(issues[0].message).toMatch(/^\/rules\/0\/type: must be one of IMMEDIATELY, SAME_WORKING_DAY, /);
    expect(issues[1].message).toBe(
      '/rules/1: missing required field "workingDays" (type WITHIN_WORKING_DAYS needs it)',
    );
    expect(issues[2].message).toMatch(/"time" is only allowed when type is BEFORE_TIME_PRECEDING_WEEK/);
    expect(issues[3].message).toBe('/rules/3/kind: kind NEWS already has a rule at /rules/0');
  });

  it('requires weekday and time on a BEFORE_TIME_PRECEDING_WEEK rule and checks the time', () => {
    const issues = issuesOf(
      yaml(
        ...header(),
        '  - kind: WORK_SCHEDULE', // 7
        '    type: BEFORE_TIME_PRECEDING_WEEK', // 8
        '    time: "24:00"', // 9
        '    workingDays: 2', // 10
        '    anchor: WEEK_START', // 11
        '    article: Điều 10 khoản 3', // 12
      ),
    );
    expect(issues.map(({ line, message }) => [line, message])).toEqual([
      [8, '/rules/0: missing required field "weekday" (type BEFORE_TIME_PRECEDING_WEEK needs it)'],
      [9, '/rules/0/time: must be a 24-hour time "HH:MM" such as "11:00" (quoted in YAML)'],
      [
        10,
        '/rules/0/workingDays: must be left out: "workingDays" is only allowed when type is WITHIN_WORKING_DAYS',
      ],
    ]);
  });

  it('checks workingDays, key, article and unknown fields', () => {
    const issues = issuesOf(
      yaml(
        'apiVersion: portal/v1', // 1
        'kind: DeadlinePolicy', // 2
        'key: HCMC_2024', // 3
        'nameVi: Hồ sơ thử', // 4
        'document: Quyết định', // 5
        'rules:', // 6
        '  - kind: NEWS', // 7
        '    type: WITHIN_WORKING_DAYS', // 8
        '    workingDays: 0', // 9
        '    anchor: EVENT', // 10
        '    article: khoản 2', // 11
        '    note: thêm', // 12
      ),
    );
    expect(issues.map(({ line, column, message }) => [line, column, message])).toEqual([
      [3, 6, '/key: must be a key of lowercase letters and digits joined by single "-", such as "hcmc-2024"'],
      [9, 18, '/rules/0/workingDays: must be at least 1'],
      [11, 14, '/rules/0/article: must be an article of the document, such as "Điều 12 khoản 1 điểm a"'],
      [12, 5, '/rules/0: unknown field "note"'],
    ]);
  });

  it('reports missing top-level fields and a profile extending itself', () => {
    const issues = issuesOf(
      yaml('apiVersion: portal/v1', 'kind: DeadlinePolicy', 'key: a', 'extends: a', 'rules: []'),
    );
    expect(issues.map(({ line, message }) => [line, message])).toEqual([
      [1, '/: missing required field "nameVi"'],
      [1, '/: missing required field "document"'],
      [4, '/extends: a profile cannot extend itself'],
    ]);
  });

  it('reports a YAML syntax error and a duplicated YAML key at their lines', () => {
    const syntax = issuesOf(yaml(...header(), '  - kind: NEWS', '    type: IMMEDIATELY: now')); // line 8
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatchObject({ line: 8, column: 11, path: '' });
    expect(syntax[0].message).toMatch(/nested mappings/i);

    const duplicated = issuesOf(yaml(...header(), ...newsRule(1), '    anchor: ISSUE')); // line 12
    expect(duplicated).toHaveLength(1);
    expect(duplicated[0]).toMatchObject({ line: 12, column: 5 });
    expect(duplicated[0].message).toMatch(/unique/i);
  });

  it('rejects an empty file', () => {
    expect(issuesOf('')[0]).toMatchObject({ line: 1, column: 1, path: '/' });
  });
});

describe('loadPolicyDirectory and resolveRules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deadline-policies-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reports an unknown extends, and the profiles that lead to it, at the extends line', () => {
    write('base.yaml', yaml(...header('base'), ...newsRule(5)));
    const middle = write('middle.yaml', yaml(...header('middle', 'extends: nowhere'), ...newsRule(3))); // line 6
    const leaf = write('leaf.yaml', yaml(...header('leaf', 'extends: middle'), ...newsRule(1)));
    write('notes.txt', 'not a profile');

    const { profiles, issues } = loadPolicyDirectory(dir);
    expect([...profiles.keys()]).toEqual(['base']);
    expect(issues).toEqual([
      {
        file: leaf,
        line: 6,
        column: 10,
        message: '/extends: extends "middle", whose own extends chain does not resolve',
      },
      {
        file: middle,
        line: 6,
        column: 10,
        message: '/extends: extends "nowhere", which is not a loaded profile',
      },
    ]);
  });

  it('reports an extends cycle on each of its profiles', () => {
    const a = write('a.yaml', yaml(...header('a', 'extends: c'), ...newsRule(1)));
    const b = write('b.yaml', yaml(...header('b', 'extends: a'), ...newsRule(2)));
    const c = write('c.yaml', yaml(...header('c', 'extends: b'), ...newsRule(3)));
    write('d.yaml', yaml(...header('d'), ...newsRule(4)));

    const { profiles, issues } = loadPolicyDirectory(dir);
    expect([...profiles.keys()]).toEqual(['d']);
    expect(issues.map(({ file, line }) => [file, line])).toEqual([
      [a, 6],
      [b, 6],
      [c, 6],
    ]);
    expect(issues[0].message).toBe('/extends: extends cycle "a" → "c" → "b" → "a"');
  });

  it('keeps the first of two files with one key and reports the second at its key', () => {
    write('first.yaml', yaml(...header('same'), ...newsRule(1)));
    const second = write('second.yaml', yaml(...header('same'), ...newsRule(2)));
    const broken = write('zz-broken.yaml', yaml(...header('other'), '  - kind: NEWZ'));

    const { profiles, issues } = loadPolicyDirectory(dir);
    expect(profiles.get('same')?.rules[0].workingDays).toBe(1);
    expect(issues).toEqual([
      {
        file: second,
        line: 3,
        column: 6,
        message: `/key: key "same" is already used by ${join(dir, 'first.yaml')}; this file is ignored`,
      },
      expect.objectContaining({ file: broken, line: 7 }),
      expect.objectContaining({ file: broken, line: 7 }),
      expect.objectContaining({ file: broken, line: 7 }),
      expect.objectContaining({ file: broken, line: 7 }),
    ]);
  });

  it('resolves rules through several levels, nearest profile first', () => {
    write(
      'a.yaml',
      yaml(
        ...header('a'),
        ...newsRule(5),
        '  - kind: STATISTICS',
        '    type: IMMEDIATELY',
        '    anchor: EVENT',
        '    article: Điều 2',
      ),
    );
    write('b.yaml', yaml(...header('b', 'extends: a'), ...newsRule(3)));
    write(
      'c.yaml',
      yaml(
        ...header('c', 'extends: b'),
        '  - kind: QA_ROUTING',
        '    type: SAME_WORKING_DAY',
        '    anchor: RECEIPT',
        '    article: Điều 9',
      ),
    );
    const { profiles, issues } = loadPolicyDirectory(dir);
    expect(issues).toEqual([]);

    const rules = resolveRules(profiles, 'c');
    expect([...rules.keys()]).toEqual([
      InformationKind.NEWS,
      InformationKind.STATISTICS,
      InformationKind.QA_ROUTING,
    ]);
    expect(rules.get(InformationKind.NEWS)).toMatchObject({ profileKey: 'b', rule: { workingDays: 3 } });
    expect(rules.get(InformationKind.STATISTICS)?.profileKey).toBe('a');
    expect(rules.get(InformationKind.QA_ROUTING)?.profileKey).toBe('c');
    expect(rules.get(InformationKind.QA_ROUTING)?.document).toBe('Quyết định số 1/2024/QĐ-UBND');
  });

  it('throws an error naming an unknown key, an unknown parent or a cycle', () => {
    const profile = (key: string, parent?: string): DeadlinePolicyProfile => ({
      apiVersion: 'portal/v1',
      kind: 'DeadlinePolicy',
      key,
      nameVi: key,
      document: key,
      extends: parent,
      rules: [],
    });
    const profiles = new Map([
      ['x', profile('x', 'y')],
      ['y', profile('y', 'x')],
      ['z', profile('z', 'gone')],
    ]);
    expect(() => resolveRules(profiles, 'hcmc-2099')).toThrow('Unknown deadline policy profile "hcmc-2099"');
    expect(() => resolveRules(profiles, 'z')).toThrow('"z" extends unknown profile "gone"');
    expect(() => resolveRules(profiles, 'x')).toThrow('"x" has an extends cycle');
  });
});

describe('report rules', () => {
  const base = `apiVersion: portal/v1
kind: DeadlinePolicy
key: base
nameVi: Cơ sở
document: Quyết định gốc
rules: []
reportRules:
  - key: english
    type: REQUIRED_LIVE_ITEMS
    titleVi: Có tiếng Anh
    kinds: [ORGANISATION_PAGE]
    language: en
    document: Nghị định 42/2022/NĐ-CP
    article: Điều 7
  - key: daily
    type: UPDATED_EVERY_WORKING_DAY
    titleVi: Cập nhật mỗi ngày làm việc
    article: Điều 13 khoản 1
`;
  const child = `apiVersion: portal/v1
kind: DeadlinePolicy
key: child
extends: base
nameVi: Con
document: Quyết định con
rules: []
reportRules:
  - key: daily
    type: UPDATED_EVERY_WORKING_DAY
    titleVi: Tắt
    article: Điều 1
    disabled: true
  - key: unit-news
    type: MIN_ITEMS_PER_UNIT_PER_MONTH
    titleVi: Mỗi đơn vị 6 tin
    kinds: [NEWS]
    minimum: 6
    article: Điều 18 khoản 3
`;

  it('inherits by key, overrides, switches off, and names each rule’s own document', () => {
    const profiles = new Map(
      [base, child].map((text) => {
        const parsed = parsePolicyProfile(text);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        return [parsed.profile.key, parsed.profile] as const;
      }),
    );
    const resolved = resolveReportRules(profiles, 'child');
    expect(resolved.map((r) => [r.rule.key, r.profileKey, r.document])).toEqual([
      ['unit-news', 'child', 'Quyết định con'],
      ['english', 'base', 'Nghị định 42/2022/NĐ-CP'],
    ]);
    expect(resolveReportRules(profiles, 'base').map((r) => r.rule.key)).toEqual(['english', 'daily']);
  });

  it('refuses a minimum rule without its minimum, an unknown type and a repeated key, with lines', () => {
    const text = `apiVersion: portal/v1
kind: DeadlinePolicy
key: bad
nameVi: Sai
document: Quyết định
rules: []
reportRules:
  - key: a
    type: MIN_ITEMS_PER_UNIT_PER_MONTH
    titleVi: Thiếu tối thiểu
    kinds: [NEWS]
    article: Điều 1
  - key: a
    type: EVERY_FULL_MOON
    titleVi: Không có loại này
    article: Điều 2
`;
    const parsed = parsePolicyProfile(text);
    expect(parsed.ok).toBe(false);
    const messages = parsed.ok ? [] : parsed.issues.map((i) => `${i.line}: ${i.message}`);
    expect(messages.join('\n')).toMatch(/missing required field "minimum"/);
    expect(messages.join('\n')).toMatch(/EVERY_FULL_MOON|must be one of/);
    expect(messages.join('\n')).toMatch(/report rule a already defined at \/reportRules\/0/);
  });
});

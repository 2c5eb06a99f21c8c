import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, Rule } from 'eslint';
import * as parser from '@typescript-eslint/parser';

// The rule is plain CommonJS (eslint.config.mjs loads it as is).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const architecture = require('./architecture-rule.cjs') as {
  rule: Rule.RuleModule;
  map: { database: { baseline: string[] } };
  ROOT: string;
};
const { rule, map, ROOT } = architecture;

const linter = new Linter();
function config(baseline?: string[]): Linter.Config[] {
  const checked = baseline ? { ...rule, create: withBaseline(baseline) } : rule;
  return [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { architecture: { rules: { imports: checked } } },
      rules: { 'architecture/imports': 'error' },
    },
  ];
}

/** The rule with another baseline (the map's own is swapped for the call's duration). */
function withBaseline(baseline: string[]): Rule.RuleModule['create'] {
  return (context) => {
    const kept = map.database.baseline;
    map.database.baseline = baseline;
    try {
      return rule.create(context);
    } finally {
      map.database.baseline = kept;
    }
  };
}

function problems(relativePath: string, code: string, baseline?: string[]): string[] {
  const messages = linter.verify(code, config(baseline), join(ROOT, relativePath));
  // A file the parser cannot read would pass unchecked: that is a failure of its own.
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${relativePath}:${fatal.line}: ${fatal.message}`);
  return messages.filter((m) => m.ruleId === 'architecture/imports').map((m) => m.message);
}

/** A service longer than this is too large to hold in one's head: split it by responsibility. */
const SERVICE_MAX_LINES = 400;
/** Services still over the limit, each being reworked; the list only shrinks. */
const OVERSIZED_SERVICES: string[] = [];

/** The `*.service.ts` files of the apps and libs longer than the limit, with their lengths. */
function oversizedServices(files: Array<{ path: string; text: string }>): string[] {
  return files
    .filter((f) => /^(apps|libs)\/.*\.service\.ts$/.test(f.path))
    .map((f) => ({ path: f.path, lines: f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0) }))
    .filter((f) => f.lines > SERVICE_MAX_LINES)
    .map((f) => `${f.path} (${f.lines} lines)`);
}

const sourceFiles = execFileSync('git', ['ls-files', 'apps/*.ts', 'apps/*.tsx', 'libs/*.ts', 'libs/*.tsx'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && !f.startsWith('apps/console/src/gql/'));

describe('the architecture map as a lint rule', () => {
  // One pass over every file (parsing is the cost), with an empty baseline: what is left once the
  // database findings are set aside must be nothing, and those findings must be the baseline.
  const arrows: string[] = [];
  const database: string[] = [];
  beforeAll(() => {
    for (const file of sourceFiles)
      for (const message of problems(file, readFileSync(join(ROOT, file), 'utf8'), []))
        if (message.includes('repositories')) database.push(file);
        else arrows.push(`${file}: ${message}`);
  });

  it('passes on every source file of the apps and libs', () => {
    expect(sourceFiles.length).toBeGreaterThan(300);
    expect(arrows).toEqual([]);
    expect(database.filter((file) => !map.database.baseline.includes(file))).toEqual([]);
  });

  it('lists exactly the files that still touch the database outside repositories (the list only shrinks)', () => {
    expect([...map.database.baseline].sort()).toEqual([...new Set(database)].sort());
  });

  it('refuses an import against the arrows', () => {
    expect(problems('libs/platform/src/x.ts', "import { SiteModule } from '@portal/site';")).toEqual([
      'lib platform may not import site (tools/architecture/map.json lists the allowed arrows).',
    ]);
    expect(
      problems('libs/content/src/x.ts', "export { EditorialModule } from '@portal/editorial';"),
    ).toHaveLength(1);
    expect(problems('libs/tenancy/src/x.ts', "const m = import('@portal/identity');")).toHaveLength(1);
    expect(problems('apps/worker/src/x.ts', "import { run } from '../../cli/src/main';")).toEqual([
      'app worker may not import app cli (tools/architecture/map.json lists the allowed arrows).',
    ]);
    expect(
      problems('libs/site/src/x.ts', "import { AppModule } from '../../../apps/api/src/app.module';"),
    ).toHaveLength(1);
    // What the apps share lives in the composition lib, not in the api.
    expect(
      problems('apps/cli/src/x.ts', "import { DemoSeeder } from '../../api/src/demo/demo-seeder';"),
    ).toEqual(['app cli may not import app api (tools/architecture/map.json lists the allowed arrows).']);
  });

  it('refuses reaching into another lib past its index', () => {
    const message = "Import the lib 'content' through its index: `@portal/content`.";
    expect(problems('libs/site/src/x.ts', "import { X } from '@portal/content/src/public/x';")).toEqual([
      message,
    ]);
    expect(
      problems('libs/site/src/pages/x.ts', "import { X } from '../../../content/src/public/x';"),
    ).toEqual([message]);
    expect(problems('apps/api/src/x.ts', "import { X } from '../../../libs/content/src/x';")).toEqual([
      message,
    ]);
    expect(problems('libs/site/src/x.ts', "import { X } from '@portal/nowhere';")).toHaveLength(1);
  });

  it('refuses a database handle outside repositories and migrations, and allows it inside', () => {
    const code =
      "import { DataSource } from 'typeorm';\nexport class X { constructor(readonly d: DataSource) {} }";
    expect(problems('libs/content/src/public/new-thing.service.ts', code)).toEqual([
      'Only repositories and migrations touch the database: move this access into a `*.repository.ts` of the lib (tools/architecture/map.json).',
    ]);
    expect(problems('libs/content/src/data/new-thing.repository.ts', code)).toEqual([]);
    expect(problems('libs/content/src/migrations/1-x.ts', code)).toEqual([]);
    expect(problems('libs/content/src/x.service.ts', "import { Entity, Column } from 'typeorm';")).toEqual(
      [],
    );
  });

  it('allows what the map allows', () => {
    expect(problems('libs/site/src/x.ts', "import { X } from '@portal/content';")).toEqual([]);
    expect(problems('libs/site/src/a/x.ts', "import { Y } from '../b/y';")).toEqual([]);
    expect(problems('apps/cli/src/x.ts', "import { DemoSeeder } from '@portal/composition';")).toEqual([]);
    expect(problems('test/x.e2e-spec.ts', "import { X } from '../libs/content/src/x';")).toEqual([]);
  });

  it(`keeps every service under ${SERVICE_MAX_LINES} lines (but the listed ones, which only shrink)`, () => {
    const services = sourceFiles
      .filter((f) => f.endsWith('.service.ts'))
      .map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    expect(services.length).toBeGreaterThan(50);
    const over = oversizedServices(services);
    expect(over.filter((f) => !OVERSIZED_SERVICES.includes(f.replace(/ \(\d+ lines\)$/, '')))).toEqual([]);
    // A listed service that got under the limit leaves the list.
    expect(OVERSIZED_SERVICES.filter((path) => !over.some((f) => f.startsWith(`${path} `)))).toEqual([]);
  });

  it('refuses a service over the limit, anywhere in the apps and libs', () => {
    const lines = (n: number) => 'x;\n'.repeat(n);
    expect(
      oversizedServices([
        { path: 'libs/content/src/items/huge.service.ts', text: lines(401) },
        { path: 'apps/api/src/x/huge.service.ts', text: `${lines(400)}x;` },
        { path: 'libs/content/src/items/fits.service.ts', text: lines(400) },
        { path: 'libs/content/src/items/long.repository.ts', text: lines(900) },
        { path: 'test/long.service.ts', text: lines(900) },
      ]),
    ).toEqual([
      'libs/content/src/items/huge.service.ts (401 lines)',
      'apps/api/src/x/huge.service.ts (401 lines)',
    ]);
  });
});

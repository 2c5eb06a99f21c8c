import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { portal } from './support/cli';
import { createTestDatabase } from './support/test-database';

// Each test runs the CLI a dozen times, each a new process that boots the libs: seconds apiece on a
// busy 2-core machine, so the default 60 s is too short for a whole test.
jest.setTimeout(240_000);

/** The `portal` command as an operator runs it (the compiled CLI, `npm test` builds it first). */
describe('portal CLI', () => {
  it('prints the proposed label alone', async () => {
    expect(await portal(['tenants', 'label', 'Phường 01', '--kind', 'WARD'])).toMatchObject({
      code: 0,
      stdout: 'phuong1\n',
    });
    expect((await portal(['tenants', 'label', 'Đặc khu Côn Đảo', '--kind', 'SPECIAL_ZONE'])).stdout).toBe(
      'condao\n',
    );
    expect(
      (await portal(['tenants', 'label', 'Sở Giáo dục và Đào tạo', '--kind', 'DEPARTMENT'])).stdout,
    ).toBe('sgddt\n');
    const bad = await portal(['tenants', 'label', 'x', '--kind', 'VILLAGE']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--kind');
  });

  it('reports manifest errors with file, line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: portal/v1',
        'kind: TenantTree',
        'root:',
        '  kind: PROVINCE',
        '  nameVi: Tỉnh A',
        '  host: a.gov.vn',
        '  children:',
        '    - kind: VILLAGE',
        '      nameVi: Làng B',
        '',
      ].join('\n'),
    );
    const result = await portal(['tenants', 'validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:8:13:`);
  });

  describe('against a database', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('applies the demo trees idempotently, provisions, restructures and bootstraps an admin', async () => {
      const env = { DATABASE_URL: db.url };
      const files = [
        join(__dirname, '..', 'tenants', 'hochiminhcity.yaml'),
        join(__dirname, '..', 'tenants', 'kiengiang.yaml'),
      ];
      const first = await portal(['tenants', 'apply', ...files], env);
      expect(first.stderr).toBe('');
      expect(first.stdout).toMatch(/hochiminhcity\.yaml: created \d+, updated 0, unchanged 0/);
      // Each tree names the regulation its portals follow: Kiên Giang's own, and 1376 for the
      // city's Department of Culture and Sports; a second apply leaves them as they are.
      expect(first.stdout).toMatch(
        /kiengiang\.yaml: created \d+, updated 0, unchanged 0, deadline policy set on kiengiang\.gov\.vn\n/,
      );
      expect(first.stdout).toMatch(
        /hochiminhcity\.yaml: .*, deadline policy set on [a-z]+\.hochiminhcity\.gov\.vn\n/,
      );
      const second = await portal(['tenants', 'apply', ...files], env);
      expect(second.stdout).toMatch(/hochiminhcity\.yaml: created 0, updated 0, unchanged \d+\n/);
      expect(second.stdout).toMatch(/kiengiang\.yaml: created 0, updated 0, unchanged \d+\n/);
      expect(
        (
          await portal(
            ['deadlines', 'due', 'QA_ANSWER', '2026-02-13', '--tenant', 'rachgia.kiengiang.gov.vn'],
            env,
          )
        ).stdout,
      ).toMatch(/^2026-03-13\t.*\tĐiều 16 khoản 1 điểm đ, Quyết định số 641\/QĐ-UBND/);

      const created = await portal(
        ['tenants', 'create', '--parent', 'hochiminhcity.gov.vn', '--kind', 'WARD', '--name-vi', 'Phường 09'],
        env,
      );
      expect(created).toMatchObject({ code: 0 });
      expect(created.stdout).toContain('created phuong9.hochiminhcity.gov.vn');
      const taken = await portal(
        ['tenants', 'create', '--parent', 'hochiminhcity.gov.vn', '--kind', 'WARD', '--name-vi', 'Phường 9'],
        env,
      );
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain('[LABEL_TAKEN]');

      const moved = await portal(
        ['tenants', 'move', 'phuong9.hochiminhcity.gov.vn', '--to', 'saigon.hochiminhcity.gov.vn'],
        env,
      );
      expect(moved.code).toBe(1);
      expect(moved.stderr).toContain('[KIND_NOT_ALLOWED]');

      const admin = await portal(
        [
          'accounts',
          'create-admin',
          '--tenant',
          'hochiminhcity.gov.vn',
          '--username',
          'root',
          '--display-name',
          'Quản trị',
        ],
        { ...env, PORTAL_PASSWORD: 'a-long-admin-password' },
      );
      expect(admin).toMatchObject({ code: 0 });
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT is_platform_admin, password_hash FROM accounts WHERE username = 'root'",
        );
        expect(rows[0].is_platform_admin).toBe(true);
        expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
        const audit = await client.query(
          "SELECT actor_label FROM audit_log WHERE action = 'tenant.provisioned' AND after->>'primaryHost' = 'phuong9.hochiminhcity.gov.vn'",
        );
        expect(audit.rows).toEqual([{ actor_label: 'system:cli' }]);
      } finally {
        await client.end();
      }
    });

    it('re-applies a template: a dry run by default, skipping what a portal changed itself, then --apply', async () => {
      const env = { DATABASE_URL: db.url };
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const news = async (label: string) =>
          (
            await client.query(
              `SELECT c.id, c.name_vi FROM categories c JOIN tenants t ON t.id = c.tenant_id
                WHERE t.primary_host = $1 AND c.slug = 'tin-tuc-su-kien' AND c.parent_id IS NULL`,
              [`${label}.hochiminhcity.gov.vn`],
            )
          ).rows[0] as { id: string; name_vi: string };
        // Two wards made from an older template that named the section otherwise; Bến Thành renamed
        // it itself since (its change is on record), Sài Gòn did not.
        for (const label of ['saigon', 'benthanh']) {
          const { id } = await news(label);
          await client.query(`UPDATE categories SET name_vi = 'Tin tức' WHERE id = $1`, [id]);
          await client.query(`UPDATE menu_items SET label_vi = 'Tin tức' WHERE category_id = $1`, [id]);
        }
        await client.query(
          `INSERT INTO site_structure_changes (tenant_id, part)
             SELECT id, 'category:tin-tuc-su-kien' FROM tenants WHERE primary_host = 'benthanh.hochiminhcity.gov.vn'`,
        );
        const dry = await portal(
          ['tenants', 'reapply-template', 'commune', '--under', 'hochiminhcity.gov.vn'],
          env,
        );
        expect(dry).toMatchObject({ code: 0, stderr: '' });
        expect(dry.stdout).toMatch(/^dry run: template commune\n/);
        expect(dry.stdout).toContain(
          'saigon.hochiminhcity.gov.vn: 2 change(s), 0 skipped\n  UPDATE category:tin-tuc-su-kien: nameVi: "Tin tức" → "Tin tức, sự kiện"\n  REBUILD menu:MAIN: ',
        );
        expect(dry.stdout).toContain(
          'benthanh.hochiminhcity.gov.vn: 0 change(s), 1 skipped\n  SKIPPED category:tin-tuc-su-kien: The portal changed this part itself: left as the portal has it. [CHANGED_BY_PORTAL]\n',
        );
        expect((await news('saigon')).name_vi).toBe('Tin tức');
        const applied = await portal(
          ['tenants', 'reapply-template', 'commune', '--under', 'hochiminhcity.gov.vn', '--apply'],
          env,
        );
        expect(applied.stdout).toMatch(/^applied: template commune\n/);
        expect((await news('saigon')).name_vi).toBe('Tin tức, sự kiện');
        expect((await news('benthanh')).name_vi).toBe('Tin tức');
        const unknown = await portal(
          ['tenants', 'reapply-template', 'galaxy', '--under', 'hochiminhcity.gov.vn'],
          env,
        );
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain('[UNKNOWN_TEMPLATE]');
      } finally {
        await client.end();
      }
    });
  });
});

describe('portal calendar and deadlines', () => {
  it('does working-day arithmetic on the national calendar without a database', async () => {
    expect(await portal(['calendar', 'add-working-days', '2026-02-13', '1'])).toMatchObject({
      code: 0,
      stdout: '2026-02-23\n',
    });
    expect((await portal(['calendar', 'working-days-between', '2026-02-13', '2026-02-23'])).stdout).toBe(
      '1\n',
    );
    expect((await portal(['calendar', 'is-working-day', '2026-01-10'])).stdout).toMatch(/^yes\t/);
    expect((await portal(['calendar', 'is-working-day', '2026-04-27'])).stdout).toMatch(/^no\t/);
    const bad = await portal(['calendar', 'add-working-days', '2026-02-30', '1']);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toContain('[INVALID_DATE]');
    expect((await portal(['calendar', 'add-working-days', '2026-02-10', '-1'])).stderr).toContain(
      '[INVALID_WORKING_DAYS]',
    );
    expect((await portal(['calendar', 'add-working-days', '2100-01-04', '1'])).stderr).toContain(
      '[DATE_OUT_OF_RANGE]',
    );
  });

  it('runs from any folder: `npx portal` finds its data files beside its package.json', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'portal-elsewhere-'));
    const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error' };
    delete env.TENANTS_DIR;
    delete env.PORTAL_DATA_DIR;
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          [join(__dirname, '..', 'scripts', 'portal.cjs'), ...args],
          { cwd: elsewhere, env },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    expect(await run(['calendar', 'add-working-days', '2026-02-13', '1'])).toMatchObject({
      code: 0,
      stdout: '2026-02-23\n',
    });
    expect((await run(['calendar', 'is-working-day', '2026-04-27'])).stdout).toMatch(/^no\t/);
    // Nothing is created in the folder it was run from (no second .data/ beside the first).
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  describe('with a portal’s own days', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('imports overrides that move a due date, idempotently', async () => {
      const env = { DATABASE_URL: db.url };
      expect(
        (await portal(['tenants', 'apply', join(__dirname, '..', 'tenants', 'hochiminhcity.yaml')], env))
          .code,
      ).toBe(0);
      const due = async () =>
        (
          await portal(
            [
              'deadlines',
              'due',
              'POLICY_DISSEMINATION',
              '2026-11-02',
              '--tenant',
              'saigon.hochiminhcity.gov.vn',
            ],
            env,
          )
        ).stdout.split('\t')[0];
      expect(await due()).toBe('2026-11-23');

      const dir = mkdtempSync(join(tmpdir(), 'portal-cal-'));
      const file = join(dir, 'hcm-2026.yaml');
      writeFileSync(
        file,
        [
          'apiVersion: portal/v1',
          'kind: CalendarOverrides',
          'source: Quyết định 1/QĐ-UBND',
          'daysOff:',
          '  - { date: 2026-11-09, to: 2026-11-10, nameVi: Nghỉ riêng của Thành phố }',
          '',
        ].join('\n'),
      );
      const imported = await portal(['calendar', 'import', file, '--tenant', 'hochiminhcity.gov.vn'], env);
      expect(imported.stdout).toContain('added 2, replaced 0, unchanged 0');
      expect(
        (await portal(['calendar', 'import', file, '--tenant', 'hochiminhcity.gov.vn'], env)).stdout,
      ).toContain('added 0, replaced 0, unchanged 2');
      expect(await due()).toBe('2026-11-25');
      expect(
        (
          await portal(
            ['calendar', 'is-working-day', '2026-11-09', '--tenant', 'saigon.hochiminhcity.gov.vn'],
            env,
          )
        ).stdout,
      ).toMatch(/^no\tNghỉ riêng của Thành phố \(OVERRIDE\)/);
      // The national calendar is untouched.
      expect((await portal(['calendar', 'is-working-day', '2026-11-09'])).stdout).toMatch(/^yes/);

      const broken = join(dir, 'broken.yaml');
      writeFileSync(
        broken,
        [
          'apiVersion: portal/v1',
          'kind: CalendarOverrides',
          'source: X',
          'daysOff:',
          '  - { date: 2026-11-31, nameVi: Sai }',
          '',
        ].join('\n'),
      );
      const refused = await portal(['calendar', 'import', broken, '--tenant', 'hochiminhcity.gov.vn'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${broken}:5:`);

      expect(
        (
          await portal(
            [
              'deadlines',
              'assign',
              '--tenant',
              'stp.hochiminhcity.gov.vn',
              '--profile',
              'hcmc-culture-sports-2017',
            ],
            env,
          )
        ).stdout,
      ).toContain('follows hcmc-culture-sports-2017');
      const news = await portal(
        ['deadlines', 'due', 'NEWS', '2026-11-20T10:00:00+07:00', '--tenant', 'stp.hochiminhcity.gov.vn'],
        env,
      );
      expect(news.stdout.split('\t')[0]).toBe('2026-11-24');
      expect(news.stdout).toContain('Điều 10');
    });
  });
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createApiApp } from '../../apps/api/src/create-app';
import { consoleDist } from '../../apps/api/src/console/console-assets.controller';
import { loadAppConfig, systemContext } from '../../libs/platform/src';
import { AccountService } from '../../libs/identity/src';
import { Role, RoleAssignmentService, RoleScope } from '../../libs/access/src';
import { HostRoutingService, ManifestApplyService, parseTenantManifest } from '../../libs/tenancy/src';
import { benchDatabase } from '../support/bench-database';
import { printTable, ms } from '../support/report';

const HOST = 'saigon.hochiminhcity.gov.vn';
const PASSWORD = 'bench-console-password-2026';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TREE = `
apiVersion: portal/v1
kind: TenantTree
root:
  kind: PROVINCE
  nameVi: Thành phố Hồ Chí Minh
  host: hochiminhcity.gov.vn
  children:
    - kind: WARD
      nameVi: Phường Sài Gòn
`;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The console's weight and a cold dashboard: the JavaScript and CSS the first screen loads (gzip),
 * the lazy editor chunk beside it, then the time from navigation to a dashboard with its queue, in a
 * fresh browser context each run (empty cache; signed in by its refresh cookie), median of the runs.
 */
export async function runConsoleBench(): Promise<void> {
  const dist = consoleDist();
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('build the console first: npm run console:build');
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  const first = [...index.matchAll(/(?:src|href)="\/quan-tri\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const size = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const firstJs = first.filter((f) => f.endsWith('.js')).reduce((n, f) => n + size(f), 0);
  const firstCss = first.filter((f) => f.endsWith('.css')).reduce((n, f) => n + size(f), 0);
  const editor = readdirSync(join(dist, 'assets')).filter((f) => /^Editor-.*\.js$/.test(f));
  printTable('console: what the first screen loads (gzip)', [
    ['first-screen JavaScript', kb(firstJs)],
    ['first-screen CSS', kb(firstCss)],
    ['editor chunk (lazy)', kb(editor.reduce((n, f) => n + size(`assets/${f}`), 0))],
  ]);

  const db = await benchDatabase();
  const config = loadAppConfig({
    ...process.env,
    NODE_ENV: 'development',
    JWT_SECRET: 'c'.repeat(48),
    DATABASE_URL: db.url,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const parsed = parseTenantManifest(TREE);
    if (!parsed.ok) throw new Error('bad tree');
    await app.get(ManifestApplyService).apply(systemContext('bench'), parsed.manifest);
    await app.get(HostRoutingService).reload();
    const tenant = app.get(HostRoutingService).resolve(HOST);
    if (tenant.type !== 'serve') throw new Error('no ward');
    const created = await app.get(AccountService).create(systemContext('bench'), {
      tenantId: tenant.tenant.id,
      username: 'bench.head',
      displayName: 'Trưởng ban',
      password: PASSWORD,
    });
    if (!created.ok) throw new Error(created.error.code);
    await app.get(RoleAssignmentService).grant(systemContext('bench'), {
      accountId: created.value.id,
      tenantId: tenant.tenant.id,
      role: Role.BOARD_HEAD,
      scope: RoleScope.TENANT,
    });
    const url = `http://saigon.hochiminhcity.localhost:${port}/quan-tri/`;
    const signIn = await browser.newContext();
    const page = await signIn.newPage();
    await page.goto(url);
    await page.getByLabel('Tên đăng nhập').fill('bench.head');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Hàng chờ của Ban biên tập' }).waitFor();
    let state = await signIn.storageState();
    await signIn.close();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new context: empty cache, only the refresh cookie (rotated by each run, so carried on).
      const context = await browser.newContext({ storageState: state });
      const p = await context.newPage();
      const started = performance.now();
      await p.goto(url);
      await p.getByRole('heading', { name: 'Hàng chờ của Ban biên tập' }).waitFor();
      times.push(performance.now() - started);
      state = await context.storageState();
      await context.close();
    }
    times.sort((a, b) => a - b);
    printTable(`console: cold dashboard load (navigation → dashboard with its queue), ${RUNS} runs`, [
      ['median', ms(times[Math.floor(times.length / 2)])],
      ['fastest', ms(times[0])],
      ['slowest', ms(times[times.length - 1])],
    ]);
  } finally {
    await browser.close();
    await app.close();
    await db.drop();
  }
}

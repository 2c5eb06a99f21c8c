import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD, TestApp } from './test-app';
import { axeViolations, portalContext, portalUrl } from './browser';

/** The console's build, which `npm test` makes before jest runs (npm run console:build). */
export function assertConsoleBuilt(): void {
  const index = join(__dirname, '..', '..', 'apps', 'console', 'dist', 'index.html');
  if (!existsSync(index)) throw new Error(`the console is not built (${index}): run npm run console:build`);
}

export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  /** Opens a console path on this portal and waits for the first heading. */
  open(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Signs `username` in to the console of the portal on `host`, through the sign-in form. */
export async function signIn(
  browser: Browser,
  t: TestApp,
  host: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<ConsoleSession> {
  const context = await portalContext(browser, t.port);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(portalUrl(t.port, host, '/quan-tri/'));
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
  return {
    context,
    page,
    async open(path) {
      await page.goto(portalUrl(t.port, host, `/quan-tri${path}`));
      await page
        .getByRole('heading', { level: 1 })
        .first()
        .waitFor()
        .catch(async (e: Error) => {
          // What the page showed instead, for whoever reads the failure.
          throw new Error(
            `${e.message}\npage text: ${(await page.locator('body').innerText()).slice(0, 500)}`,
          );
        });
    },
    close: () => context.close(),
  };
}

/** axe-core's WCAG 2.0/2.1 A+AA findings (not its best practices), after the page settled (no spinner, no animation). */
export async function consoleViolations(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300); // Mantine's transitions (150 ms) finish before the scan
  return axeViolations(page, { bestPractice: false });
}

/** What the page's TipTap editor holds (TipTap sets `editor` on its editable element). */
export function editorHtml(page: Page): Promise<string> {
  return page
    .locator('.tiptap')
    .evaluate((el) => (el as unknown as { editor: { getHTML(): string } }).editor.getHTML());
}

/** A 1×1 PNG and a minimal PDF: real files of the accepted types (checked by content). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The console sessions a spec opens, each signed in through the form; closed together after it. */
export class ConsoleSessions {
  readonly all: ConsoleSession[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly app: () => TestApp,
  ) {}

  /** Signs `username` in on `host` (see signIn) and keeps the session for closeAll. */
  readonly signIn = async (host: string, username: string): Promise<ConsoleSession> => {
    const session = await signIn(this.browser(), this.app(), host, username);
    this.all.push(session);
    return session;
  };

  /** Closes every session, then the browser (which a failed set-up may not have launched). */
  readonly closeAll = async (): Promise<void> => {
    for (const s of this.all) await s.context.close().catch(() => undefined);
    await (this.browser() as Browser | undefined)?.close();
  };
}

/** Fails naming the screen when axe finds WCAG A/AA violations on it. */
export async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const violations = await consoleViolations(page);
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

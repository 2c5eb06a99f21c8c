import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../bench/support/chromium';

/**
 * A real browser for the web interfaces' tests: Debian's chromium driven by playwright-core, with
 * the flags the site benchmark's Lighthouse runs use too (bench/support/chromium.ts).
 * `.ci/run` installs chromium when it is missing; a test never falls back to anything else.
 */
export { CHROMIUM_PATH };

const LAUNCH_ARGS = [...CHROMIUM_ARGS];

export const DESKTOP = { width: 1280, height: 900 } as const;
export const MOBILE = { width: 375, height: 812 } as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
}

/**
 * A browser context whose requests to `*.localhost` reach the test app on `port`: every portal host
 * resolves to this machine, as it does for a person opening `http://saigon.hochiminhcity.localhost:3000/`.
 */
export async function portalContext(
  browser: Browser,
  port: number,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: DESKTOP,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
    // chromium resolves *.localhost to loopback itself; the port is the test app's.
    baseURL: options.baseURL ?? `http://localhost:${port}`,
  });
}

/** The URL of `path` on the portal whose public host is `host` (e.g. `saigon.hochiminhcity.gov.vn`). */
export function portalUrl(port: number, host: string, path = '/'): string {
  const local = host.replace(/\.gov\.vn$/, '.localhost');
  return `http://${local}:${port}${path}`;
}

export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: string[];
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page: WCAG 2.0/2.1 A and AA, and axe's best practices (landmarks, one main,
 * heading order…) unless `bestPractice: false` (the console, whose component library's portals and
 * overlays the best-practice rules do not fit). Returns the violations in a readable shape.
 */
export async function axeViolations(
  page: Page,
  options: { bestPractice?: boolean } = {},
): Promise<AxeViolation[]> {
  const tags = options.bestPractice === false ? WCAG_TAGS : [...WCAG_TAGS, 'best-practice'];
  const result = await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Saves a full-page screenshot (for people to look at; tests never compare pixels). */
export async function screenshot(page: Page, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

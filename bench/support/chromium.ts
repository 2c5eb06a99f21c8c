/**
 * Debian's chromium as the browser tests (test/support/browser.ts, through playwright-core) and the
 * site benchmark's Lighthouse runs (through Lighthouse's own launcher) start it: one list of flags
 * for both, so that the scores are taken in the browser the tests use.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Besides headless mode: no sandbox (root in CI), no GPU, no background traffic or updates. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

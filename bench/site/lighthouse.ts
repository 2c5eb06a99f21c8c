import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

/** The four Lighthouse categories the website is held to (0–100 each; null when not scored). */
export interface LighthouseScores {
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
}

export type FormFactor = 'mobile' | 'desktop';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/**
 * Lighthouse's command-line entry (`lighthouse/cli/index.js`). The package is ES modules only and
 * this benchmark is CommonJS, so it runs as its own process, which also keeps a crash of one run
 * from ending the benchmark.
 */
function lighthouseCli(): string {
  for (const dir of require.resolve.paths('lighthouse') ?? []) {
    const cli = join(dir, 'lighthouse', 'cli', 'index.js');
    if (existsSync(cli)) return cli;
  }
  throw new Error('lighthouse is not installed (npm ci)');
}

/**
 * One Lighthouse run of `url` (mobile: Lighthouse's default emulated phone and throttling; desktop:
 * its desktop preset) in Debian's chromium, which Lighthouse's own launcher starts headless with
 * the browser tests' flags and stops afterwards. Rejects when the page could not be audited.
 */
export async function lighthouseScores(url: string, formFactor: FormFactor): Promise<LighthouseScores> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-lighthouse-'));
  const report = join(dir, 'report.json');
  const args = [
    lighthouseCli(),
    url,
    '--output=json',
    `--output-path=${report}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${['--headless=new', ...CHROMIUM_ARGS].join(' ')}`,
    '--quiet',
    ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}: ${stderr.trim()}`)),
      );
    });
    const lhr = JSON.parse(readFileSync(report, 'utf8')) as {
      runtimeError?: { code: string; message: string };
      categories: Record<string, { score: number | null } | undefined>;
    };
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (id: (typeof CATEGORIES)[number]) => {
      const s = lhr.categories[id]?.score;
      return typeof s === 'number' ? Math.round(s * 100) : null;
    };
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "performance 99 · accessibility 100 · best practices 100 · SEO 100 (target >= 95) OK". */
export function formatScores(s: LighthouseScores, target = 95): string {
  const all = [s.performance, s.accessibility, s.bestPractices, s.seo];
  const shown = (n: number | null) => (n === null ? 'n/a' : String(n));
  const ok = all.every((n) => n !== null && n >= target);
  return `performance ${shown(s.performance)} · accessibility ${shown(s.accessibility)} · best practices ${shown(s.bestPractices)} · SEO ${shown(s.seo)}  (target >= ${target})  ${ok ? 'OK' : 'MISSED'}`;
}

import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The compiled `portal` command (`npm test` builds dist/ first; TEST_DIST_DIR points at another build). */
export const CLI = join(process.env.TEST_DIST_DIR ?? join(__dirname, '..', '..', 'dist'), 'apps', 'cli', 'src', 'main.js');

export interface CliRun<T = string> {
  code: number;
  stdout: T;
  stderr: string;
}

const exitCode = (error: Error | null) => (error ? Number((error as { code?: number }).code ?? 1) : 0);

/** Runs `portal <args>` as an operator does (test environment, errors only in the log), never throwing. */
export function portal(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error', ...env } },
      (error, stdout, stderr) => resolve({ code: exitCode(error), stdout, stderr }),
    );
  });
}

/** `portal` for commands that print files (spreadsheets, archives): stdout as bytes. */
export function portalBytes(args: string[], env: Record<string, string> = {}): Promise<CliRun<Buffer>> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error', ...env }, encoding: 'buffer' },
      (error, stdout, stderr) => resolve({ code: exitCode(error), stdout, stderr: stderr.toString('utf8') }),
    );
  });
}

import { spawn } from 'node:child_process';
import { BackupRefusal } from './backup-refusal';

/** A PostgreSQL client program (pg_dump, pg_restore) and the version it reports. */
export interface PgTool {
  readonly name: 'pg_dump' | 'pg_restore';
  readonly path: string;
  /** `15.18` */
  readonly version: string;
  readonly major: number;
}

/** Where the connection goes; the password travels in the environment, never on the command line. */
export interface PgTarget {
  /** The URL without its password, for `--dbname`. */
  readonly dbname: string;
  readonly password: string | null;
}

const ENV_OVERRIDE = { pg_dump: 'PG_DUMP', pg_restore: 'PG_RESTORE' } as const;

/** Splits the password out of a connection URL: arguments are visible to every user in `ps`. */
export function pgTarget(url: string): PgTarget {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { dbname: parsed.toString(), password };
}

/** The major of a version string (PostgreSQL ≥ 10 numbers its majors with one number): `15.18` → 15. */
export function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

/** `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → `15.18`. */
export function parseToolVersion(output: string): string | null {
  return /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/.exec(output)?.[1] ?? null;
}

/** The tool named by its environment override (PG_DUMP, PG_RESTORE) or found on the PATH. */
export async function findPgTool(name: PgTool['name'], env: NodeJS.ProcessEnv): Promise<PgTool> {
  const override = env[ENV_OVERRIDE[name]]?.trim();
  const path = override || name;
  const { code, stdout, stderr } = await runTool(path, ['--version'], {}).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES')
      throw new BackupRefusal(
        `${name} not found at "${path}": install the PostgreSQL client tools or set ${ENV_OVERRIDE[name]} to its path`,
      );
    throw e;
  });
  const version = parseToolVersion(stdout);
  if (code !== 0 || !version)
    throw new BackupRefusal(
      `"${path} --version" did not report a PostgreSQL version: ${(stdout + stderr).trim()}`,
    );
  return { name, path, version, major: majorOf(version) };
}

/**
 * pg_dump refuses servers newer than itself, and an older pg_restore may not understand what a
 * newer server needs: refuse before anything is written, naming both versions.
 */
export function assertToolFitsServer(tool: PgTool, serverVersion: string): void {
  if (tool.major >= majorOf(serverVersion)) return;
  throw new BackupRefusal(
    `${tool.name} ${tool.version} (${tool.path}) is older than the server, PostgreSQL ${serverVersion}: ` +
      `set ${ENV_OVERRIDE[tool.name]} to a ${tool.name} of version ${majorOf(serverVersion)} or newer`,
  );
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Keeps the tail of a tool's output: enough to explain a failure, bounded for a noisy one. */
const OUTPUT_LIMIT = 64 * 1024;

/** Runs a program with an argument array (no shell); rejects only when it cannot be started. */
export function runTool(path: string, args: string[], extraEnv: Record<string, string>): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, {
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on(
      'data',
      (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-OUTPUT_LIMIT)),
    );
    child.stderr.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-OUTPUT_LIMIT)),
    );
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Runs a pg tool against the target database; a non-zero exit is an error carrying its output. */
export async function runPgTool(tool: PgTool, target: PgTarget, args: string[]): Promise<ToolResult> {
  const env: Record<string, string> = target.password ? { PGPASSWORD: target.password } : {};
  const result = await runTool(tool.path, [`--dbname=${target.dbname}`, ...args], env);
  if (result.code !== 0)
    throw new Error(
      `${tool.name} exited with code ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  return result;
}

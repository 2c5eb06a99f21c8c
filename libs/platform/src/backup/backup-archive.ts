import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { BackupRefusal } from './backup-refusal';
import { runTool } from './pg-tools';

/**
 * A backup is a folder (`database.dump`, `blobs/`, `manifest.json`) or the same folder as a `.tar`
 * file. Both are written under a temporary name next to the target and renamed at the end, so a
 * path that exists is always a complete backup.
 */

export function isTarPath(path: string): boolean {
  return path.toLowerCase().endsWith('.tar');
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** A backup never overwrites: the target must not exist (an empty folder is accepted). */
export async function assertTargetFree(target: string): Promise<void> {
  const found = await statOrNull(target);
  if (!found) return;
  if (isTarPath(target) || !found.isDirectory())
    throw new BackupRefusal(`${target} already exists: choose a new name (a backup never overwrites)`);
  if ((await readdir(target)).length > 0)
    throw new BackupRefusal(`${target} is a folder that is not empty: choose a new one`);
}

/**
 * The folder a backup is assembled in, next to the target (same disk, so the rename is cheap).
 * Only its owner may enter it: the dump holds password hashes and citizens' contact details.
 */
export async function stagingFolder(target: string): Promise<string> {
  await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  return staging;
}

async function tar(args: string[]): Promise<void> {
  const result = await runTool('tar', args, {}).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupRefusal('`tar` is not installed: write the backup to a folder instead');
    throw e;
  });
  if (result.code !== 0) throw new Error(`tar ${args[0]} failed: ${result.stderr.trim()}`);
}

/** Moves the assembled folder to its final place, as a folder or packed into a `.tar`. */
export async function publishBackup(staging: string, target: string): Promise<void> {
  if (!isTarPath(target)) {
    await rename(staging, target);
    return;
  }
  const partial = `${staging}.tar`;
  try {
    await tar(['-cf', partial, '-C', staging, '.']);
    await chmod(partial, 0o600);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}

/** A backup to restore is a folder or a `.tar` file. */
export async function assertSourceReadable(source: string): Promise<void> {
  const found = await statOrNull(source);
  if (!found) throw new BackupRefusal(`${source} does not exist`);
  if (!found.isDirectory() && !isTarPath(source))
    throw new BackupRefusal(`${source} is neither a backup folder nor a .tar file`);
}

/**
 * The folder of a backup to restore: the folder itself, or a `.tar` unpacked into a temporary
 * folder (under TMPDIR) that `done` removes.
 */
export async function openBackup(source: string): Promise<{ dir: string; done: () => Promise<void> }> {
  await assertSourceReadable(source);
  if ((await stat(source)).isDirectory()) return { dir: source, done: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'portal-restore-'));
  const done = () => rm(dir, { recursive: true, force: true });
  try {
    await tar(['-xf', source, '-C', dir, '--no-same-owner']);
  } catch (e) {
    await done();
    throw e;
  }
  return { dir, done };
}

/** A scheduled backup's file name: `portal-20261207T190000Z.tar` (UTC, sortable). */
export const BACKUP_NAME = /^portal-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar$/;

export function backupName(at: Date): string {
  return `portal-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.tar`;
}

/**
 * Which scheduled backups to keep: the newest of each of the `daily` most recent days that have
 * one, and the newest of each of the `monthly` most recent months (dates in Vietnam time, so a
 * night's backup belongs to its Vietnamese day). Files not named like a scheduled backup are not
 * ours and are never touched.
 */
export function backupsToKeep(names: string[], daily: number, monthly: number): Set<string> {
  const ours = names
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse(); // newest first
  const localDay = (n: string) => {
    const [, y, mo, d, h, mi, s] = BACKUP_NAME.exec(n)!;
    const at = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + 7 * 3_600_000;
    return new Date(at).toISOString().slice(0, 10);
  };
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const n of ours) {
    const day = localDay(n);
    if (!days.has(day) && days.size < daily) {
      days.add(day);
      keep.add(n);
    }
    const month = day.slice(0, 7);
    if (!months.has(month) && months.size < monthly) {
      months.add(month);
      keep.add(n);
    }
  }
  return keep;
}

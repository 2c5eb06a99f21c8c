import { DataSource } from 'typeorm';

/** An arbitrary but fixed key: instances starting together take turns to migrate. */
const MIGRATION_LOCK_KEY = 7_340_119_422;

/**
 * Runs pending migrations under a session advisory lock so that several api/worker instances
 * starting at once against one database never run the same migration twice.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

import { Client } from 'pg';

/**
 * Drives the job queue's clock instead of waiting for the wall clock: tests schedule an item a day
 * ahead (no request-timing margin can make that "in the past"), then make its moment arrive by moving
 * the waiting jobs' start time to the database's `now()`. The processes still pick the jobs up by
 * polling, with SKIP LOCKED, exactly as when the time comes by itself.
 */
export async function makeScheduledTimeArrive(
  db: Pick<Client, 'query'>,
  jobName: string,
  itemIds: string[],
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE pgboss.job SET start_after = now()
      WHERE name = $1 AND state = 'created' AND data->>'itemId' = ANY($2::text[])`,
    [jobName, itemIds],
  );
  return rowCount ?? 0;
}

/** A time a day from now: far enough ahead that it is still in the future after any set-up. */
export const aDayAhead = () => new Date(Date.now() + 24 * 3600_000);

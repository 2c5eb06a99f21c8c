import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../libs/platform/src';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RestartableDatabase {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the server (SIGINT: PostgreSQL's fast shutdown, open sessions are terminated). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Stops it (if running) and deletes its folder. */
  drop(): Promise<void>;
}

/**
 * A fresh bundled PostgreSQL for one benchmark run that can be stopped and started again on the same
 * port and data folder (the `faults` benchmark restarts it under load). Unlike `benchDatabase`, its
 * folder is made reachable (0755) so that, as root, the data stays in it rather than under
 * /var/tmp, and `drop()` removes everything the run created.
 */
export async function restartableDatabase(prefix = 'portal-ops-pg-'): Promise<RestartableDatabase> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const database = `portal_bench_${process.pid}`;
  let handle: EmbeddedPostgresHandle | null = await startEmbeddedPostgres({ dataDir, port, database });
  const url = handle.url;
  return {
    url,
    port,
    dataDir,
    stop: async () => {
      const h = handle;
      handle = null;
      await h?.stop();
    },
    start: async () => {
      if (handle) return;
      handle = await startEmbeddedPostgres({ dataDir, port, database });
    },
    drop: async () => {
      const h = handle;
      handle = null;
      await h?.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

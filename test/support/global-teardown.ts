import { rmSync } from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (adminUrl && template) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  const handle = (globalThis as { __PORTAL_PG__?: { stop(): Promise<void>; dataDir: string } }).__PORTAL_PG__;
  if (handle) {
    await handle.stop();
    // The bundled server's data (under /var/tmp when run as root) and the temporary folder.
    rmSync(handle.dataDir, { recursive: true, force: true });
    const requested = process.env.TEST_PG_DATA_PARENT;
    if (requested) rmSync(requested, { recursive: true, force: true });
  }
}

import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import autocannon from 'autocannon';
import { NestFactory } from '@nestjs/core';
import { loadAppConfig, systemContext } from '../../libs/platform/src';
import { HostRoutingService, ManifestApplyService, parseTenantManifest } from '../../libs/tenancy/src';
import { CliModule } from '../../apps/cli/src/cli.module';
import { benchDatabase } from '../support/bench-database';
import { ms, num, printTable } from '../support/report';
import { generateNationalTree } from './national-tree';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PORTAL_QUERY = JSON.stringify({
  query:
    '{ portal { id name kind primaryHost parentChain { name primaryHost } children { name primaryHost } } }',
});

function startProcess(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /READY (\d+)/.exec(chunk.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function post(port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString())
            : reject(new Error(`${host}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(PORTAL_QUERY);
  });
}

async function load(port: number, hosts: string[]): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: PORTAL_QUERY,
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          headers: { ...req.headers, host: hosts[i++ % hosts.length] },
        }),
      },
    ],
  });
}

async function measureServer(
  label: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  hosts: string[],
) {
  const { child, port } = await startProcess(script, args, env);
  try {
    await load(port, hosts.slice(0, 50)).catch(() => undefined); // warm-up (JIT, caches)
    const result = await load(port, hosts);
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return {
      label,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function runTenancyBench(): Promise<void> {
  const tree = generateNationalTree();
  const db = await benchDatabase();
  const rows: Array<[string, string]> = [];
  try {
    const config = loadAppConfig({
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'b'.repeat(48),
      DATABASE_URL: db.url,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
    });
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
    const applier = app.get(ManifestApplyService);
    const ctx = systemContext('bench');

    const applyAll = async () => {
      const totals = { created: 0, updated: 0, unchanged: 0 };
      for (const m of tree.manifests) {
        const parsed = parseTenantManifest(m.yaml);
        if (!parsed.ok) throw new Error(`${m.name}: ${JSON.stringify(parsed.issues[0])}`);
        const report = await applier.apply(ctx, parsed.manifest);
        if (report.problems.length) throw new Error(`${m.name}: ${JSON.stringify(report.problems[0])}`);
        totals.created += report.created;
        totals.updated += report.updated;
        totals.unchanged += report.unchanged;
      }
      return totals;
    };
    let t0 = performance.now();
    const first = await applyAll();
    const applyEmpty = performance.now() - t0;
    t0 = performance.now();
    const second = await applyAll();
    const reapply = performance.now() - t0;
    if (first.created !== tree.portals || second.unchanged !== tree.portals)
      throw new Error(`unexpected apply counts ${JSON.stringify({ first, second })}`);
    rows.push(['portals in the tree', `${num(tree.portals)} (34 provinces)`]);
    rows.push([
      'apply from empty',
      `${ms(applyEmpty)}  (target < 60,000 ms)  ${applyEmpty < 60_000 ? 'OK' : 'MISSED'}`,
    ]);
    rows.push([
      're-apply unchanged',
      `${ms(reapply)}  (target < 10,000 ms)  ${reapply < 10_000 ? 'OK' : 'MISSED'}`,
    ]);

    const routing = app.get(HostRoutingService);
    await routing.reload();
    const allHosts = routing.roots().flatMap(function walk(t): string[] {
      return [t.primaryHost, ...routing.children(t.id).flatMap(walk)];
    });
    const probes = allHosts.flatMap((h) => [h, h.replace(/\.gov\.vn$/, '.localhost:3000'), `x${h}`]);
    const n = 2_000_000;
    let hits = 0;
    t0 = performance.now();
    for (let i = 0; i < n; i++) if (routing.resolve(probes[i % probes.length]).type === 'serve') hits++;
    const resolveMs = performance.now() - t0;
    rows.push([
      'host resolution',
      `${num(n / (resolveMs / 1000))} resolutions/s (${num(n)} over ${num(probes.length)} hosts: primary, .localhost form, unknown; ${num(hits)} served)`,
    ]);
    await app.close();

    // HTTP: the api (cached and uncached) next to a bare node:http server answering the same JSON.
    const sample = allHosts.filter((_, i) => i % 7 === 0).slice(0, 500);
    const env = { DATABASE_URL: db.url };
    const { child, port } = await startProcess('api-server.js', [], env);
    const bodies: Record<string, string> = {};
    try {
      for (const h of sample) bodies[h] = await post(port, h);
    } finally {
      child.kill('SIGTERM');
    }
    const bodyFile = join(mkdtempSync(join(tmpdir(), 'portal-bench-')), 'bodies.json');
    writeFileSync(bodyFile, JSON.stringify(bodies));
    const bare = await measureServer('bare node:http + Map', 'bare-server.js', [bodyFile], {}, sample);
    const api = await measureServer(
      'api `portal` query (response cache on, the default)',
      'api-server.js',
      [],
      { ...env, RESPONSE_CACHE: 'true' },
      sample,
    );
    const uncached = await measureServer(
      'api `portal` query (response cache off)',
      'api-server.js',
      [],
      { ...env, RESPONSE_CACHE: 'false' },
      sample,
    );
    rows.push([
      'HTTP load',
      `${CONNECTIONS} connections, ${DURATION} s each, ${sample.length} portals' hosts in rotation, one process each`,
    ]);
    for (const r of [bare, api, uncached])
      rows.push([
        r.label,
        `${num(r.rps)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${num(r.total)} requests)`,
      ]);
    const ratio = api.rps / bare.rps;
    rows.push([
      'ratio api / bare',
      `${(ratio * 100).toFixed(1)} %  (target >= 40 %)  ${ratio >= 0.4 ? 'OK' : 'MISSED'}`,
    ]);
    rows.push([
      'ratio uncached api / bare',
      `${((uncached.rps / bare.rps) * 100).toFixed(1)} %  (information)`,
    ]);
  } finally {
    await db.drop();
  }
  printTable('tenancy benchmark', rows);
}

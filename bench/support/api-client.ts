import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'node:http';

/** Starts the api as deployed (bench/tenancy/api-server.ts) in its own process. */
export function startApi(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'tenancy', 'api-server.js')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (c: Buffer) => {
      const m = /READY (\d+)/.exec(c.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`api exited with ${code}`)));
  });
}

/** One GraphQL POST to the api with a Host header (and a bearer token); rejects on errors. */
export function post(
  port: number,
  host: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: {
          host,
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200 || body.includes('"errors"'))
            reject(new Error(`${host}: ${res.statusCode} ${body.slice(0, 300)}`));
          else resolve({ ms: performance.now() - t0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(options.variables ? { query, variables: options.variables } : { query }));
  });
}

/** The p-th percentile (nearest rank below) of some figures. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

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

/** The answer to one POST: any status, its headers, its text and how long it took. */
export interface RawAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  ms: number;
}

/** One GraphQL POST straight to one api process with a Host header; resolves whatever the status. */
export function graphqlPost(
  port: number,
  host: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs?: number,
): Promise<RawAnswer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        headers: { host, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - t0,
          }),
        );
      },
    );
    if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** One GraphQL POST to the api with a Host header (and a bearer token); rejects on errors. */
export async function post(
  port: number,
  host: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<{ ms: number; body: string }> {
  const answer = await graphqlPost(
    port,
    host,
    options.variables ? { query, variables: options.variables } : { query },
    options.token ? { authorization: `Bearer ${options.token}` } : {},
  );
  if (answer.status !== 200 || answer.body.includes('"errors"'))
    throw new Error(`${host}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return { ms: answer.ms, body: answer.body };
}

/** The p-th percentile (nearest rank below) of some figures. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

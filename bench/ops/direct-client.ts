import { request } from 'node:http';
import { Client } from 'pg';
import { graphqlPost } from '../support/api-client';

/** A parsed GraphQL answer, read field by field by the benchmark (many shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** One GraphQL POST straight to one api instance (no load balancer); any status, parsed. */
export async function direct(
  port: number,
  host: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; headers: Record<string, unknown>; json: Json }> {
  const answer = await graphqlPost(
    port,
    host,
    { query, variables },
    token ? { authorization: `Bearer ${token}` } : {},
    15_000,
  );
  let json: Json;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = { raw: answer.body.slice(0, 300) };
  }
  return { status: answer.status, headers: answer.headers, json };
}

/** A mutation that must succeed; returns its field's value (throws with the answer otherwise). */
export async function mustMutate<T = Json>(
  port: number,
  host: string,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const r = await direct(port, host, query, variables, token);
  const value = r.json?.data?.[field];
  if (r.status !== 200 || r.json?.errors || !value || value.__typename === 'InputError')
    throw new Error(`${field}: ${r.status} ${JSON.stringify(r.json).slice(0, 400)}`);
  return value as T;
}

export async function login(port: number, host: string, username: string, password: string): Promise<string> {
  const r = await direct(
    port,
    host,
    `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`,
    { u: username, p: password },
  );
  const token = r.json?.data?.login?.accessToken as string | undefined;
  if (!token) throw new Error(`login ${username}: ${JSON.stringify(r.json).slice(0, 300)}`);
  return token;
}

/** One SQL statement on a connection of its own (the server may have restarted since the last one). */
export async function sql<T = Json>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url, application_name: 'bench' });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** GET a path (e.g. /health/ready) on one instance; the status, or the connection error. */
export function getStatus(port: number, path: string, host = 'localhost'): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(`${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 120)}`));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(`error ${(e as Error).message}`));
    req.end();
  });
}

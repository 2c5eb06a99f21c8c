import { randomUUID } from 'node:crypto';
import { HttpResponse, httpRequest } from './http-client';
import type { GqlResponse, TestApp } from './test-app';

/**
 * The typed GraphQL client every spec shares: who calls (a portal's host, a token or none), the
 * operation, and typed data back, or a thrown error that prints the GraphQL errors (a broken query
 * must never pass as an empty answer).
 */

/** Who calls: the portal answering on `host`, signed in with `token` (none: anonymous). */
export interface Caller {
  host: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/** The data of a response, or a thrown error naming the GraphQL errors. */
export function dataOf<T>(res: GqlResponse<T>): T {
  if (res.body.errors?.length || !res.body.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors ?? res.body)}`);
  return res.body.data;
}

/** POSTs an operation as `caller` and returns its data; throws with the GraphQL errors printed. */
export async function gql<T = Record<string, any>>(
  t: Pick<TestApp, 'gql'>,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  return dataOf(
    await t.gql<T>(caller.host, query, variables, { token: caller.token, headers: caller.headers }),
  );
}

/**
 * The single root field of a mutation that must have succeeded: throws on GraphQL errors and on a
 * typed InputError answer (set-up steps that must work).
 */
export async function succeeded<T = Record<string, any>>(
  t: Pick<TestApp, 'gql'>,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const data = await gql(t, caller, query, variables);
  const value = Object.values(data)[0] as Record<string, any>;
  if (value?.__typename === 'InputError') throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(value)}`);
  return value as T;
}

/** A fresh `Idempotency-Key` header value (unique per call: a retry reuses the one it got). */
export function idempotencyKey(): string {
  return randomUUID();
}

/** The headers of a call that carries `key` as its Idempotency-Key. */
export function withIdempotencyKey(key: string = idempotencyKey()): Record<string, string> {
  return { 'idempotency-key': key };
}

/** A `multipart/form-data` body with text fields and one file (the upload forms and endpoints). */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; data: Buffer; contentType?: string; field?: string },
): { body: Buffer; contentType: string } {
  const boundary = `----e2e${randomUUID()}`;
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${value}\r\n`),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.contentType ?? 'application/pdf'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a file for an item to `/attachments` as `caller` (201 with `{ id, sha256, … }` when stored). */
export function uploadAttachment(
  port: number,
  caller: Caller,
  itemId: string,
  file: { name: string; data: Buffer; contentType?: string },
): Promise<HttpResponse<Record<string, any>>> {
  const { body, contentType } = multipart({ itemId }, file);
  return httpRequest(port, {
    method: 'POST',
    path: '/attachments',
    host: caller.host,
    headers: {
      'content-type': contentType,
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...caller.headers,
    },
    body,
  });
}

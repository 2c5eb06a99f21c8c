import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { Result, fail, inputError } from '../errors/domain-error';
import { TransactionRunner } from '../database/transaction-runner.service';
import { PlatformErrorCode } from '../errors/platform-error-code';

/** How long a key answers with its first answer (a retry comes within minutes; a day is generous). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[A-Za-z0-9._:-]{8,200}$/;
const SWEEP_EVERY_MS = 10 * 60_000;
const SWEEP_BATCH = 5000;

export interface IdempotentRequest {
  /** The operation (a mutation's or a form's name): a key used for another operation is refused. */
  operation: string;
  /** The key the client sent (Idempotency-Key header or a form's hidden field); none: no replay. */
  key: string | null | undefined;
  /** What was asked: the same key with a different request is refused. */
  request: unknown;
}

class Replay extends Error {}
class RolledBack<T> extends Error {
  constructor(readonly result: Result<T>) {
    super('rolled back');
  }
}

/** JSON with a marked Date, so that a replayed answer has the same types as the first. */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

function decode<T>(json: unknown): T {
  return JSON.parse(JSON.stringify(json), (_key, v: unknown) =>
    v && typeof v === 'object' && '$date' in v && Object.keys(v).length === 1
      ? new Date((v as { $date: string }).$date)
      : v,
  ) as T;
}

/** Stable JSON (keys sorted) of a request, hashed. */
function fingerprint(operation: string, request: unknown): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v instanceof Date
        ? v.toISOString()
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
                .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
            )
          : v;
  return createHash('sha256')
    .update(JSON.stringify([operation, stable(request)]))
    .digest('hex');
}

export const idempotencyKeyReused = () =>
  inputError(
    PlatformErrorCode.IDEMPOTENCY_KEY_REUSED,
    'idempotencyKey',
    'Khóa chống gửi trùng này đã được dùng cho một yêu cầu khác.',
    'This idempotency key was already used for a different request.',
  );

/**
 * Creating requests that a client may safely retry: with a key, the work and the key (with the
 * answer given) are stored in one transaction, so a retry of a request that was stored, whose answer
 * was lost on the way, gets that answer again and stores nothing; the same key with a different
 * request is refused (IDEMPOTENCY_KEY_REUSED). A failure is never stored: its transaction rolls
 * back, and a retry does the work again. Keys are per portal (the one the request addresses) and
 * caller (the account, or anonymous), and expire after IDEMPOTENCY_TTL_HOURS. Used by resolvers and
 * by plain HTTP controllers (forms send the key in a hidden field).
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Runs `work` (which returns the answer to store, built inside the transaction it is given) once
   * per key. `work` must do its writes through the context it receives.
   */
  async run<T>(
    ctx: RequestContext,
    req: IdempotentRequest,
    work: (tx: RequestContext) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const key = req.key?.trim();
    if (!key || !ctx.tenant) return work(ctx);
    if (!KEY.test(key))
      return fail(
        inputError(
          PlatformErrorCode.INVALID_IDEMPOTENCY_KEY,
          'idempotencyKey',
          'Khóa chống gửi trùng phải dài 8–200 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới, hai chấm.',
          'An idempotency key is 8–200 characters: letters, digits, dot, hyphen, underscore, colon.',
        ),
      );
    const id = { tenantId: ctx.tenant.id, caller: ctx.accountId ?? 'anonymous', key };
    const hash = fingerprint(req.operation, req.request);
    const stored = await this.stored<T>(id, req.operation, hash);
    if (stored) return stored;
    try {
      return await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        // A concurrent request with this key waits here until the first one commits or rolls back.
        const claimed = (await m.query(
          `INSERT INTO idempotency_keys (tenant_id, caller, key, operation, request_hash, expires_at)
           VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
           ON CONFLICT (tenant_id, caller, key) DO UPDATE
             SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, response = NULL,
                 created_at = now(), expires_at = EXCLUDED.expires_at
             WHERE idempotency_keys.expires_at <= now()
           RETURNING 1 AS claimed`,
          [id.tenantId, id.caller, id.key, req.operation, hash, IDEMPOTENCY_TTL_HOURS],
        )) as unknown[];
        if (claimed.length === 0) throw new Replay();
        const result = await work(tx);
        if (!result.ok) throw new RolledBack(result);
        await m.query(
          'UPDATE idempotency_keys SET response = $4::jsonb WHERE tenant_id = $1 AND caller = $2 AND key = $3',
          [id.tenantId, id.caller, id.key, encode(result.value)],
        );
        return result;
      });
    } catch (e) {
      if (e instanceof RolledBack) return e.result as Result<T>;
      if (e instanceof Replay) {
        const again = await this.stored<T>(id, req.operation, hash);
        if (again) return again;
      }
      throw e;
    }
  }

  private async stored<T>(
    id: { tenantId: string; caller: string; key: string },
    operation: string,
    hash: string,
  ): Promise<Result<T> | null> {
    const rows = (await this.dataSource.query(
      `SELECT operation, request_hash, response FROM idempotency_keys
        WHERE tenant_id = $1 AND caller = $2 AND key = $3 AND expires_at > now()`,
      [id.tenantId, id.caller, id.key],
    )) as Array<{ operation: string; request_hash: string; response: unknown }>;
    const row = rows[0];
    if (!row || row.response === null) return null;
    if (row.operation !== operation || row.request_hash !== hash) return fail(idempotencyKeyReused());
    return { ok: true, value: decode<T>(row.response) };
  }

  /** Deletes expired keys, a batch at a time; returns how many. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE ctid IN (
           SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT ${SWEEP_BATCH})`,
      )) as [unknown, number];
      total += deleted;
      if (deleted < SWEEP_BATCH) return total;
    }
  }

  onModuleInit(): void {
    // Every instance sweeps; two at once delete disjoint or already-deleted rows, which is harmless.
    this.sweeper = setInterval(() => {
      this.sweep().catch((e: Error) => this.logger.warn(`sweeping expired keys failed: ${e.message}`));
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}

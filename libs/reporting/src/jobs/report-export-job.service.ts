import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { BLOB_STORE, BlobStore, blobKey } from '@portal/content';
import { DomainError, JobQueue, NotFoundError, RequestContext, systemContext } from '@portal/platform';
import { ReportFormat } from '../export/report-export.types';
import { ReportExportService, type ReportRequest } from '../report/report-export.service';
import { ReportScope } from '../report/report-scope';

export const REPORT_EXPORT_JOB = 'report-export';

export type ReportExportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ReportExportView {
  id: string;
  tenantId: string | null;
  scope: ReportScope;
  period: string;
  format: ReportFormat;
  status: ReportExportStatus;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  fileName: string | null;
  size: number | null;
  error: string | null;
}

interface ExportRow {
  id: string;
  tenant_id: string | null;
  scope: ReportScope;
  period: string;
  format: ReportFormat;
  status: ReportExportStatus;
  requested_by: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  file_name: string | null;
  sha256: string | null;
  size: string | null;
  error: string | null;
}

const notFound = () => new NotFoundError('report export');

/**
 * Report files made in the background (a whole province takes longer than a request should): the
 * request is checked (period, scope, permission) when it is made, a job writes the file through the
 * streaming writers into a temporary file and stores it in the blob store, and only the person who
 * asked may fetch it.
 */
@Injectable()
export class ReportExportJobService implements OnModuleInit {
  private readonly logger = new Logger('ReportExports');

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly exporter: ReportExportService,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ id: string }>(REPORT_EXPORT_JOB, ({ id }) => this.run(id));
  }

  async request(ctx: RequestContext, request: ReportRequest): Promise<ReportExportView> {
    const { root, period } = this.exporter.prepare(ctx, request);
    const id = randomUUID();
    // The answer is the row written, not a read after the commit; in the caller's transaction when
    // there is one (an idempotent request stores its key with it), the job sent in the same one.
    const write = async (m: EntityManager): Promise<ReportExportView> => {
      const [row]: ExportRow[] = await m.query(
        `INSERT INTO report_exports (id, tenant_id, scope, period, format, status, requested_by, file_name)
         VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6, $7) RETURNING *`,
        [
          id,
          root?.id ?? null,
          request.scope,
          period.label,
          request.format,
          ctx.accountId,
          this.exporter.fileName(root, period, request.format),
        ],
      );
      await this.jobs.send(REPORT_EXPORT_JOB, { id }, {}, m);
      return toView(row);
    };
    const callers = ctx.manager?.queryRunner?.isTransactionActive ? ctx.manager : null;
    return callers ? write(callers) : this.db.transaction(write);
  }

  async get(ctx: RequestContext, id: string): Promise<ReportExportView> {
    return toView(await this.row(ctx, id));
  }

  /** The file of a finished export, for the person who asked for it. */
  /**
   * A finished export through a signed link (report-download-link.ts): the grant names the
   * requester, checked here as for a token.
   */
  async openGranted(grant: {
    exportId: string;
    accountId: string;
  }): Promise<{ view: ReportExportView; stream: Readable }> {
    const [row]: ExportRow[] = await this.db.query(
      `SELECT * FROM report_exports WHERE id = $1 AND requested_by = $2 AND status = 'DONE'`,
      [grant.exportId, grant.accountId],
    );
    if (!row) throw notFound();
    return { view: toView(row), stream: await this.store.get(blobKey(row.sha256!)) };
  }

  async open(ctx: RequestContext, id: string): Promise<{ view: ReportExportView; stream: Readable }> {
    const row = await this.row(ctx, id);
    if (row.status !== 'DONE') throw notFound();
    return { view: toView(row), stream: await this.store.get(blobKey(row.sha256!)) };
  }

  /** Writes one export; a failure is recorded on the row (and logged), never retried silently. */
  async run(id: string): Promise<void> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [claimed]: [ExportRow[], number] = await this.db.query(
      `UPDATE report_exports SET status = 'RUNNING', started_at = now() WHERE id = $1 AND status = 'QUEUED' RETURNING *`,
      [id],
    );
    const row = claimed[0];
    if (!row) return;
    const dir = await mkdtemp(join(tmpdir(), 'portal-report-'));
    try {
      const path = join(dir, 'report');
      const hash = createHash('sha256');
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const file = createWriteStream(path);
      const written = pipeline(hashing, file);
      // The request was authorised when it was made; the job writes what was then allowed.
      await this.exporter.write(
        systemContext('report-export'),
        { tenantId: row.tenant_id, scope: row.scope, period: row.period, format: row.format },
        hashing,
      );
      if (!hashing.writableEnded) hashing.end();
      await written;
      const sha256 = hash.digest('hex');
      const { size } = await stat(path);
      const key = blobKey(sha256);
      if (!(await this.store.has(key))) await this.store.put(key, createReadStream(path), size);
      await this.db.query(
        `UPDATE report_exports SET status = 'DONE', finished_at = now(), sha256 = $2, size = $3 WHERE id = $1`,
        [id, sha256, size],
      );
    } catch (error) {
      this.logger.error(`report export ${id} failed: ${(error as Error).stack ?? String(error)}`);
      await this.db.query(
        `UPDATE report_exports SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1`,
        [id, (error as Error).message ?? String(error)],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async row(ctx: RequestContext, id: string): Promise<ExportRow> {
    const [row]: ExportRow[] = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db.query(`SELECT * FROM report_exports WHERE id = $1`, [id])
      : [];
    // Someone else's export does not exist for this caller.
    if (!row || row.requested_by !== ctx.accountId) throw notFound();
    // Nor does one the caller may no longer read, or reads through a host whose subtree does not
    // cover it: the right is checked again, as for the report itself (a revoked role closes the file).
    try {
      this.exporter.prepare(ctx, {
        tenantId: row.tenant_id,
        scope: row.scope,
        period: row.period,
        format: row.format,
      });
    } catch (e) {
      if (e instanceof DomainError) throw notFound();
      throw e;
    }
    return row;
  }
}

function toView(r: ExportRow): ReportExportView {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    scope: r.scope,
    period: r.period,
    format: r.format,
    status: r.status,
    requestedAt: r.requested_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    fileName: r.file_name,
    size: r.size === null ? null : Number(r.size),
    error: r.error,
  };
}

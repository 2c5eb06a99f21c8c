import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  PgNotifications,
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  can,
  forbidden,
  inputError,
} from '@portal/platform';
import { ImportProblem, numberKey, parseTabularFile } from '../import/tabular-file';
import { ContentKind } from '../kinds/content-kind';
import { PublicServiceEntity } from './public-service.entity';
import { CleanServiceRow, SERVICE_IMPORT, ServiceLevel, checkServiceRow } from './public-service-rules';
import { ContentErrorCode } from '../errors/content-error-code';

export interface ServiceImportLine {
  line: number;
  code: string;
  serviceId: string;
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED';
}

export interface ServiceImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  lines: ServiceImportLine[];
}

export type ServiceImportOutcome =
  { ok: true; report: ServiceImportReport } | { ok: false; problems: ImportProblem[] };

/** A catalogue entry as the public reads it, with the page of the portal's procedure item of that code, if live. */
export interface PublicServiceRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string | null;
  field: string;
  level: ServiceLevel;
  portal_url: string;
  received_count: number | null;
  processed_count: number | null;
  counts_as_of: string | null;
  /** The slug of the portal's live procedure item with this code (its write-up), if any. */
  item_slug: string | null;
}

class DryRun extends Error {
  constructor(readonly report: ServiceImportReport) {
    super('dry run');
  }
}
class Rejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('rejected');
  }
}

/** The fields a line may change, in the entity's terms. */
const CHANGEABLE = [
  'nameVi',
  'nameEn',
  'field',
  'level',
  'portalUrl',
  'receivedCount',
  'processedCount',
  'countsAsOf',
] as const;

/**
 * The portal's catalogue of administrative procedures and online public services (641/QĐ-UBND art.
 * 17; 05/2024/QĐ-UBND art. 4.2.d), imported from the public-service portal's lists (it offers no
 * interface reachable here). A service is known by its code on the portal: a line changes what it
 * gives and leaves empty cells as they are; a new code needs name, field, level and link. All or
 * nothing, each problem named by its line; the same file again changes nothing. Kept by those who
 * publish the portal's content (board, operator).
 */
@Injectable()
export class PublicServicesService {
  private readonly services: ScopedRepository<PublicServiceEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly notifications: PgNotifications,
  ) {
    this.services = scoped.for(PublicServiceEntity, 'Content');
  }

  async importCatalogue(
    ctx: RequestContext,
    input: { format: 'CSV' | 'JSON'; content: string; dryRun?: boolean | null },
  ): Promise<ServiceImportOutcome> {
    const portal = ctx.requireTenant();
    if (!can(ctx, 'publish', 'Content', { tenantId: portal.id, tenantPath: portal.path }))
      throw forbidden('publish', 'Content');
    const parsed = parseTabularFile(SERVICE_IMPORT, input.format, input.content ?? '');
    if (!parsed.rows.length) return { ok: false, problems: parsed.problems };
    const problems: ImportProblem[] = [...parsed.problems];
    const clean: CleanServiceRow[] = [];
    const seen = new Map<string, number>();
    for (const row of parsed.rows) {
      const checked = checkServiceRow(row);
      if (Array.isArray(checked)) {
        problems.push(...checked);
        continue;
      }
      const key = numberKey(checked.code);
      if (seen.has(key)) {
        problems.push({
          line: row.line,
          field: 'code',
          code: 'DUPLICATE_CODE',
          vi: `Mã ${checked.code} đã có ở dòng ${seen.get(key)}.`,
          en: `Code ${checked.code} is already on line ${seen.get(key)}.`,
        });
        continue;
      }
      seen.set(key, row.line);
      clean.push(checked);
    }
    try {
      const report = await this.tx.run(ctx, async (tx) => {
        const report = await this.apply(tx, portal.id, clean, problems, !!input.dryRun);
        if (input.dryRun) throw new DryRun(report);
        return report;
      });
      if (report.created || report.updated) this.notifications.emitLocal('content_changed', portal.id);
      return { ok: true, report };
    } catch (e) {
      if (e instanceof DryRun) return { ok: true, report: e.report };
      if (e instanceof Rejected) return { ok: false, problems: e.problems };
      throw e;
    }
  }

  private async apply(
    tx: RequestContext,
    tenantId: string,
    rows: CleanServiceRow[],
    lineProblems: ImportProblem[],
    dryRun: boolean,
  ): Promise<ServiceImportReport> {
    const m = this.tx.manager(tx);
    // The portal's entries, standing ones last so that they win over withdrawn ones of the same code.
    const existing = (
      await this.services
        .query(tx, 'publish')
        .andWhere('row.tenant_id = :portal', { portal: tenantId })
        .getMany()
    ).sort(
      (a, b) =>
        Number(!a.withdrawnAt) - Number(!b.withdrawnAt) ||
        new Date(a.updatedAt).getTime() - new Date(b.updatedAt).getTime(),
    );
    const byCode = new Map(existing.map((e) => [numberKey(e.code), e]));
    // The lines' own problems first; every line is checked against the catalogue before anything is written.
    const problems: ImportProblem[] = [...lineProblems];
    for (const row of rows) {
      const known = byCode.get(numberKey(row.code));
      const bad = (field: string, code: string, vi: string, en: string) =>
        problems.push({ line: row.line, field, code, vi, en });
      if (!known) {
        if (row.withdrawn)
          bad(
            'status',
            'UNKNOWN_SERVICE',
            'Danh mục không có dịch vụ này để rút.',
            'The catalogue has no such service to withdraw.',
          );
        for (const [key, column] of [
          ['nameVi', 'name'],
          ['field', 'field'],
          ['level', 'level'],
          ['portalUrl', 'portalUrl'],
        ] as const)
          if (!row[key])
            bad(column, 'REQUIRED', `Dịch vụ mới cần cột "${column}".`, `A new service needs "${column}".`);
      } else if (row.countsAsOf && known.countsAsOf && row.countsAsOf < known.countsAsOf) {
        bad(
          'countsAsOf',
          'OLDER_COUNTS',
          `Danh mục đã có số liệu chốt ngày ${known.countsAsOf}, mới hơn dòng này.`,
          `The catalogue holds counts as of ${known.countsAsOf}, newer than this line's.`,
        );
      }
    }
    if (problems.length) throw new Rejected(problems.sort((a, b) => a.line - b.line));

    const lines: ServiceImportLine[] = [];
    const now = new Date();
    for (const row of rows) {
      const known = byCode.get(numberKey(row.code));
      if (!known) {
        const entry = Object.assign(new PublicServiceEntity(), {
          id: randomUUID(),
          tenantId,
          code: row.code,
          nameVi: row.nameVi!,
          nameEn: row.nameEn,
          field: row.field!,
          level: row.level!,
          portalUrl: row.portalUrl!,
          receivedCount: row.receivedCount,
          processedCount: row.processedCount,
          countsAsOf: row.countsAsOf,
          updatedBy: tx.accountId!,
          updatedAt: now,
          withdrawnAt: null,
        });
        await m.insert(PublicServiceEntity, entry);
        await this.record(tx, entry.id, tenantId, null, { code: row.code, level: row.level });
        lines.push({ line: row.line, code: row.code, serviceId: entry.id, outcome: 'CREATED' });
        continue;
      }
      const changes: Partial<PublicServiceEntity> = {};
      for (const key of CHANGEABLE) {
        const value = row[key];
        if (value !== null && value !== known[key]) Object.assign(changes, { [key]: value });
      }
      // Withdrawn when the line says so; a line naming a withdrawn code with status ACTIVE restores it.
      if (row.statusGiven && row.withdrawn !== !!known.withdrawnAt)
        changes.withdrawnAt = row.withdrawn ? now : null;
      if (Object.keys(changes).length === 0) {
        lines.push({ line: row.line, code: row.code, serviceId: known.id, outcome: 'UNCHANGED' });
        continue;
      }
      const before = Object.fromEntries(
        Object.keys(changes).map((k) => [k, known[k as keyof PublicServiceEntity]]),
      );
      await m.update(
        PublicServiceEntity,
        { id: known.id },
        { ...changes, updatedBy: tx.accountId!, updatedAt: now },
      );
      await this.record(tx, known.id, tenantId, before, changes);
      lines.push({ line: row.line, code: row.code, serviceId: known.id, outcome: 'UPDATED' });
    }
    return {
      dryRun,
      created: lines.filter((l) => l.outcome === 'CREATED').length,
      updated: lines.filter((l) => l.outcome === 'UPDATED').length,
      unchanged: lines.filter((l) => l.outcome === 'UNCHANGED').length,
      lines,
    };
  }

  private record(
    tx: RequestContext,
    id: string,
    tenantId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(tx, {
      tenantId,
      action: before ? 'public_service.updated' : 'public_service.created',
      subjectType: 'Content',
      subjectId: id,
      before,
      after,
    });
  }

  /**
   * Every entry of the addressed portal's catalogue, withdrawn ones too (the board's list, to
   * withdraw and restore): by field, then name. The caller may publish the portal's content.
   */
  async entries(
    ctx: RequestContext,
    filter: { field?: string | null; level?: string | null },
  ): Promise<PublicServiceEntity[]> {
    const portal = ctx.requireTenant();
    if (!can(ctx, 'publish', 'Content', { tenantId: portal.id, tenantPath: portal.path }))
      throw forbidden('publish', 'Content');
    if (filter.level && !Object.values(ServiceLevel).includes(filter.level as ServiceLevel))
      throw inputError(
        ContentErrorCode.INVALID_LEVEL,
        'level',
        'Mức độ dịch vụ không hợp lệ.',
        'Unknown service level.',
      );
    const q = this.services.query(ctx, 'publish').andWhere('row.tenant_id = :portal', { portal: portal.id });
    if (filter.field) q.andWhere('row.field = :field', { field: filter.field });
    if (filter.level) q.andWhere('row.level = :level', { level: filter.level });
    return q.orderBy('row.field').addOrderBy('row.nameVi').addOrderBy('row.id').limit(2000).getMany();
  }

  /**
   * The addressed portal's catalogue, by field and level, fields then names in order; with the
   * fields it holds (for the filter). The portal is the host's, not a caller's choice.
   */
  // UNSCOPED: anonymous public read of the host-resolved portal's standing entries.
  async catalogue(
    tenantId: string,
    filter: { field?: string | null; level?: string | null; first?: number | null },
  ): Promise<{ rows: PublicServiceRow[]; fields: string[] }> {
    if (filter.level && !Object.values(ServiceLevel).includes(filter.level as ServiceLevel))
      throw inputError(
        ContentErrorCode.INVALID_LEVEL,
        'level',
        'Mức độ dịch vụ không hợp lệ.',
        'Unknown service level.',
      );
    const params: unknown[] = [tenantId];
    let where = 's.tenant_id = $1 AND s.withdrawn_at IS NULL';
    if (filter.field) {
      params.push(filter.field);
      where += ` AND s.field = $${params.length}`;
    }
    if (filter.level) {
      params.push(filter.level);
      where += ` AND s.level = $${params.length}`;
    }
    params.push(Math.min(Math.max(filter.first ?? 2000, 1), 2000));
    const rows: PublicServiceRow[] = await this.dataSource.query(
      `SELECT s.id, s.code, s.name_vi, s.name_en, s.field, s.level, s.portal_url, s.received_count,
              s.processed_count, s.counts_as_of::text AS counts_as_of
         FROM public_services s WHERE ${where}
        ORDER BY s.field, s.name_vi, s.id LIMIT $${params.length}`,
      params,
    );
    // The portal's live procedure write-ups by code, linked from their entries.
    const items: Array<{ code: string; slug: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (lower(r.fields->>'code')) lower(r.fields->>'code') AS code, p.place_slug AS slug
         FROM public_own p JOIN content_revisions r ON r.id = p.live_revision_id
        WHERE p.tenant_id = $1 AND p.kind = $2 AND p.language = 'vi' AND r.fields->>'code' IS NOT NULL
        ORDER BY lower(r.fields->>'code'), p.published_at DESC`,
      [tenantId, ContentKind.ADMINISTRATIVE_PROCEDURE],
    );
    const slugs = new Map(items.map((i) => [i.code, i.slug]));
    for (const row of rows) row.item_slug = slugs.get(row.code.toLowerCase()) ?? null;
    const fields: Array<{ field: string }> = await this.dataSource.query(
      `SELECT DISTINCT field FROM public_services WHERE tenant_id = $1 AND withdrawn_at IS NULL ORDER BY field`,
      [tenantId],
    );
    return { rows, fields: fields.map((f) => f.field) };
  }
}

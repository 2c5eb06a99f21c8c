import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CleanValidity,
  ContentItemEntity,
  ContentKind,
  ContentService,
  ImportProblem,
  ImportRow,
  LegalRelationKind,
  LegalValidityService,
  checkValidity,
  numberKey,
  parseTabularFile,
} from '@portal/content';
import { DomainError, RequestContext, TransactionRunner, can, forbidden } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { EditorialService } from '../workflow/editorial.service';
import { LEGAL_IMPORT, RELATION_COLUMNS } from './legal-import-format';
import { EditorialErrorCode } from '../errors/editorial-error-code';

export interface LegalImportLine {
  line: number;
  number: string;
  itemId: string;
  /** CREATED: a new draft; UPDATED: validity or relations written; UNCHANGED: nothing to write. */
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED';
}

export interface LegalImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  relationsAdded: number;
  lines: LegalImportLine[];
}

export type LegalImportOutcome =
  { ok: true; report: LegalImportReport } | { ok: false; problems: ImportProblem[] };

const RELATION_OF: Record<(typeof RELATION_COLUMNS)[number], LegalRelationKind> = {
  replaces: LegalRelationKind.REPLACES,
  amends: LegalRelationKind.AMENDS,
  guides: LegalRelationKind.GUIDES,
};

/** Thrown inside the transaction to roll a dry run back with its report. */
class DryRun extends Error {
  constructor(readonly report: LegalImportReport) {
    super('dry run');
  }
}

class Rejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('rejected');
  }
}

const lineProblem = (line: number, e: DomainError, field?: string): ImportProblem => ({
  line,
  field: field ?? e.field ?? 'document',
  code: e.code,
  vi: e.text.vi,
  en: e.text.en,
});

/**
 * Imports a list of legal documents into the addressed portal from a file (the national database
 * has no interface reachable from here). A document is known by its number on the portal: a known
 * one gets the file's validity, expiry date, link and relations; an unknown one becomes a draft in
 * the workflow (the board reviews and publishes it as any other). All or nothing: any problem in
 * the file, each named by its line, and nothing is written. The same file again writes nothing.
 */
@Injectable()
export class LegalImportService {
  constructor(
    private readonly editorial: EditorialService,
    private readonly content: ContentService,
    private readonly legal: LegalValidityService,
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
    private readonly dataSource: DataSource,
  ) {}

  async import(
    ctx: RequestContext,
    input: { format: 'CSV' | 'JSON'; content: string; dryRun?: boolean | null },
  ): Promise<LegalImportOutcome> {
    const portal = ctx.requireTenant();
    const subject = { tenantId: portal.id, tenantPath: portal.path };
    if (!can(ctx, 'publish', 'Content', subject)) throw forbidden('publish', 'Content');
    const parsed = parseTabularFile(LEGAL_IMPORT, input.format, input.content ?? '');
    if (!parsed.rows.length) return { ok: false, problems: parsed.problems };
    try {
      const report = await this.tx.run(ctx, async (tx) => {
        const report = await this.apply(tx, portal.id, parsed.rows, parsed.problems, !!input.dryRun);
        if (input.dryRun) throw new DryRun(report);
        return report;
      });
      // Relations may reach other portals' pages: this instance drops all its cached pages.
      if (report.updated || report.created) this.legal.changed('');
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
    rows: ImportRow[],
    fileProblems: ImportProblem[],
    dryRun: boolean,
  ): Promise<LegalImportReport> {
    // The file's own problems first; every line is checked before anything is written.
    const problems: ImportProblem[] = [...fileProblems];
    const known = await this.portalDocuments(tx, tenantId);
    const firstLine = new Map<string, number>();
    const statuses = new Map<number, CleanValidity>();
    for (const row of rows) {
      const number = row.values.number;
      if (!number) {
        problems.push({
          line: row.line,
          field: 'number',
          code: EditorialErrorCode.REQUIRED,
          vi: 'Cần số, ký hiệu văn bản.',
          en: 'The document number is required.',
        });
        continue;
      }
      const key = numberKey(number);
      if (firstLine.has(key)) {
        problems.push({
          line: row.line,
          field: 'number',
          code: EditorialErrorCode.DUPLICATE_NUMBER,
          vi: `Văn bản ${number} đã có ở dòng ${firstLine.get(key)}.`,
          en: `Document ${number} is already on line ${firstLine.get(key)}.`,
        });
        continue;
      }
      firstLine.set(key, row.line);
      const status = checkValidity({
        validity: row.values.validity ?? '',
        expiryDate: row.values.expiryDate,
        nationalDbUrl: row.values.nationalDbUrl,
      });
      if (status instanceof DomainError) problems.push(lineProblem(row.line, status));
      else statuses.set(row.line, status);
      const matches = known.get(key) ?? [];
      if (matches.length > 1)
        problems.push({
          line: row.line,
          field: 'number',
          code: EditorialErrorCode.AMBIGUOUS_NUMBER,
          vi: `Cổng có ${matches.length} văn bản số ${number}.`,
          en: `The portal has ${matches.length} documents numbered ${number}.`,
        });
      if (matches.length === 0) {
        const portal = tx.requireTenant();
        const field = row.values.field ?? null;
        if (
          !can(tx, 'create', 'Content', { tenantId, tenantPath: portal.path, createdBy: tx.accountId, field })
        )
          problems.push({
            line: row.line,
            field: 'number',
            code: EditorialErrorCode.NOT_ALLOWED,
            vi: `Cổng chưa có văn bản ${number}, và vai trò của bạn không được viết văn bản mới.`,
            en: `The portal has no document ${number}, and your role may not write new ones.`,
          });
        const clean = this.content.clean(ContentKind.LEGAL_DOCUMENT, this.draftOf(row));
        if ('error' in clean)
          problems.push(lineProblem(row.line, clean.error, this.columnOf(clean.error.field)));
      }
    }
    // Relations name a document of the file, of the portal, or `number@host` of another portal (live).
    const targets = new Map<string, string | null>();
    for (const row of rows)
      for (const column of RELATION_COLUMNS)
        for (const ref of row.lists[column]) {
          if (targets.has(ref)) continue;
          targets.set(ref, await this.target(tenantId, ref, known, firstLine));
        }
    for (const row of rows)
      for (const column of RELATION_COLUMNS)
        for (const ref of row.lists[column]) {
          if (targets.get(ref) === null)
            problems.push({
              line: row.line,
              field: column,
              code: EditorialErrorCode.UNKNOWN_DOCUMENT,
              vi: `Không tìm thấy văn bản ${ref} (trong tệp, trên cổng, hoặc số@tên-miền của cổng khác đã đăng).`,
              en: `No document ${ref} (in the file, on the portal, or number@host of another portal, published).`,
            });
          else if (row.values.number && numberKey(ref) === numberKey(row.values.number))
            problems.push({
              line: row.line,
              field: column,
              code: EditorialErrorCode.SELF_RELATION,
              vi: 'Văn bản không thể có quan hệ với chính nó.',
              en: 'A document cannot be related to itself.',
            });
        }
    if (problems.length) throw new Rejected(problems.sort((a, b) => a.line - b.line));

    // Every line checked: write (or, in a dry run, write and roll back).
    const ids = new Map<string, string>();
    const lines: LegalImportLine[] = [];
    for (const row of rows) {
      const key = numberKey(row.values.number!);
      let item: ContentItemEntity;
      let outcome: LegalImportLine['outcome'] = 'UNCHANGED';
      const existing = known.get(key)?.[0];
      if (existing) {
        item = await this.legal.writable(tx, existing, 'number');
      } else {
        const made = await this.editorial.create(tx, {
          ...this.draftOf(row),
          tenantId,
          kind: ContentKind.LEGAL_DOCUMENT,
          field: row.values.field ?? null,
        });
        if (!made.ok) throw new Rejected([lineProblem(row.line, made.error)]);
        item = made.value.item;
        outcome = 'CREATED';
      }
      ids.set(key, item.id);
      if ((await this.legal.writeStatus(tx, item, statuses.get(row.line)!)) && outcome === 'UNCHANGED')
        outcome = 'UPDATED';
      lines.push({ line: row.line, number: row.values.number!, itemId: item.id, outcome });
    }
    let relationsAdded = 0;
    for (const [i, row] of rows.entries()) {
      for (const column of RELATION_COLUMNS)
        for (const ref of row.lists[column]) {
          const target = targets.get(ref)!;
          const otherId = target.startsWith('file:') ? ids.get(target.slice(5))! : target;
          const item = await this.legal.writable(tx, lines[i].itemId, column);
          if (await this.legal.addRelation(tx, item, RELATION_OF[column], otherId, column)) {
            relationsAdded++;
            if (lines[i].outcome === 'UNCHANGED') lines[i].outcome = 'UPDATED';
          }
        }
    }
    return {
      dryRun,
      created: lines.filter((l) => l.outcome === 'CREATED').length,
      updated: lines.filter((l) => l.outcome === 'UPDATED').length,
      unchanged: lines.filter((l) => l.outcome === 'UNCHANGED').length,
      relationsAdded,
      lines,
    };
  }

  /** The portal's own legal documents (not withdrawn) by number, from each one's latest revision. */
  private async portalDocuments(tx: RequestContext, tenantId: string): Promise<Map<string, string[]>> {
    const rows: Array<{ id: string; number: string | null }> = await this.content.items
      .query(tx, 'read')
      .innerJoin(
        'content_revisions',
        'rev',
        'rev.item_id = row.id AND rev.number = (SELECT max(x.number) FROM content_revisions x WHERE x.item_id = row.id)',
      )
      .andWhere(
        'row.tenant_id = :portal AND row.kind = :kind AND row.language = :vi AND row.withdrawn_at IS NULL',
        {
          portal: tenantId,
          kind: ContentKind.LEGAL_DOCUMENT,
          vi: 'vi',
        },
      )
      .select(['row.id AS id', `rev.fields->>'number' AS number`])
      .getRawMany();
    const map = new Map<string, string[]>();
    for (const r of rows) {
      if (!r.number) continue;
      const key = numberKey(r.number);
      map.set(key, [...(map.get(key) ?? []), r.id]);
    }
    return map;
  }

  /** A relation's target: `file:<key>`, an item id, or null when there is none (or several). */
  private async target(
    tenantId: string,
    ref: string,
    known: Map<string, string[]>,
    inFile: Map<string, number>,
  ): Promise<string | null> {
    const at = ref.lastIndexOf('@');
    if (at < 0) {
      const key = numberKey(ref);
      if (inFile.has(key)) return `file:${key}`;
      const own = known.get(key) ?? [];
      return own.length === 1 ? own[0] : null;
    }
    const resolved = this.routing.resolve(ref.slice(at + 1).trim());
    if (resolved.type !== 'serve') return null;
    const other = resolved.tenant.id;
    if (other === tenantId) return this.target(tenantId, ref.slice(0, at), known, inFile);
    // UNSCOPED: live documents of another portal are public; only those are found.
    const found: Array<{ id: string; number: string }> = await this.dataSource.query(
      `SELECT i.id, r.fields->>'number' AS number FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE i.tenant_id = $1 AND i.kind = $2 AND i.withdrawn_at IS NULL AND i.language = 'vi'`,
      [other, ContentKind.LEGAL_DOCUMENT],
    );
    const key = numberKey(ref.slice(0, at));
    const matches = found.filter((f) => f.number && numberKey(f.number) === key);
    return matches.length === 1 ? matches[0].id : null;
  }

  private draftOf(row: ImportRow) {
    const v = row.values;
    const fields: Record<string, string> = {};
    for (const k of ['form', 'issuer', 'number', 'issueDate', 'effectiveDate', 'excerpt', 'field'] as const)
      if (v[k]) fields[k] = v[k]!;
    return {
      title: v.title ?? '',
      summary: null,
      bodyHtml: '',
      fields,
      authorName: v.issuer ?? '',
      source: v.issuer ?? '',
    };
  }

  /** The file's column for a field a revision check named (`fields.issueDate` → `issueDate`). */
  private columnOf(field: string | null): string {
    if (!field) return 'document';
    const f = field.replace(/^fields\./, '');
    return f === 'authorName' || f === 'source' ? 'issuer' : f;
  }
}

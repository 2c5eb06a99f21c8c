import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context';

/** How far an unscoped read reaches past the request's portal, and so who answers for it. */
export type UnscopedReach = 'PORTALS' | 'SYSTEM' | 'PUBLIC';

/**
 * SQL that the scoped repository does not confine, opened by a call that says how far it reaches
 * and why (both kept on the reader). Every such read is found with
 * `git grep -nE "\.(acrossPortals|systemWide|publicly)\("`.
 */
export class UnscopedReader {
  constructor(
    private readonly dataSource: DataSource,
    readonly ctx: RequestContext,
    readonly reach: UnscopedReach,
    readonly reason: string,
  ) {}

  /**
   * Runs a read-only statement on the pool, outside the request's transaction and its row-level
   * confinement: what it reads is decided by the statement's own conditions, which the caller chose
   * for the reach it declared.
   */
  query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.dataSource.query(sql, params) as Promise<R[]>;
  }

  /** For entity reads (`find`, `findOne`): the context's transaction when it has one, else the pool. */
  get manager(): EntityManager {
    return this.ctx.manager ?? this.dataSource.manager;
  }
}

/**
 * The three deliberate exceptions to "tenant-owned rows are read through the scoped repository":
 *
 * - `acrossPortals`: the rows of a set of portals the caller authorised one by one before the read
 *   (a managing agency's report over its subtree, the federation's report), named by id in the SQL;
 * - `systemWide`: rows that belong to no portal (accounts, sessions), rows keyed by the caller's own
 *   account wherever they are, and work of the platform itself (the checks that precede the request's
 *   context, jobs and the command line over every portal);
 * - `publicly`: what anyone may read on any portal (published rows of the public website).
 *
 * Each takes the request's context first and a reason that is read in review; an empty reason is
 * refused. Repositories (the only files that hold SQL) call them; services never do.
 */
@Injectable()
export class UnscopedReads {
  constructor(private readonly dataSource: DataSource) {}

  /** Rows of the portals `portalIds`, each already authorised for this context by the caller. */
  acrossPortals(ctx: RequestContext, portalIds: readonly string[], reason: string): UnscopedReader {
    if (!Array.isArray(portalIds)) throw new Error('acrossPortals needs the authorised portal ids');
    return this.reader(ctx, 'PORTALS', reason);
  }

  /** Platform-wide rows or work, with no portal of its own to confine it to. */
  systemWide(ctx: RequestContext, reason: string): UnscopedReader {
    return this.reader(ctx, 'SYSTEM', reason);
  }

  /** Public rows, readable by anyone on any portal. */
  publicly(ctx: RequestContext, reason: string): UnscopedReader {
    return this.reader(ctx, 'PUBLIC', reason);
  }

  private reader(ctx: RequestContext, reach: UnscopedReach, reason: string): UnscopedReader {
    if (!reason.trim()) throw new Error(`An unscoped read (${reach}) must say why`);
    return new UnscopedReader(this.dataSource, ctx, reach, reason);
  }
}

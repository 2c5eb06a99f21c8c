import { Injectable } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { abilityToSql } from '../authorization/ability-sql';
import type { AppAction, AppSubjectType } from '../authorization/app-ability';
import { applyTenantScope, tenantScopeOf } from './tenant-scope';

/** The join every scoped query makes to learn the owning tenant's place in the tree. */
export const SCOPE_TENANT_ALIAS = 'scope_tenant';

/**
 * The one way services read tenant-owned rows. Every query it builds is restricted to
 * (1) the subtree of the portal the request addressed (a ward's host never shows a sibling's rows,
 * whatever the caller's roles elsewhere) and (2) the caller's CASL rules for the action, translated
 * to SQL. The owning tenant is the entity's `tenantId` property unless another is named.
 *
 * For an officer of one portal the query also runs in a transaction confined to that portal's
 * subtree by row-level security (its own if it has none), so whatever a caller adds to it (a join, a
 * subquery without a tenant condition) still returns nothing foreign.
 */
export class ScopedRepository<T extends ObjectLiteral> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
    private readonly subjectType: Exclude<AppSubjectType, 'all'>,
    /** The property naming the owning tenant (e.g. the receiving portal of a syndication). */
    private readonly tenantProperty: string = 'tenantId',
  ) {}

  /** A query builder already carrying the tenant and ability conditions; add filters and order. */
  query(ctx: RequestContext, action: AppAction, alias = 'row'): SelectQueryBuilder<T> {
    const manager = ctx.manager ?? this.dataSource.manager;
    const metadata = this.dataSource.getMetadata(this.entity);
    const tenantColumn = metadata.findColumnWithPropertyName(this.tenantProperty);
    if (!tenantColumn) throw new Error(`${metadata.name} has no tenant property "${this.tenantProperty}"`);
    const qb = manager
      .createQueryBuilder(this.entity, alias)
      .innerJoin(
        'tenants',
        SCOPE_TENANT_ALIAS,
        `${SCOPE_TENANT_ALIAS}.id = ${alias}."${tenantColumn.databaseName}"`,
      );
    if (ctx.tenant && !ctx.isPlatformAdmin) {
      qb.andWhere(`${SCOPE_TENANT_ALIAS}.path <@ CAST(:scopeTenantPath AS ltree)`, {
        scopeTenantPath: ctx.tenant.path,
      });
    }
    const predicate = abilityToSql(ctx.ability as never, action, this.subjectType, (field) => {
      if (field === 'tenantPath') return `${SCOPE_TENANT_ALIAS}.path`;
      if (field === 'tenantId') return `${alias}."${tenantColumn.databaseName}"`;
      const column = metadata.findColumnWithPropertyName(field);
      if (!column) throw new Error(`${metadata.name} has no field "${field}" for an ability condition`);
      return `${alias}."${column.databaseName}"`;
    });
    qb.andWhere(predicate.sql, predicate.params);
    return tenantScopeOf(ctx) ? confined(qb, ctx, this.dataSource) : qb;
  }

  findById(ctx: RequestContext, action: AppAction, id: string): Promise<T | null> {
    return this.query(ctx, action).andWhere('row.id = :scopedId', { scopedId: id }).getOne();
  }
}

/** The query builder methods that run the query. */
const EXECUTE = new Set<PropertyKey>([
  'getMany',
  'getOne',
  'getOneOrFail',
  'getRawMany',
  'getRawOne',
  'getManyAndCount',
  'getCount',
  'getExists',
  'getRawAndEntities',
]);

/**
 * The same query builder, whose execution first confines its transaction to the context's subtree
 * (or opens a confined one when the caller has none). Builder calls return the wrapper, so a chain
 * of filters stays confined; so do the builders it derives (clones, subqueries).
 */
function confined<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ctx: RequestContext,
  dataSource: DataSource,
): SelectQueryBuilder<T> {
  const run = async (method: PropertyKey, args: unknown[]) => {
    const call = (builder: SelectQueryBuilder<T>) =>
      (Reflect.get(builder, method) as (...a: unknown[]) => Promise<unknown>).apply(builder, args);
    const manager = ctx.manager;
    if (manager?.queryRunner?.isTransactionActive) {
      await applyTenantScope(manager, ctx);
      return call(qb);
    }
    // A copy runs on the confined transaction's connection; the builder itself is left as it was.
    return dataSource.transaction(async (tx) => {
      await applyTenantScope(tx, ctx);
      return call(qb.clone().setQueryRunner(tx.queryRunner!));
    });
  };
  const wrapper: SelectQueryBuilder<T> = new Proxy(qb, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (EXECUTE.has(property)) return (...args: unknown[]) => run(property, args);
      // A stream would outlive a confined transaction opened for it: refused rather than unconfined.
      if (property === 'stream')
        return () => Promise.reject(new Error('A scoped query for an officer cannot be streamed'));
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result === target) return wrapper;
        return result instanceof SelectQueryBuilder ? confined(result, ctx, dataSource) : result;
      };
    },
  });
  return wrapper;
}

@Injectable()
export class ScopedRepositoryFactory {
  constructor(private readonly dataSource: DataSource) {}

  for<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    subjectType: Exclude<AppSubjectType, 'all'>,
    tenantProperty: string = 'tenantId',
  ): ScopedRepository<T> {
    return new ScopedRepository<T>(this.dataSource, entity, subjectType, tenantProperty);
  }
}

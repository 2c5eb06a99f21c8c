import { Injectable } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { abilityToSql } from '../authorization/ability-sql';
import type { AppAction, AppSubjectType } from '../authorization/app-ability';

/** The join every scoped query makes to learn the owning tenant's place in the tree. */
export const SCOPE_TENANT_ALIAS = 'scope_tenant';

/**
 * The one way services read tenant-owned rows. Every query it builds is restricted to
 * (1) the subtree of the portal the request addressed (a ward's host never shows a sibling's rows,
 * whatever the caller's roles elsewhere) and (2) the caller's CASL rules for the action, translated
 * to SQL. The owning tenant is the entity's `tenantId` property unless another is named.
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
    return qb;
  }

  findById(ctx: RequestContext, action: AppAction, id: string): Promise<T | null> {
    return this.query(ctx, action).andWhere('row.id = :scopedId', { scopedId: id }).getOne();
  }
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

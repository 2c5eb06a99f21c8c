import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ContentItemEntity, ContentKind } from '@portal/content';
import {
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  isUuid,
} from '@portal/platform';
import { CategoryEntity } from '@portal/tenancy';
import { SyndicationEntity, SyndicationRuleEntity } from './syndication.entity';
import { SyndicationState } from './syndication-state';

const OPEN = [SyndicationState.PROPOSED, SyndicationState.ACCEPTED];

/** The syndications and auto-accept rules, and what a syndication reads of items and categories. */
@Injectable()
export class SyndicationRepository {
  readonly syndications: ScopedRepository<SyndicationEntity>;
  private readonly ruleRows: ScopedRepository<SyndicationRuleEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
  ) {
    // Scoped by the receiving portal: its board's queue and rules.
    this.syndications = scoped.for(SyndicationEntity, 'Syndication', 'targetTenantId');
    this.ruleRows = scoped.for(SyndicationRuleEntity, 'Syndication');
  }

  item(ctx: RequestContext, id: string): Promise<ContentItemEntity | null> {
    return this.tx.manager(ctx).findOneBy(ContentItemEntity, { id });
  }

  itemOrFail(ctx: RequestContext, id: string): Promise<ContentItemEntity> {
    return this.tx.manager(ctx).findOneByOrFail(ContentItemEntity, { id });
  }

  /** Locks one syndication for a decision. */
  lock(tx: RequestContext, id: string): Promise<SyndicationEntity | null> {
    return this.tx
      .manager(tx)
      .createQueryBuilder(SyndicationEntity, 's')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  async insert(tx: RequestContext, rows: SyndicationEntity | SyndicationEntity[]): Promise<void> {
    await this.tx.manager(tx).insert(SyndicationEntity, rows);
  }

  async update(tx: RequestContext, id: string, changes: Partial<SyndicationEntity>): Promise<void> {
    await this.tx.manager(tx).update(SyndicationEntity, { id }, changes);
  }

  /** Whether the item is already proposed to, or shown on, the target. */
  isOpen(tx: RequestContext, itemId: string, targetTenantId: string): Promise<boolean> {
    return this.tx
      .manager(tx)
      .exists(SyndicationEntity, { where: { itemId, targetTenantId, state: In(OPEN) } });
  }

  /** The targets among `targetIds` where the item is already proposed or shown. */
  async openTargets(tx: RequestContext, itemId: string, targetIds: string[]): Promise<Set<string>> {
    const open = await this.tx.manager(tx).find(SyndicationEntity, {
      select: { targetTenantId: true },
      where: { itemId, targetTenantId: In(targetIds), state: In(OPEN) },
    });
    return new Set(open.map((o) => o.targetTenantId));
  }

  /** Every open syndication of an item. */
  openOfItem(tx: RequestContext, itemId: string): Promise<SyndicationEntity[]> {
    return this.tx.manager(tx).find(SyndicationEntity, { where: { itemId, state: In(OPEN) } });
  }

  async markWithdrawn(tx: RequestContext, ids: string[], at: Date): Promise<void> {
    await this.tx
      .manager(tx)
      .update(SyndicationEntity, { id: In(ids) }, { state: SyndicationState.WITHDRAWN, updatedAt: at });
  }

  /** Every syndication of an item, oldest proposal first. */
  ofItem(ctx: RequestContext, itemId: string): Promise<SyndicationEntity[]> {
    return this.tx
      .manager(ctx)
      .find(SyndicationEntity, { where: { itemId }, order: { proposedAt: 'ASC', id: 'ASC' } });
  }

  /** Syndications received by a portal that the caller may read, oldest proposal first. */
  received(
    ctx: RequestContext,
    tenantId: string,
    state: SyndicationState | null,
    first: number,
  ): Promise<SyndicationEntity[]> {
    const qb = this.syndications
      .query(ctx, 'read')
      .andWhere('row.target_tenant_id = :tenantId', { tenantId: isUuid(tenantId) ? tenantId : null })
      .orderBy('row.proposed_at', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .take(first);
    if (state) qb.andWhere('row.state = :state', { state });
    return qb.getMany();
  }

  categoryOf(ctx: RequestContext, tenantId: string, categoryId: string): Promise<boolean> {
    return this.tx.manager(ctx).exists(CategoryEntity, { where: { id: categoryId, tenantId } });
  }

  /** Each target's section for a kind: a category bound to the kind, else its announcements. */
  async sectionsFor(
    ctx: RequestContext,
    targetIds: string[],
    kind: ContentKind,
  ): Promise<Map<string, string>> {
    if (targetIds.length === 0) return new Map();
    const rows: Array<{ tenant_id: string; id: string }> = await this.tx.manager(ctx).query(
      `SELECT DISTINCT ON (tenant_id) tenant_id, id FROM categories
        WHERE tenant_id = ANY($1::uuid[]) AND content_kind = ANY($2::text[])
        ORDER BY tenant_id, (content_kind = $3) DESC, parent_id NULLS FIRST, position, id`,
      [targetIds, [kind, ContentKind.ANNOUNCEMENT], kind],
    );
    return new Map(rows.map((r) => [r.tenant_id, r.id]));
  }

  rule(tx: RequestContext, id: string): Promise<SyndicationRuleEntity | null> {
    return this.tx.manager(tx).findOneBy(SyndicationRuleEntity, { id });
  }

  async insertRule(tx: RequestContext, rule: SyndicationRuleEntity): Promise<void> {
    await this.tx.manager(tx).insert(SyndicationRuleEntity, rule);
  }

  async updateRule(tx: RequestContext, id: string, changes: Partial<SyndicationRuleEntity>): Promise<void> {
    await this.tx.manager(tx).update(SyndicationRuleEntity, { id }, changes);
  }

  /** A portal's enabled rules, oldest first (the first that matches decides). */
  enabledRules(tx: RequestContext, tenantId: string): Promise<SyndicationRuleEntity[]> {
    return this.tx
      .manager(tx)
      .createQueryBuilder(SyndicationRuleEntity, 'r')
      .where('r.tenant_id = :t AND r.disabled_at IS NULL', { t: tenantId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /** A portal's rules the caller may read, newest first. */
  rules(ctx: RequestContext, tenantId: string): Promise<SyndicationRuleEntity[]> {
    return this.ruleRows
      .query(ctx, 'read', 'row')
      .andWhere('row.tenant_id = :tenantId', { tenantId: isUuid(tenantId) ? tenantId : null })
      .orderBy('row.created_at', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .getMany();
  }
}

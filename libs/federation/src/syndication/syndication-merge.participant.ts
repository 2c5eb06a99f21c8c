import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ContentItemEntity, ContentService } from '@portal/content';
import type { RequestContext } from '@portal/platform';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';
import { SyndicationEntity, SyndicationRuleEntity } from './syndication.entity';
import { SyndicationState } from './syndication-state';

const OPEN = [SyndicationState.PROPOSED, SyndicationState.ACCEPTED];

type Fate = 'dropped' | 'retargeted' | 'resourced' | 'untouched';

/**
 * The federation's share of a merge. Open syndications follow their portals: copies shown on a merged
 * portal move to the target (unless the target already shows the item), items of a merged portal
 * keep their copies elsewhere (the source becomes the target), and copies between portals that are
 * now one (a child merged into its parent) end, since the item is now the target's own. Closed
 * syndications stay as history. The merged portals' auto-accept rules are disabled.
 */
@Injectable()
export class SyndicationMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'syndication';
  /** After content: items and categories are already where they go. */
  readonly order = 200;

  constructor(
    private readonly participants: MergeParticipants,
    private readonly content: ContentService,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const counts = { dropped: 0, retargeted: 0, resourced: 0 };
    const held = new Set(await this.heldByTarget(m, plan));
    for (const row of await this.affected(m, plan)) {
      const fate = this.fate(row, plan, held);
      if (fate !== 'untouched') counts[fate]++;
      if (fate === 'retargeted') held.add(row.itemId);
    }
    return { ...counts, rulesDisabled: await this.rules(m, plan) };
  }

  async apply(_tx: RequestContext, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const counts = { dropped: 0, retargeted: 0, resourced: 0 };
    const held = new Set(await this.heldByTarget(m, plan));
    const now = new Date();
    for (const row of await this.affected(m, plan)) {
      const fate = this.fate(row, plan, held);
      if (fate === 'untouched') continue;
      counts[fate]++;
      if (fate === 'dropped') {
        await m.update(
          SyndicationEntity,
          { id: row.id },
          { state: SyndicationState.DROPPED, reason: `merged into ${plan.target.nameVi}`, updatedAt: now },
        );
      } else if (fate === 'resourced') {
        await m.update(SyndicationEntity, { id: row.id }, { sourceTenantId: plan.target.id, updatedAt: now });
      } else {
        held.add(row.itemId);
        const item = await m.findOneByOrFail(ContentItemEntity, { id: row.itemId });
        // The copy's address on the target: its old one when free there, else numbered.
        let slug = row.slug;
        if (slug) {
          for (let n = 2; await this.content.slugTaken(m, plan.target.id, item.language, slug); n++)
            slug = `${row.slug!.slice(0, 190)}-${n}`;
        }
        await m.update(
          SyndicationEntity,
          { id: row.id },
          {
            targetTenantId: plan.target.id,
            categoryId: row.categoryId ? (plan.categoryTargets.get(row.categoryId) ?? null) : null,
            slug,
            updatedAt: now,
          },
        );
      }
    }
    const rulesDisabled = await this.rules(m, plan);
    if (rulesDisabled)
      await m.update(
        SyndicationRuleEntity,
        { tenantId: In(plan.sources.map((s) => s.id)), disabledAt: IsNull() },
        { disabledAt: now },
      );
    return { ...counts, rulesDisabled };
  }

  private fate(row: SyndicationEntity, plan: MergeContext, heldByTarget: Set<string>): Fate {
    const merged = new Set([...plan.sources.map((s) => s.id), plan.target.id]);
    const sourceMerged = merged.has(row.sourceTenantId);
    const targetMerged = merged.has(row.targetTenantId);
    if (sourceMerged && targetMerged) return 'dropped'; // now one portal: the item is its own
    if (targetMerged && row.targetTenantId !== plan.target.id)
      return heldByTarget.has(row.itemId) ? 'dropped' : 'retargeted';
    if (sourceMerged && row.sourceTenantId !== plan.target.id) return 'resourced';
    return 'untouched';
  }

  /** Open syndications from or to a merged portal, oldest first (the first of duplicates wins). */
  private affected(m: EntityManager, plan: MergeContext): Promise<SyndicationEntity[]> {
    const ids = plan.sources.map((s) => s.id);
    return m.find(SyndicationEntity, {
      where: [
        { sourceTenantId: In(ids), state: In(OPEN) },
        { targetTenantId: In(ids), state: In(OPEN) },
      ],
      order: { proposedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Items the target already shows or is asked to show. */
  private async heldByTarget(m: EntityManager, plan: MergeContext): Promise<string[]> {
    const rows = await m.find(SyndicationEntity, {
      select: { itemId: true },
      where: { targetTenantId: plan.target.id, state: In(OPEN) },
    });
    return rows.map((r) => r.itemId);
  }

  private rules(m: EntityManager, plan: MergeContext): Promise<number> {
    return m.count(SyndicationRuleEntity, {
      where: { tenantId: In(plan.sources.map((s) => s.id)), disabledAt: IsNull() },
    });
  }
}

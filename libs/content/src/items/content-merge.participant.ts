import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MergeContext, MergeParticipant, MergeParticipants } from '@portal/tenancy';

interface PlannedItem {
  id: string;
  tenant_id: string;
  language: 'vi' | 'en';
  slug: string;
  category_id: string | null;
  newSlug: string;
}

const MAX_SLUG = 200;

/** `base-n`, shortened so that it stays a valid slug of at most 200 characters. */
export function numberedSlug(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * The content share of a merge: every item of the sources moves to the target with its revisions
 * and attachments, its category mapped by the plan. An item whose slug is taken on the target (by
 * the target's own item, or by an item of an earlier source) gets `-2`, `-3`…; every moved item
 * keeps its old address as an alias (old portal, language, old slug), so `/print/<old slug>` on the
 * old host still finds it.
 */
@Injectable()
export class ContentMergeParticipant implements MergeParticipant, OnModuleInit {
  readonly name = 'content';

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const items = await this.planSlugs(m, plan);
    const ids = plan.sources.map((s) => s.id);
    return {
      items: items.length,
      revisions: await this.count(m, 'content_revisions', ids),
      attachments: await this.count(m, 'attachments', ids),
      slugChanges: items.filter((i) => i.newSlug !== i.slug).length,
    };
  }

  async apply(_tx: unknown, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const items = await this.planSlugs(m, plan);
    const ids = plan.sources.map((s) => s.id);
    if (items.length) {
      await m.query(
        `UPDATE content_items i SET tenant_id = $1, slug = v.slug, category_id = v.category_id
           FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS v(id, slug, category_id)
          WHERE i.id = v.id`,
        [
          plan.target.id,
          items.map((i) => i.id),
          items.map((i) => i.newSlug),
          items.map((i) => (i.category_id ? (plan.categoryTargets.get(i.category_id) ?? null) : null)),
        ],
      );
      // An alias of a portal merged earlier keeps naming the item; each old address names one item.
      await m.query(
        `INSERT INTO content_url_aliases (tenant_id, language, slug, item_id, created_at)
         SELECT t, l, s, i, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS v(t, l, s, i)
         ON CONFLICT (tenant_id, language, slug) DO UPDATE SET item_id = EXCLUDED.item_id`,
        [
          items.map((i) => i.tenant_id),
          items.map((i) => i.language),
          items.map((i) => i.slug),
          items.map((i) => i.id),
        ],
      );
    }
    const revisions = await this.rehome(m, 'content_revisions', plan.target.id, ids);
    const attachments = await this.rehome(m, 'attachments', plan.target.id, ids);
    return {
      items: items.length,
      revisions,
      attachments,
      slugChanges: items.filter((i) => i.newSlug !== i.slug).length,
    };
  }

  /** The sources' items in merge order (sources as given, then oldest first) with the slug each gets. */
  private async planSlugs(m: EntityManager, plan: MergeContext): Promise<PlannedItem[]> {
    const order = new Map(plan.sources.map((s, i) => [s.id, i]));
    const rows: Array<Omit<PlannedItem, 'newSlug'>> = await m.query(
      `SELECT id, tenant_id, language, slug, category_id FROM content_items
        WHERE tenant_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [[...order.keys()]],
    );
    rows.sort((a, b) => order.get(a.tenant_id)! - order.get(b.tenant_id)!);
    // Taken on the target: its own items' addresses, and those of copies shown there (syndication),
    // which own items avoid in any language (as ContentService.slugTaken does).
    const taken = new Set<string>();
    const own: Array<{ language: string; slug: string }> = await m.query(
      `SELECT language, slug FROM content_items WHERE tenant_id = $1`,
      [plan.target.id],
    );
    for (const r of own) taken.add(`${r.language}/${r.slug}`);
    const copies: Array<{ slug: string }> = await m.query(
      `SELECT place_slug AS slug FROM public_copies WHERE place_tenant_id = $1`,
      [plan.target.id],
    );
    for (const r of copies) for (const language of ['vi', 'en']) taken.add(`${language}/${r.slug}`);
    return rows.map((row) => {
      let newSlug = row.slug;
      for (let n = 2; taken.has(`${row.language}/${newSlug}`); n++) newSlug = numberedSlug(row.slug, n);
      taken.add(`${row.language}/${newSlug}`);
      return { ...row, newSlug };
    });
  }

  private async count(m: EntityManager, table: string, tenantIds: string[]): Promise<number> {
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ANY($1::uuid[])`,
      [tenantIds],
    );
    return Number(n);
  }

  private async rehome(
    m: EntityManager,
    table: string,
    targetId: string,
    tenantIds: string[],
  ): Promise<number> {
    const [, affected] = await m.query(
      `UPDATE ${table} SET tenant_id = $1 WHERE tenant_id = ANY($2::uuid[])`,
      [targetId, tenantIds],
    );
    return Number(affected ?? 0);
  }
}

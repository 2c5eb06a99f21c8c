import { Injectable, OnModuleInit } from '@nestjs/common';
import { RedirectPathResolver, RedirectPathResolvers, RedirectTarget } from '../hosts/redirect-paths';
import { SiteStructureRepository } from './site-structure.repository';

/** A category listing's address: `/chuyen-muc/<slug path>` (and `/en/…`), with any page query. */
const CATEGORY_PATH = /^(\/en)?\/chuyen-muc\/([a-z0-9-]+(?:\/[a-z0-9-]+)*)\/?(\?.*)?$/;

/** Where a former category address points now. */
export type CategoryAddress =
  { type: 'moved'; tenantId: string; slugPath: string } | { type: 'gone' } | { type: 'unknown' };

/**
 * Former addresses of categories (renamed, moved, re-applied from a template, merged into another
 * portal). The record names the category, not its next address, so a chain of renames A → B → C
 * answers A → C in one hop. A category that is hidden (or not shown in the page's language) is
 * gone: the website answers 410 rather than sending the reader to it.
 */
@Injectable()
export class CategoryAddresses implements RedirectPathResolver, OnModuleInit {
  readonly name = 'categories';

  constructor(
    private readonly repo: SiteStructureRepository,
    private readonly resolvers: RedirectPathResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(this);
  }

  /**
   * A slug path the website does not show on the portal: a hidden category's (gone), a former one
   * (moved, or gone when what it names is hidden), or nothing known.
   */
  async lookup(tenantId: string, slugPath: string, language: 'vi' | 'en'): Promise<CategoryAddress> {
    const rows = await this.repo.addressesOf(tenantId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const pathOf = (r: (typeof rows)[number], depth = 0): string => {
      const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
      return parent && depth < 8 ? `${pathOf(parent, depth + 1)}/${r.slug}` : r.slug;
    };
    const hiddenUp = (r: (typeof rows)[number] | undefined, depth = 0): boolean =>
      !!r &&
      (r.hidden || (depth < 8 && hiddenUp(r.parent_id ? byId.get(r.parent_id) : undefined, depth + 1)));
    const live = rows.find((r) => pathOf(r) === slugPath);
    if (live) return hiddenUp(live) ? { type: 'gone' } : { type: 'unknown' };
    return this.former(tenantId, slugPath, language);
  }

  /** A former address (of the portal, or of a portal merged away whose host now redirects). */
  async former(tenantId: string, slugPath: string, language: 'vi' | 'en'): Promise<CategoryAddress> {
    const id = await this.repo.redirectTarget(tenantId, slugPath);
    if (!id) return { type: 'unknown' };
    const now = await this.repo.categoryAddress(id);
    if (!now || now.hidden || !now.languages.includes(language)) return { type: 'gone' };
    return { type: 'moved', tenantId: now.tenantId, slugPath: now.path };
  }

  claims(path: string): boolean {
    return CATEGORY_PATH.test(path);
  }

  /** A merged portal's host: its old category addresses go to what stands for them on the target. */
  async resolve(originTenantId: string, path: string): Promise<RedirectTarget | null> {
    const match = CATEGORY_PATH.exec(path);
    if (!match) return null;
    const [, en, slugPath, query] = match;
    const found = await this.former(originTenantId, slugPath, en ? 'en' : 'vi');
    if (found.type !== 'moved') return null;
    return { tenantId: found.tenantId, path: `${en ?? ''}/chuyen-muc/${found.slugPath}${query ?? ''}` };
  }
}

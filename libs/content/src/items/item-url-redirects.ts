import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedirectPathResolver, RedirectPathResolvers, RedirectTarget } from '@portal/tenancy';

const PRINT_PATH = /^\/(en\/)?(print|bai-viet)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(\?.*)?$/;

/**
 * Old item URLs on a merged portal's host: `/print/<slug>`, the article page `/bai-viet/<slug>` and
 * their `/en` forms answer 301 to the
 * item's current portal and slug (through content_url_aliases, keyed by the host's origin portal),
 * never to whatever item has that slug on the target now. `/archive/<id>` needs nothing: the host
 * redirect keeps the path and the id never changes.
 */
@Injectable()
export class ItemUrlRedirects implements RedirectPathResolver, OnModuleInit {
  readonly name = 'content-items';

  constructor(
    private readonly dataSource: DataSource,
    private readonly resolvers: RedirectPathResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(this);
  }

  claims(path: string): boolean {
    return PRINT_PATH.test(path);
  }

  // UNSCOPED: public addresses of items; answers only where an item now lives, never its content.
  async resolve(originTenantId: string, path: string): Promise<RedirectTarget | null> {
    const match = PRINT_PATH.exec(path);
    if (!match) return null;
    const [, en, view, slug, query] = match;
    const rows: Array<{ tenant_id: string; slug: string }> = await this.dataSource.query(
      `SELECT i.tenant_id, i.slug FROM content_url_aliases a JOIN content_items i ON i.id = a.item_id
        WHERE a.tenant_id = $1 AND a.language = $2 AND a.slug = $3`,
      [originTenantId, en ? 'en' : 'vi', slug],
    );
    const item = rows[0];
    if (!item) return null;
    return { tenantId: item.tenant_id, path: `${en ? '/en' : ''}/${view}/${item.slug}${query ?? ''}` };
  }
}

import { Injectable, Logger } from '@nestjs/common';

/** Where a former host sends a path that a resolver knows: a path, on a given portal's host or the host's target. */
export interface RedirectTarget {
  /** Path (and query) on the destination host, starting with `/`. */
  path: string;
  /** The portal that now holds what the path named; the redirect host's target when absent. */
  tenantId?: string | null;
}

/**
 * Maps a path of a former host (a merged or retired portal's) to where that thing lives now, e.g.
 * `/print/<old slug>` to the item's new slug. `claims` is a cheap in-memory test, so that a
 * redirect of any other path never waits for the database.
 */
export interface RedirectPathResolver {
  readonly name: string;
  claims(path: string): boolean;
  /** `originTenantId`: the portal the host was first created for (whose old links it carries). */
  resolve(originTenantId: string, path: string): Promise<RedirectTarget | null>;
}

/**
 * Resolvers of redirect paths, registered by the libs that own what the paths name (content
 * registers item URLs in its `onModuleInit`). Tenancy knows no path but its own.
 */
@Injectable()
export class RedirectPathResolvers {
  private readonly logger = new Logger('RedirectPaths');
  private readonly resolvers: RedirectPathResolver[] = [];

  register(resolver: RedirectPathResolver): void {
    this.resolvers.push(resolver);
  }

  /** True when some resolver may know the path: only then is `resolve` worth awaiting. */
  claims(path: string): boolean {
    return this.resolvers.some((r) => r.claims(path));
  }

  /** The first answer of a resolver that claims the path; null means "the same path on the target". */
  async resolve(originTenantId: string, path: string): Promise<RedirectTarget | null> {
    for (const resolver of this.resolvers) {
      if (!resolver.claims(path)) continue;
      try {
        const target = await resolver.resolve(originTenantId, path);
        if (target) return target;
      } catch (e) {
        // A failing lookup still redirects (to the same path), rather than failing the visitor.
        this.logger.error(`${resolver.name}: ${(e as Error).message}`);
      }
    }
    return null;
  }
}

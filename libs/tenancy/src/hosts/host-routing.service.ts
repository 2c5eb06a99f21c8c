import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, PgNotifications, RequestTenant, readFromPrimary } from '@portal/platform';
import { TenantStatus } from '../tenants/tenant-kind';
import { HostRole } from './tenant-host.entity';
import { normalizeHost, productionHostsFor } from './host-names';

export interface RoutedTenant extends RequestTenant {
  readonly label: string;
  readonly unitCode: string | null;
  readonly successorId: string | null;
}

export type HostResolution =
  | { type: 'serve'; tenant: RoutedTenant; host: string; viaDevSuffix: boolean }
  | {
      type: 'redirect';
      tenant: RoutedTenant;
      targetHost: string;
      viaDevSuffix: boolean;
      /** The portal the host was first created for: whose old links it carries. */
      originTenantId: string;
    }
  | { type: 'suspended'; tenant: RoutedTenant }
  | { type: 'unknown' };

interface Snapshot {
  version: number;
  hosts: Map<string, { tenantId: string; role: HostRole; originTenantId: string }>;
  tenants: Map<string, RoutedTenant>;
  children: Map<string, RoutedTenant[]>;
}

const CHANNEL = 'tenancy_changed';

/**
 * Host → tenant, from memory. The map is rebuilt whenever PostgreSQL announces a change to tenants
 * or hosts (LISTEN/NOTIFY, sent by triggers whoever the writer is), so every api instance sees a
 * new or restructured portal without a restart. Reads never touch the database.
 */
@Injectable()
export class HostRoutingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('HostRouting');
  private snapshot: Snapshot = { version: 0, hosts: new Map(), tenants: new Map(), children: new Map() };
  private reloadTimer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private stopped = false;
  private readonly changeListeners = new Set<(version: number) => void>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: PgNotifications,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.notifications.subscribe(CHANNEL, () => this.scheduleReload());
    await this.reload();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
  }

  /** Bumped on every reload; caches of anything derived from the tree key on it. */
  get version(): number {
    return this.snapshot.version;
  }

  onChange(listener: (version: number) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  resolve(rawHost: string | undefined | null): HostResolution {
    const host = normalizeHost(rawHost);
    if (!host) return { type: 'unknown' };
    const { hosts } = this.snapshot;
    let entry = hosts.get(host);
    let viaDevSuffix = false;
    if (!entry) {
      for (const candidate of productionHostsFor(
        host,
        this.config.devHostSuffix,
        this.config.publicSuffixes,
      )) {
        entry = hosts.get(candidate);
        if (entry) {
          viaDevSuffix = true;
          break;
        }
      }
    }
    if (!entry) return { type: 'unknown' };
    const tenant = this.current(entry.tenantId);
    if (!tenant) return { type: 'unknown' };
    if (entry.role === HostRole.REDIRECT || tenant.id !== entry.tenantId) {
      return {
        type: 'redirect',
        tenant,
        targetHost: tenant.primaryHost,
        viaDevSuffix,
        originTenantId: entry.originTenantId,
      };
    }
    if (tenant.status === TenantStatus.SUSPENDED) return { type: 'suspended', tenant };
    return { type: 'serve', tenant, host, viaDevSuffix };
  }

  tenant(id: string): RoutedTenant | null {
    return this.snapshot.tenants.get(id) ?? null;
  }

  /** Root first, excluding the tenant itself. */
  ancestors(tenant: RoutedTenant): RoutedTenant[] {
    const chain: RoutedTenant[] = [];
    let parentId = tenant.parentId;
    while (parentId) {
      const parent = this.snapshot.tenants.get(parentId);
      if (!parent) break;
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    return chain;
  }

  /** Live tree roots (provinces), by Vietnamese name. */
  roots(): RoutedTenant[] {
    return [...this.snapshot.tenants.values()]
      .filter((t) => !t.parentId && (t.status === TenantStatus.ACTIVE || t.status === TenantStatus.SUSPENDED))
      .sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
  }

  /** Active and suspended children, by Vietnamese name. */
  children(tenantId: string): RoutedTenant[] {
    return this.snapshot.children.get(tenantId) ?? [];
  }

  /** A portal and every portal below it, whatever their status, parents before children (by name). */
  subtree(rootId: string): RoutedTenant[] {
    const root = this.snapshot.tenants.get(rootId);
    if (!root) return [];
    const below = [...this.snapshot.tenants.values()].filter((t) => t.path.startsWith(`${root.path}.`));
    const byParent = new Map<string, RoutedTenant[]>();
    for (const t of below) byParent.set(t.parentId!, [...(byParent.get(t.parentId!) ?? []), t]);
    const out: RoutedTenant[] = [];
    const visit = (t: RoutedTenant) => {
      out.push(t);
      for (const c of (byParent.get(t.id) ?? []).sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi')))
        visit(c);
    };
    visit(root);
    return out;
  }

  /** Every host that names a portal (primary, aliases, old ones that now redirect), by portal. */
  hostsByTenant(): Map<string, Array<{ host: string; role: HostRole }>> {
    const out = new Map<string, Array<{ host: string; role: HostRole }>>();
    for (const [host, h] of this.snapshot.hosts)
      out.set(h.tenantId, [...(out.get(h.tenantId) ?? []), { host, role: h.role }]);
    return out;
  }

  /** The portal that now answers for `id`: itself while live, else its successor (followed). */
  answering(id: string): RoutedTenant | null {
    return this.current(id);
  }

  /** Follows merges and retirements to the tenant that now answers for `id`. */
  private current(id: string): RoutedTenant | null {
    let tenant = this.snapshot.tenants.get(id) ?? null;
    for (let hops = 0; tenant && tenant.successorId && hops < 32; hops++) {
      if (tenant.status !== TenantStatus.MERGED && tenant.status !== TenantStatus.RETIRED) break;
      tenant = this.snapshot.tenants.get(tenant.successorId) ?? null;
    }
    return tenant;
  }

  /** Rebuilds the map now; concurrent calls share one reload and a late one triggers another. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        await this.load();
      } while (this.reloadAgain);
    })().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async load(): Promise<void> {
    // The map is kept until the next change: read from the primary, never a replica behind it.
    const [tenantRows, hostRows] = await readFromPrimary(() =>
      Promise.all([
        this.dataSource.query(
          `SELECT id, parent_id, path::text AS path, kind, status, primary_host, name_vi, name_en, label, unit_code, successor_id
           FROM tenants`,
        ) as Promise<Array<Record<string, string | null>>>,
        this.dataSource.query(
          `SELECT host::text AS host, tenant_id, role, COALESCE(origin_tenant_id, tenant_id) AS origin_tenant_id FROM tenant_hosts`,
        ) as Promise<Array<{ host: string; tenant_id: string; role: HostRole; origin_tenant_id: string }>>,
      ]),
    );
    const tenants = new Map<string, RoutedTenant>();
    for (const r of tenantRows) {
      tenants.set(
        r.id!,
        Object.freeze({
          id: r.id!,
          parentId: r.parent_id,
          path: r.path!,
          kind: r.kind!,
          status: r.status!,
          primaryHost: r.primary_host!,
          nameVi: r.name_vi!,
          nameEn: r.name_en,
          label: r.label!,
          unitCode: r.unit_code,
          successorId: r.successor_id,
        }),
      );
    }
    const children = new Map<string, RoutedTenant[]>();
    for (const t of tenants.values()) {
      if (!t.parentId || (t.status !== TenantStatus.ACTIVE && t.status !== TenantStatus.SUSPENDED)) continue;
      const list = children.get(t.parentId) ?? [];
      list.push(t);
      children.set(t.parentId, list);
    }
    for (const list of children.values()) list.sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
    const hosts = new Map(
      hostRows.map((h) => [
        h.host.toLowerCase(),
        { tenantId: h.tenant_id, role: h.role, originTenantId: h.origin_tenant_id },
      ]),
    );
    const version = this.snapshot.version + 1;
    this.snapshot = { version, hosts, tenants, children };
    for (const listener of this.changeListeners) listener(version);
  }

  private scheduleReload(): void {
    if (this.reloadTimer || this.stopped) return;
    // A burst of changes (a tree being applied) costs one reload, not one per statement.
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      this.reload().catch((e: Error) => this.logger.error(`host map reload failed: ${e.message}`));
    }, 20);
  }
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum HostRole {
  /** The tenant's own address. Exactly one per tenant. */
  PRIMARY = 'PRIMARY',
  /** Another address that serves the same portal. */
  ALIAS = 'ALIAS',
  /** A former address (after a merge, move or retirement): answers 301 to the tenant's primary host. */
  REDIRECT = 'REDIRECT',
}

/** Every host the platform answers on. A host belongs to exactly one tenant, ever. */
@Entity('tenant_hosts')
export class TenantHostEntity {
  @PrimaryColumn({ type: 'citext' }) host!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) role!: HostRole;
  /** The portal the host was first created for (set by a trigger on insert; kept when a merge or retirement hands it on). */
  @Column({ name: 'origin_tenant_id', type: 'uuid' }) originTenantId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

import type { AnyMongoAbility } from '@casl/ability';
import type { EntityManager } from 'typeorm';

/** The portal a request was addressed to, as resolved from its Host. */
export interface RequestTenant {
  readonly id: string;
  readonly parentId: string | null;
  /** ltree path of tenant ids (hex, no dashes), root first. */
  readonly path: string;
  readonly kind: string;
  readonly status: string;
  readonly primaryHost: string;
  readonly nameVi: string;
  readonly nameEn: string | null;
}

export type Actor =
  | {
      readonly type: 'account';
      readonly accountId: string;
      readonly username: string;
      readonly sessionId: string;
      readonly isPlatformAdmin: boolean;
    }
  | { readonly type: 'system'; readonly label: string }
  | { readonly type: 'anonymous' };

export type Locale = 'vi' | 'en';

export interface RequestContextInit {
  requestId: string;
  tenant: RequestTenant | null;
  actor: Actor;
  ability: AnyMongoAbility;
  locale: Locale;
  ip?: string | null;
  manager?: EntityManager | null;
}

/**
 * One immutable context per request (or job, or CLI command), passed first to every service call.
 * It carries who acts, on which portal, with which ability, and the transaction in progress.
 */
export class RequestContext {
  readonly requestId: string;
  readonly tenant: RequestTenant | null;
  readonly actor: Actor;
  readonly ability: AnyMongoAbility;
  readonly locale: Locale;
  readonly ip: string | null;
  readonly manager: EntityManager | null;

  constructor(init: RequestContextInit) {
    this.requestId = init.requestId;
    this.tenant = init.tenant;
    this.actor = init.actor;
    this.ability = init.ability;
    this.locale = init.locale;
    this.ip = init.ip ?? null;
    this.manager = init.manager ?? null;
    Object.freeze(this);
  }

  get accountId(): string | null {
    return this.actor.type === 'account' ? this.actor.accountId : null;
  }

  get isPlatformAdmin(): boolean {
    return this.actor.type === 'account' ? this.actor.isPlatformAdmin : this.actor.type === 'system';
  }

  /** The portal the request addresses; throws for tenant-less contexts (CLI without --tenant). */
  requireTenant(): RequestTenant {
    if (!this.tenant) throw new Error('This operation needs a portal (tenant) in its request context');
    return this.tenant;
  }

  withManager(manager: EntityManager): RequestContext {
    return new RequestContext({ ...this, manager });
  }

  withTenant(tenant: RequestTenant | null): RequestContext {
    return new RequestContext({ ...this, tenant });
  }

  withAbility(ability: AnyMongoAbility): RequestContext {
    return new RequestContext({ ...this, ability });
  }
}

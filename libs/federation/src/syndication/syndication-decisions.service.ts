import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { plainText } from '@portal/content';
import { NotFoundError, RequestContext, Result, TransactionRunner, can, isUuid } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { FederationErrors } from '../errors/federation-errors';
import { SyndicationEntity } from './syndication.entity';
import {
  SyndicationAction,
  SyndicationDirection,
  SyndicationState,
  syndicationTransition,
} from './syndication-state';
import { AcceptOptions } from './syndication-inputs';
import { SyndicationPlacement, guarded } from './syndication-placement';
import { SyndicationRepository } from './syndication.repository';

type Apply = (
  tx: RequestContext,
  row: SyndicationEntity,
  target: RoutedTenant,
) => Promise<Record<string, unknown>>;

/**
 * The decisions on a syndication after it was proposed or pushed: the receiving board accepts,
 * refuses or drops it; the sending side retracts it. Each is one step of the state machine
 * (syndication-state.ts), taken on the locked row and audited.
 */
@Injectable()
export class SyndicationDecisionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly rows: SyndicationRepository,
    private readonly placement: SyndicationPlacement,
  ) {}

  /** The receiving board accepts a proposal, optionally into its own category and under its own title. */
  accept(ctx: RequestContext, id: string, options: AcceptOptions = {}): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.ACCEPT, async (tx, row, target) => {
      const item = await this.rows.itemOrFail(tx, row.itemId);
      await this.placement.place(tx, row, item, target, options, new Date());
      row.decidedBy = tx.accountId;
      row.decidedAt = row.placedAt;
      await this.rows.update(tx, row.id, { decidedBy: row.decidedBy, decidedAt: row.decidedAt });
      return { categoryId: row.categoryId, slug: row.slug, titleOverride: row.titleOverride };
    });
  }

  /** The receiving board refuses a proposal; the reason goes back to the proposing portal. */
  refuse(ctx: RequestContext, id: string, reason: string): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.REFUSE, async (tx, row) => {
      const clean = plainText(reason ?? '').trim();
      if (!clean) throw FederationErrors.reasonRequired();
      Object.assign(row, { state: SyndicationState.REFUSED, reason: clean, decidedBy: tx.accountId });
      row.decidedAt = new Date();
      await this.rows.update(tx, row.id, {
        state: row.state,
        reason: clean,
        decidedBy: row.decidedBy,
        decidedAt: row.decidedAt,
        updatedAt: row.decidedAt,
      });
      return { reason: clean };
    });
  }

  /** The receiving board takes an accepted copy off its portal; the source is untouched. */
  drop(ctx: RequestContext, id: string, reason?: string | null): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.DROP, async (tx, row) => {
      const clean = reason ? plainText(reason).trim() || null : null;
      Object.assign(row, { state: SyndicationState.DROPPED, reason: clean, updatedAt: new Date() });
      await this.rows.update(tx, row.id, { state: row.state, reason: clean, updatedAt: row.updatedAt });
      return { reason: clean };
    });
  }

  /** The sending side takes back a proposal or a push. */
  retract(ctx: RequestContext, id: string): Promise<Result<SyndicationEntity>> {
    return this.step(ctx, id, SyndicationAction.RETRACT, async (tx, row) => {
      Object.assign(row, { state: SyndicationState.RETRACTED, updatedAt: new Date() });
      await this.rows.update(tx, row.id, { state: row.state, updatedAt: row.updatedAt });
      return {};
    });
  }

  /** One decision on one syndication: locked, checked against the state machine and the side's rights. */
  private step(
    ctx: RequestContext,
    id: string,
    action: SyndicationAction,
    apply: Apply,
  ): Promise<Result<SyndicationEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = isUuid(id) ? await this.rows.lock(tx, id) : null;
        const target = row ? this.routing.tenant(row.targetTenantId) : null;
        const source = row ? this.routing.tenant(row.sourceTenantId) : null;
        if (!row || !target || !source) throw new NotFoundError('Syndication');
        const t = syndicationTransition(action, row.state, row.direction);
        const allowed =
          t?.side === 'receiver'
            ? can(tx, 'decide', 'Syndication', { tenantId: target.id, tenantPath: target.path })
            : can(tx, row.direction === SyndicationDirection.UP ? 'propose' : 'push', 'Content', {
                tenantId: source.id,
                tenantPath: source.path,
              });
        // Whether the step exists at all is only told to those who may act on this syndication.
        if (!t) {
          if (!this.mayActOn(tx, source, target)) throw new NotFoundError('Syndication');
          throw FederationErrors.invalidStep(action, row.state);
        }
        if (!allowed)
          throw this.mayActOn(tx, source, target)
            ? FederationErrors.notAllowed()
            : new NotFoundError('Syndication');
        const before = { state: row.state };
        const after = await apply(tx, row, target);
        await this.audit.record(tx, {
          tenantId: target.id,
          action: `syndication.${action.toLowerCase()}`,
          subjectType: 'Syndication',
          subjectId: row.id,
          before,
          after: { state: row.state, ...after },
        });
        return row;
      }),
    );
  }

  private mayActOn(ctx: RequestContext, source: RoutedTenant, target: RoutedTenant): boolean {
    return (
      can(ctx, 'read', 'Syndication', { tenantId: target.id, tenantPath: target.path }) ||
      can(ctx, 'propose', 'Content', { tenantId: source.id, tenantPath: source.path }) ||
      can(ctx, 'push', 'Content', { tenantId: source.id, tenantPath: source.path })
    );
  }
}

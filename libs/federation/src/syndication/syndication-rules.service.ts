import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { ContentItemEntity } from '@portal/content';
import { NotFoundError, RequestContext, Result, TransactionRunner, can, isUuid } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { FederationErrors } from '../errors/federation-errors';
import { isWithin } from '../subtree/portal-tree';
import { SyndicationRuleEntity } from './syndication.entity';
import { RuleInput } from './syndication-inputs';
import { SyndicationPlacement, guarded } from './syndication-placement';
import { SyndicationRepository } from './syndication.repository';

/** A receiving portal's auto-accept rules: proposals matching one are accepted without waiting. */
@Injectable()
export class SyndicationRulesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly rows: SyndicationRepository,
    private readonly placement: SyndicationPlacement,
  ) {}

  createRule(ctx: RequestContext, input: RuleInput): Promise<Result<SyndicationRuleEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const tenant = isUuid(input.tenantId) ? this.placement.portal(input.tenantId) : null;
        if (!tenant) throw new NotFoundError('Portal', 'tenantId');
        if (!can(tx, 'configure', 'Syndication', { tenantId: tenant.id, tenantPath: tenant.path }))
          throw FederationErrors.notAllowed();
        if (input.sourceRootId) {
          const root = isUuid(input.sourceRootId) ? this.placement.portal(input.sourceRootId) : null;
          if (!root || !root.path.startsWith(`${tenant.path}.`)) throw FederationErrors.sourceRootNotBelow();
        }
        if (input.categoryId)
          await this.placement.assertCategoryOf(tx, tenant.id, input.categoryId, 'categoryId');
        const rule = Object.assign(new SyndicationRuleEntity(), {
          id: randomUUID(),
          tenantId: tenant.id,
          kinds: input.kinds?.length ? [...new Set(input.kinds)] : null,
          sourcePortalKinds: input.sourcePortalKinds?.length ? [...new Set(input.sourcePortalKinds)] : null,
          sourceRootId: input.sourceRootId ?? null,
          categoryId: input.categoryId ?? null,
          createdBy: tx.accountId,
          createdAt: new Date(),
          disabledAt: null,
          disabledBy: null,
        });
        await this.rows.insertRule(tx, rule);
        await this.audit.record(tx, {
          tenantId: tenant.id,
          action: 'syndication.rule_created',
          subjectType: 'SyndicationRule',
          subjectId: rule.id,
          after: { ...rule },
        });
        return rule;
      }),
    );
  }

  disableRule(ctx: RequestContext, id: string): Promise<Result<SyndicationRuleEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const rule = isUuid(id) ? await this.rows.rule(tx, id) : null;
        const tenant = rule ? this.placement.portal(rule.tenantId) : null;
        if (
          !rule ||
          !tenant ||
          !can(tx, 'configure', 'Syndication', { tenantId: tenant.id, tenantPath: tenant.path })
        )
          throw new NotFoundError('Rule');
        if (!rule.disabledAt) {
          Object.assign(rule, { disabledAt: new Date(), disabledBy: tx.accountId });
          await this.rows.updateRule(tx, id, { disabledAt: rule.disabledAt, disabledBy: rule.disabledBy });
          await this.audit.record(tx, {
            tenantId: tenant.id,
            action: 'syndication.rule_disabled',
            subjectType: 'SyndicationRule',
            subjectId: rule.id,
          });
        }
        return rule;
      }),
    );
  }

  /** A portal's auto-accept rules, newest first, for those who may read what it receives. */
  rules(ctx: RequestContext, tenantId: string): Promise<SyndicationRuleEntity[]> {
    return this.rows.rules(ctx, tenantId);
  }

  /** The first enabled rule of the target that the proposal matches (oldest first), if any. */
  async matchingRule(
    tx: RequestContext,
    target: RoutedTenant,
    source: RoutedTenant,
    item: ContentItemEntity,
  ): Promise<SyndicationRuleEntity | null> {
    const rules = await this.rows.enabledRules(tx, target.id);
    return (
      rules.find((r) => {
        if (r.kinds && !r.kinds.includes(item.kind)) return false;
        if (r.sourcePortalKinds && !r.sourcePortalKinds.includes(source.kind)) return false;
        if (r.sourceRootId) {
          const root = this.routing.tenant(r.sourceRootId);
          if (!root || !isWithin(source, root)) return false;
        }
        return true;
      }) ?? null
    );
  }
}

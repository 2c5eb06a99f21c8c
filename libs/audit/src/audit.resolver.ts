import { Args, Query, Resolver } from '@nestjs/graphql';
import { CheckAbility, Ctx, RequestContext } from '@portal/platform';
import { AuditService } from './audit.service';
import { AuditConnectionType, AuditEntryType, AuditLogFilterInput } from './audit.types';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditConnectionType, {
    description: 'Audit log of this portal and what it administers, newest first.',
  })
  @CheckAbility('read', 'AuditEntry')
  async auditLog(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AuditLogFilterInput, nullable: true }) filter?: AuditLogFilterInput,
  ): Promise<AuditConnectionType> {
    const page = await this.audit.list(ctx, filter ?? {});
    return {
      nodes: page.entries.map(AuditEntryType.from),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { AbilityFactory, Role, memberApprovalRules } from '@portal/access';
import { DeadlineService } from '@portal/calendar';

/**
 * Who approves, as the portal's regulation says (its profile's `workflow`): by default the head (or
 * a deputy under delegation); where the profile lets board members approve in their assigned fields
 * (1376 art. 11.2, 12.1), a member's role on that portal also carries the approval of its fields.
 * The rules themselves are the access lib's (`memberApprovalRules`), as the permission matrix shows.
 */
@Injectable()
export class FieldApprovalRuleSource implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly deadlines: DeadlineService,
  ) {}

  onModuleInit(): void {
    this.abilities.addRuleSource(async (accountId) => {
      const members = (await this.abilities.liveAssignments(accountId)).filter(
        (a) => a.role === Role.BOARD_MEMBER && a.fields.length > 0,
      );
      const rules = [];
      for (const a of members) {
        const { workflow } = await this.deadlines.effectivePolicy(a.tenantId);
        if (workflow.boardMembersApproveInFields?.choice.enabled) rules.push(...memberApprovalRules(a));
      }
      return rules;
    });
  }
}

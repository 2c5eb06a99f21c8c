import { Injectable, OnModuleInit } from '@nestjs/common';
import { AbilityFactory, Role, boardStructureRules, memberApprovalRules } from '@portal/access';
import { DeadlineService } from '@portal/calendar';

/**
 * Who approves, as the portal's regulation says (its profile's `workflow`): by default the head (or
 * a deputy under delegation); where the profile lets board members approve in their assigned fields
 * (1376 art. 11.2, 12.1), a member's role on that portal also carries the approval of its fields.
 * Likewise who edits the site structure: the operator everywhere (05/2024/QĐ-UBND art. 8.3); where the
 * profile gives the board the running of the site (`boardEditsSiteStructure`, 517/QĐ-SNV art. 3.2.c,
 * 6.1.a), the board's head too, on the portal the role is held on. One read of the assignments for both.
 * The rules themselves are the access lib's (`memberApprovalRules`, `boardStructureRules`), as the
 * permission matrix shows.
 */
@Injectable()
export class FieldApprovalRuleSource implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly deadlines: DeadlineService,
  ) {}

  onModuleInit(): void {
    this.abilities.addRuleSource(async (accountId) => {
      const concerned = (await this.abilities.liveAssignments(accountId)).filter(
        (a) => (a.role === Role.BOARD_MEMBER && a.fields.length > 0) || a.role === Role.BOARD_HEAD,
      );
      const rules = [];
      for (const a of concerned) {
        const { workflow } = await this.deadlines.effectivePolicy(a.tenantId);
        if (a.role === Role.BOARD_MEMBER && workflow.boardMembersApproveInFields?.choice.enabled)
          rules.push(...memberApprovalRules(a));
        if (a.role === Role.BOARD_HEAD && workflow.boardEditsSiteStructure?.choice.enabled)
          rules.push(...boardStructureRules(a));
      }
      return rules;
    });
  }
}

import { AppRule } from '@portal/platform';
import { Role, RoleScope } from '../roles/role';

/** A live assignment as the rule builder needs it. */
export interface LiveAssignment {
  tenantId: string;
  tenantPath: string;
  role: Role;
  scope: RoleScope;
  fields: string[];
}

/** Roles an operator may hand out on the portals it administers. */
const OPERATOR_GRANTABLE = [
  Role.OPERATOR,
  Role.BOARD_HEAD,
  Role.BOARD_DEPUTY,
  Role.BOARD_MEMBER,
  Role.CONTRIBUTOR,
  Role.UNIT_LEADER,
];
/** Owner and manager are set up from above (the provincial office), never by a portal's own operator. */
const FROM_ABOVE_ONLY = [Role.OWNER, Role.MANAGER];

/**
 * The specification of who may do what (docs/domain.md) as CASL rules. Conditions are on the owning
 * tenant (`tenantId` for TENANT scope, `tenantPath` under the assignment's path for SUBTREE scope),
 * so the same rules check one row and, translated to SQL, filter lists. Deny by default: a role
 * not listed here grants nothing administrative.
 */
export function rulesForAssignment(a: LiveAssignment, accountId = ''): AppRule[] {
  const on =
    a.scope === RoleScope.SUBTREE ? { tenantPath: { $under: a.tenantPath } } : { tenantId: a.tenantId };
  const below = { tenantPath: { $under: a.tenantPath }, tenantId: { $ne: a.tenantId } };
  const rules: AppRule[] = [{ action: 'read', subject: 'Tenant', conditions: on }];
  switch (a.role) {
    case Role.OWNER:
    case Role.MANAGER:
      // They see everything of their portal (and the account list, which is confidential: 05/2024/QĐ-UBND art. 8).
      rules.push(
        { action: 'read', subject: 'Account', conditions: on },
        { action: 'read', subject: 'RoleAssignment', conditions: on },
        { action: 'read', subject: 'AuditEntry', conditions: on },
      );
      break;
    case Role.OPERATOR:
      rules.push(
        { action: ['create', 'read', 'update', 'suspend'], subject: 'Account', conditions: on },
        { action: 'read', subject: 'RoleAssignment', conditions: on },
        { action: 'read', subject: 'AuditEntry', conditions: on },
        // Site structure, the portal's own calendar days and its deadline policy (the root's apply below it).
        {
          action: 'update',
          subject: ['Tenant', 'SiteStructure', 'Calendar', 'DeadlinePolicy'],
          conditions: on,
        },
      );
      if (a.scope === RoleScope.SUBTREE) {
        // The provincial office: provisions and restructures component portals, and sets up every role below.
        rules.push(
          { action: ['provision', 'restructure'], subject: 'Tenant', conditions: on },
          {
            action: ['grant', 'revoke'],
            subject: 'RoleAssignment',
            conditions: { ...on, role: { $in: OPERATOR_GRANTABLE } },
          },
          {
            action: ['grant', 'revoke'],
            subject: 'RoleAssignment',
            conditions: { ...below, role: { $in: FROM_ABOVE_ONLY } },
          },
        );
      } else {
        // A portal's own operator grants its portal's roles, never subtree-wide ones.
        rules.push({
          action: ['grant', 'revoke'],
          subject: 'RoleAssignment',
          conditions: { ...on, scope: RoleScope.TENANT, role: { $in: OPERATOR_GRANTABLE } },
        });
      }
      break;
    default:
      // Board and contributors: no administrative rights in the foundation.
      break;
  }
  return [
    ...rules,
    ...contentRules(a, on, accountId),
    ...federationRules(a, on),
    ...engagementRules(a, on),
    ...reportingRules(a, on),
    ...royaltyRules(a, on),
  ];
}

/**
 * Reports (docs/domain.md; 05/2024/QĐ-UBND art. 24, 28): the owner and managing agencies report on the portal,
 * its operator and the board's head and deputy follow it. Held over the subtree, the same role
 * reads the reports of every portal below (the provincial office compiling the city's report).
 */
function reportingRules(a: LiveAssignment, on: Record<string, unknown>): AppRule[] {
  switch (a.role) {
    case Role.OWNER:
    case Role.MANAGER:
    case Role.OPERATOR:
    case Role.BOARD_HEAD:
    case Role.BOARD_DEPUTY:
      return [{ action: 'read', subject: 'Report', conditions: on }];
    default:
      return [];
  }
}

/**
 * Royalties and remuneration (docs/domain.md; 05/2024/QĐ-UBND art. 7.4, 8.12, 23). The board head grades
 * approved items (the deputy too, but the grading service also requires the right to approve the
 * item, so only under the head's delegation) and checks the monthly statement; the owner's
 * representative approves it; the operator unit, which pays, drafts and locks it. Collaborators'
 * identity and payment details are confidential like the account list (05/2024/QĐ-UBND art. 8): owner,
 * managing agency and operator only. Contributors see none of it.
 */
function royaltyRules(a: LiveAssignment, on: Record<string, unknown>): AppRule[] {
  switch (a.role) {
    case Role.BOARD_HEAD:
      return [
        { action: ['read', 'grade'], subject: 'Royalty', conditions: on },
        { action: ['read', 'create', 'review'], subject: 'RoyaltyStatement', conditions: on },
        { action: ['read', 'create'], subject: 'Collaborator', conditions: on },
      ];
    case Role.BOARD_DEPUTY:
      return [
        { action: ['read', 'grade'], subject: 'Royalty', conditions: on },
        { action: 'read', subject: 'RoyaltyStatement', conditions: on },
        { action: ['read', 'create'], subject: 'Collaborator', conditions: on },
      ];
    case Role.BOARD_MEMBER:
      return [
        { action: 'read', subject: 'Royalty', conditions: on },
        { action: 'read', subject: 'Collaborator', conditions: on },
      ];
    case Role.OPERATOR:
      return [
        { action: 'read', subject: 'Royalty', conditions: on },
        { action: ['read', 'create', 'lock'], subject: 'RoyaltyStatement', conditions: on },
        { action: 'read', subject: 'RoyaltyPayment', conditions: on },
        { action: ['read', 'create'], subject: 'Collaborator', conditions: on },
        { action: 'update', subject: 'RoyaltyProfile', conditions: on },
      ];
    case Role.OWNER:
      return [
        { action: 'read', subject: 'Royalty', conditions: on },
        { action: ['read', 'approve'], subject: 'RoyaltyStatement', conditions: on },
        { action: 'read', subject: ['RoyaltyPayment', 'Collaborator'], conditions: on },
      ];
    case Role.MANAGER:
      return [
        {
          action: 'read',
          subject: ['Royalty', 'RoyaltyStatement', 'RoyaltyPayment', 'Collaborator'],
          conditions: on,
        },
      ];
    default:
      return [];
  }
}

/**
 * What citizens write in (docs/domain.md; 05/2024/QĐ-UBND art. 12.1.đ). Questions and feedback: the board reads,
 * classifies, routes, forwards and publishes; a unit's contributors draft answers for the questions
 * routed to their portal; only the board head approves an answer (as with content). Comments on
 * drafts are moderated by the board. Owners, managers and operators read questions and the ratings.
 * Information sent in by organisations and people (05/2024/QĐ-UBND art. 14.2) waits in the board's
 * intake queue: the board and the writers read it and take it up (update: a draft is written from
 * it); only the board declines it (moderate). Online dialogues (05/2024/QĐ-UBND art. 8.5) are the
 * board's: it schedules and runs the sessions, selects or rejects the questions (moderate) and
 * records the guests' answers on their behalf (answer); operators, owners and managers read them.
 */
function engagementRules(a: LiveAssignment, on: Record<string, unknown>): AppRule[] {
  switch (a.role) {
    case Role.BOARD_HEAD:
      return [
        { action: ['read', 'route', 'answer', 'approve', 'publish'], subject: 'Question', conditions: on },
        { action: ['read', 'moderate'], subject: 'Comment', conditions: on },
        { action: 'read', subject: 'Rating', conditions: on },
        { action: ['create', 'read', 'update'], subject: 'Poll', conditions: on },
        { action: ['read', 'update', 'moderate'], subject: 'SentInformation', conditions: on },
        { action: ['create', 'read', 'update', 'moderate', 'answer'], subject: 'Dialogue', conditions: on },
      ];
    case Role.BOARD_DEPUTY:
    case Role.BOARD_MEMBER:
      return [
        { action: ['read', 'route', 'answer', 'publish'], subject: 'Question', conditions: on },
        { action: ['read', 'moderate'], subject: 'Comment', conditions: on },
        { action: ['create', 'read', 'update'], subject: 'Poll', conditions: on },
        { action: ['read', 'update', 'moderate'], subject: 'SentInformation', conditions: on },
        { action: ['create', 'read', 'update', 'moderate', 'answer'], subject: 'Dialogue', conditions: on },
      ];
    case Role.CONTRIBUTOR:
      return [
        { action: ['read', 'answer'], subject: 'Question', conditions: on },
        { action: ['read', 'update'], subject: 'SentInformation', conditions: on },
      ];
    case Role.UNIT_LEADER:
      return [{ action: ['read', 'update'], subject: 'SentInformation', conditions: on }];
    case Role.OPERATOR:
      // Polls are part of the site the operator runs (05/2024/QĐ-UBND art. 8.3).
      return [
        {
          action: 'read',
          subject: ['Question', 'Comment', 'Rating', 'SentInformation', 'Dialogue'],
          conditions: on,
        },
        { action: ['create', 'read', 'update'], subject: 'Poll', conditions: on },
      ];
    case Role.OWNER:
    case Role.MANAGER:
      return [
        {
          action: 'read',
          subject: ['Question', 'Comment', 'Rating', 'Poll', 'SentInformation', 'Dialogue'],
          conditions: on,
        },
      ];
    default:
      return [];
  }
}

/**
 * Sharing across portals (docs/domain.md; 38a/QĐ-STTTT art. 9.2). The board of the item's portal proposes it
 * upward; the receiving portal's board decides (a proposal is a publication there), and only its
 * head sets standing auto-accept rules; a board's head and deputy push items down to descendants.
 * Any role held with SUBTREE scope reads the aggregated feed of its subtree; no other role does.
 */
function federationRules(a: LiveAssignment, on: Record<string, unknown>): AppRule[] {
  const rules: AppRule[] = [];
  if (a.scope === RoleScope.SUBTREE) rules.push({ action: 'aggregate', subject: 'Content', conditions: on });
  switch (a.role) {
    case Role.BOARD_HEAD:
      rules.push(
        { action: ['propose', 'push'], subject: 'Content', conditions: on },
        { action: ['decide', 'configure', 'read'], subject: 'Syndication', conditions: on },
      );
      break;
    case Role.BOARD_DEPUTY:
      rules.push(
        { action: ['propose', 'push'], subject: 'Content', conditions: on },
        { action: ['decide', 'read'], subject: 'Syndication', conditions: on },
      );
      break;
    case Role.BOARD_MEMBER:
      rules.push(
        { action: 'propose', subject: 'Content', conditions: on },
        { action: ['decide', 'read'], subject: 'Syndication', conditions: on },
      );
      break;
    case Role.OWNER:
    case Role.MANAGER:
    case Role.OPERATOR:
      rules.push({ action: 'read', subject: 'Syndication', conditions: on });
      break;
    default:
      break;
  }
  return rules;
}

/**
 * The editorial board (docs/domain.md; 38a/QĐ-STTTT art. 6.3, 9.2): contributors write and submit their own
 * items; board members review the items of their fields (all fields when none are assigned) and
 * publish what is approved; only the head approves (the deputy only under a delegation, added by the
 * ability factory); the operator publishes but never approves; owners and managers read.
 */
function contentRules(a: LiveAssignment, on: Record<string, unknown>, accountId: string): AppRule[] {
  const mine = { ...on, createdBy: accountId };
  const inFields = a.fields.length ? { ...on, field: { $in: a.fields } } : on;
  const writer: AppRule[] = [
    { action: 'create', subject: 'Content', conditions: on },
    { action: ['read', 'update', 'submit'], subject: 'Content', conditions: mine },
  ];
  switch (a.role) {
    case Role.CONTRIBUTOR:
      return writer;
    case Role.UNIT_LEADER:
      // Reads and vets the unit's submissions (its fields, or all when none); the board decides.
      return [...writer, { action: ['read', 'vet'], subject: 'Content', conditions: inFields }];
    case Role.BOARD_MEMBER:
    case Role.BOARD_DEPUTY:
      return [
        ...writer,
        { action: 'read', subject: 'Content', conditions: on },
        { action: 'review', subject: 'Content', conditions: inFields },
        { action: 'publish', subject: 'Content', conditions: on },
      ];
    case Role.BOARD_HEAD:
      return [
        ...writer,
        { action: ['read', 'review', 'approve', 'publish', 'delegate'], subject: 'Content', conditions: on },
      ];
    case Role.OPERATOR:
      return [{ action: ['read', 'publish'], subject: 'Content', conditions: on }];
    case Role.OWNER:
    case Role.MANAGER:
      return [{ action: 'read', subject: 'Content', conditions: on }];
    default:
      return [];
  }
}

/**
 * All rules of an account: its assignments' rules, rules other libs contribute (a deputy's delegated
 * approval), then the four-eyes prohibition, last so that it wins.
 */
export function rulesForAssignments(
  assignments: LiveAssignment[],
  isPlatformAdmin: boolean,
  accountId = '',
  contributed: AppRule[] = [],
): AppRule[] {
  // Four-eyes: nobody approves an item they wrote. Inverted rules come last so that they win.
  const fourEyes: AppRule = {
    action: 'approve',
    subject: 'Content',
    conditions: { createdBy: accountId },
    inverted: true,
  };
  // The platform administrator runs the platform; approving content belongs to the boards.
  if (isPlatformAdmin)
    return [
      { action: 'manage', subject: 'all' },
      { action: 'approve', subject: 'Content', inverted: true },
      // Grades and statements are the boards' and owners' to decide, not the platform's.
      { action: ['grade', 'approve'], subject: ['Royalty', 'RoyaltyStatement'], inverted: true },
    ];
  return [...assignments.flatMap((a) => rulesForAssignment(a, accountId)), ...contributed, fourEyes];
}

import { AppAction, AppSubjectType, asSubject, createAppAbility } from '@portal/platform';
import { Role, RoleScope, ROLES } from '../roles/role';
import { rulesForAssignments } from './role-rules';
import { boardStructureRules, memberApprovalRules } from './workflow-policy-rules';

/** Where the target sits relative to the tenant the role is held on. */
export const POSITIONS = ['own', 'descendant', 'sibling', 'ancestor'] as const;
export type Position = (typeof POSITIONS)[number];

// A fixed little tree: ancestor `a` → held-on tenant `a.t` → descendant `a.t.d`; sibling `a.s`.
const TREE: Record<Position, { tenantId: string; tenantPath: string }> = {
  own: { tenantId: 't', tenantPath: 'a.t' },
  descendant: { tenantId: 'd', tenantPath: 'a.t.d' },
  sibling: { tenantId: 's', tenantPath: 'a.s' },
  ancestor: { tenantId: 'a', tenantPath: 'a' },
};

interface MatrixAction {
  label: string;
  action: AppAction;
  subject: Exclude<AppSubjectType, 'all'>;
  extra?: Record<string, unknown>;
}

/** The actions of the foundation the matrix covers. */
export const MATRIX_ACTIONS: MatrixAction[] = [
  { label: 'read Tenant', action: 'read', subject: 'Tenant' },
  { label: 'update Tenant', action: 'update', subject: 'Tenant' },
  { label: 'provision Tenant (child under it)', action: 'provision', subject: 'Tenant' },
  { label: 'restructure Tenant', action: 'restructure', subject: 'Tenant' },
  { label: 'update SiteStructure', action: 'update', subject: 'SiteStructure' },
  { label: 'update Calendar (days off, working days)', action: 'update', subject: 'Calendar' },
  { label: 'update DeadlinePolicy', action: 'update', subject: 'DeadlinePolicy' },
  { label: 'create Account', action: 'create', subject: 'Account' },
  { label: 'read Account (account list)', action: 'read', subject: 'Account' },
  { label: 'update Account', action: 'update', subject: 'Account' },
  { label: 'suspend Account', action: 'suspend', subject: 'Account' },
  { label: 'read RoleAssignment', action: 'read', subject: 'RoleAssignment' },
  {
    label: 'grant OPERATOR (TENANT)',
    action: 'grant',
    subject: 'RoleAssignment',
    extra: { role: Role.OPERATOR, scope: RoleScope.TENANT },
  },
  {
    label: 'grant OPERATOR (SUBTREE)',
    action: 'grant',
    subject: 'RoleAssignment',
    extra: { role: Role.OPERATOR, scope: RoleScope.SUBTREE },
  },
  {
    label: 'grant BOARD_HEAD (TENANT)',
    action: 'grant',
    subject: 'RoleAssignment',
    extra: { role: Role.BOARD_HEAD, scope: RoleScope.TENANT },
  },
  {
    label: 'grant BOARD_MEMBER (SUBTREE)',
    action: 'grant',
    subject: 'RoleAssignment',
    extra: { role: Role.BOARD_MEMBER, scope: RoleScope.SUBTREE },
  },
  {
    label: 'grant OWNER (TENANT)',
    action: 'grant',
    subject: 'RoleAssignment',
    extra: { role: Role.OWNER, scope: RoleScope.TENANT },
  },
  {
    label: 'revoke CONTRIBUTOR (TENANT)',
    action: 'revoke',
    subject: 'RoleAssignment',
    extra: { role: Role.CONTRIBUTOR, scope: RoleScope.TENANT },
  },
  { label: 'read AuditEntry', action: 'read', subject: 'AuditEntry' },
  { label: 'create Content', action: 'create', subject: 'Content', extra: { createdBy: 'me' } },
  {
    label: "read Content (another's item)",
    action: 'read',
    subject: 'Content',
    extra: { createdBy: 'other' },
  },
  { label: 'submit Content (own item)', action: 'submit', subject: 'Content', extra: { createdBy: 'me' } },
  {
    label: "vet Content (another's item, unit pre-vetting)",
    action: 'vet',
    subject: 'Content',
    extra: { createdBy: 'other' },
  },
  {
    label: "review Content (another's item)",
    action: 'review',
    subject: 'Content',
    extra: { createdBy: 'other' },
  },
  {
    label: "approve Content (another's item)",
    action: 'approve',
    subject: 'Content',
    extra: { createdBy: 'other' },
  },
  { label: 'approve Content (own item)', action: 'approve', subject: 'Content', extra: { createdBy: 'me' } },
  {
    label: "approve Content (another's item, field F)",
    action: 'approve',
    subject: 'Content',
    extra: { createdBy: 'other', field: 'F' },
  },
  {
    label: "approve Content (another's item, field G)",
    action: 'approve',
    subject: 'Content',
    extra: { createdBy: 'other', field: 'G' },
  },
  { label: 'publish Content', action: 'publish', subject: 'Content', extra: { createdBy: 'other' } },
  { label: 'delegate approval', action: 'delegate', subject: 'Content' },
  { label: "propose Content to an ancestor (the item's portal)", action: 'propose', subject: 'Content' },
  { label: "push Content down (the item's portal)", action: 'push', subject: 'Content' },
  { label: 'decide Syndication (the receiving portal)', action: 'decide', subject: 'Syndication' },
  { label: 'configure Syndication auto-accept rules', action: 'configure', subject: 'Syndication' },
  { label: 'read Syndication (received)', action: 'read', subject: 'Syndication' },
  { label: 'aggregate Content (subtree feed)', action: 'aggregate', subject: 'Content' },
  { label: 'read Question (with the asker)', action: 'read', subject: 'Question' },
  { label: 'route Question (classify, route, forward)', action: 'route', subject: 'Question' },
  { label: 'answer Question (draft)', action: 'answer', subject: 'Question' },
  { label: 'approve Question answer', action: 'approve', subject: 'Question' },
  { label: 'publish Question', action: 'publish', subject: 'Question' },
  { label: 'moderate Comment (consultation)', action: 'moderate', subject: 'Comment' },
  { label: 'read Rating (aggregates)', action: 'read', subject: 'Rating' },
  { label: 'create Poll', action: 'create', subject: 'Poll' },
  { label: 'close or withdraw Poll', action: 'update', subject: 'Poll' },
  { label: 'read SentInformation (intake queue)', action: 'read', subject: 'SentInformation' },
  { label: 'take up SentInformation (write a draft)', action: 'update', subject: 'SentInformation' },
  { label: 'decline SentInformation', action: 'moderate', subject: 'SentInformation' },
  { label: 'read Dialogue (with the askers’ contacts)', action: 'read', subject: 'Dialogue' },
  { label: 'schedule Dialogue', action: 'create', subject: 'Dialogue' },
  { label: 'edit, open, start, end or cancel Dialogue', action: 'update', subject: 'Dialogue' },
  { label: 'select or reject Dialogue questions', action: 'moderate', subject: 'Dialogue' },
  { label: 'record and publish a guest’s Dialogue answer', action: 'answer', subject: 'Dialogue' },
  { label: 'read Report (figures, rule checks, files)', action: 'read', subject: 'Report' },
  { label: 'grade Royalty (approved item)', action: 'grade', subject: 'Royalty' },
  { label: 'read Royalty (grades)', action: 'read', subject: 'Royalty' },
  { label: 'draft RoyaltyStatement', action: 'create', subject: 'RoyaltyStatement' },
  { label: 'check RoyaltyStatement', action: 'review', subject: 'RoyaltyStatement' },
  { label: 'approve RoyaltyStatement', action: 'approve', subject: 'RoyaltyStatement' },
  { label: 'lock RoyaltyStatement', action: 'lock', subject: 'RoyaltyStatement' },
  { label: 'read RoyaltyStatement', action: 'read', subject: 'RoyaltyStatement' },
  { label: 'read RoyaltyPayment (confidential details)', action: 'read', subject: 'RoyaltyPayment' },
  { label: 'create Collaborator', action: 'create', subject: 'Collaborator' },
  { label: 'read Collaborator (names)', action: 'read', subject: 'Collaborator' },
  { label: 'update RoyaltyProfile (profile, budget)', action: 'update', subject: 'RoyaltyProfile' },
];

export interface MatrixHolder {
  label: string;
  role: Role | 'PLATFORM_ADMIN' | 'NONE';
  scope: RoleScope | null;
  /** Fields assigned with the role (board members). */
  fields?: string[];
  /** The portal's workflow policy lets board members approve in their fields (1376 art. 11.2). */
  membersApproveInFields?: boolean;
  /** The portal's policy lets the board's head edit the site structure (517/QĐ-SNV art. 3.2.c). */
  boardEditsSiteStructure?: boolean;
}

export const MATRIX_HOLDERS: MatrixHolder[] = [
  { label: 'PLATFORM_ADMIN', role: 'PLATFORM_ADMIN', scope: null },
  ...ROLES.flatMap((role) =>
    [RoleScope.TENANT, RoleScope.SUBTREE].map((scope) => ({ label: `${role} (${scope})`, role, scope })),
  ),
  { label: 'no role', role: 'NONE', scope: null },
  // The same member, assigned field F, under each choice of who approves.
  ...[RoleScope.TENANT, RoleScope.SUBTREE].flatMap((scope) => [
    { label: `BOARD_MEMBER in field F (${scope})`, role: Role.BOARD_MEMBER, scope, fields: ['F'] },
    {
      label: `BOARD_MEMBER in field F (${scope}), members approve in their fields`,
      role: Role.BOARD_MEMBER,
      scope,
      fields: ['F'],
      membersApproveInFields: true,
    },
  ]),
  // The head where the portal's policy gives the board the running of the site (517/QĐ-SNV art. 3.2.c).
  {
    label: 'BOARD_HEAD (TENANT), board edits the site structure',
    role: Role.BOARD_HEAD,
    scope: RoleScope.TENANT,
    boardEditsSiteStructure: true,
  },
];

/** `yes`/`no` for every holder × action × position, computed from the CASL rules. */
export function computePermissionMatrix(): Map<string, Record<Position, 'yes' | 'no'>> {
  const rows = new Map<string, Record<Position, 'yes' | 'no'>>();
  for (const holder of MATRIX_HOLDERS) {
    const assignments =
      holder.role === 'PLATFORM_ADMIN' || holder.role === 'NONE'
        ? []
        : [
            {
              tenantId: TREE.own.tenantId,
              tenantPath: TREE.own.tenantPath,
              role: holder.role,
              scope: holder.scope!,
              fields: holder.fields ?? [],
            },
          ];
    // What the editorial lib contributes on a portal whose policy lets members approve.
    const contributed = [
      ...(holder.membersApproveInFields ? assignments.flatMap((a) => memberApprovalRules(a)) : []),
      ...(holder.boardEditsSiteStructure ? assignments.flatMap((a) => boardStructureRules(a)) : []),
    ];
    const ability = createAppAbility(
      rulesForAssignments(assignments, holder.role === 'PLATFORM_ADMIN', 'me', contributed),
    );
    for (const action of MATRIX_ACTIONS) {
      const cells = Object.fromEntries(
        POSITIONS.map((position) => [
          position,
          ability.can(
            action.action,
            asSubject(action.subject, { ...TREE[position], ...action.extra }) as never,
          )
            ? 'yes'
            : 'no',
        ]),
      ) as Record<Position, 'yes' | 'no'>;
      rows.set(`${holder.label} | ${action.label}`, cells);
    }
  }
  return rows;
}

/** The matrix as the checked-in Markdown table. */
export function renderPermissionMatrix(): string {
  const lines = [
    '# Permission matrix',
    '',
    'Generated from `libs/access/src/abilities/role-rules.ts` and checked by `permission-matrix.spec.ts`:',
    'a change to the rules that changes any cell fails the tests until this file is updated',
    '(`UPDATE_SNAPSHOTS=1 npx jest libs/access`), so every change to who may do what is reviewed.',
    '',
    'Positions are relative to the portal the role is held on: **own**, a **descendant**, a **sibling**',
    '(another child of the same parent), the **ancestor** (its parent). On top of these rules, every',
    'request acts only inside the subtree of the portal whose host it was sent to.',
    '',
    'Who approves is a choice of each portal’s regulation (its policy profile’s `workflow`): the',
    'head by default (a deputy under the head’s delegation), and where the profile lets board',
    'members approve in their assigned fields (Decision 1376/QĐ-SVHTT art. 11.2), the rows',
    '“members approve in their fields” apply: only on the portal the role is held on, only in its fields.',
    '',
    '| holder | action | own | descendant | sibling | ancestor |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [key, cells] of computePermissionMatrix()) {
    const [holder, action] = key.split(' | ');
    lines.push(`| ${holder} | ${action} | ${POSITIONS.map((p) => cells[p]).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

import { KG, RG, RG_WARD, RG_WARD2, v } from '../victim';
import { type IdorCase, R_ACC, R_PORTAL, R_CAL } from './types';

/** Id-taking operations called with the victim’s ids: accounts, roles, the audit log, portals, the calendar and deadlines. */
export const ACCOUNT_AND_PORTAL_CASES: IdorCase[] = [
  // --- accounts, roles, audit ---
  {
    name: 'account by id',
    op: 'Query.account',
    foreign: ['id'],
    query: `query($id: String!) { account(id: $id) { id username email tenantId } }`,
    vars: () => ({ id: v.resident }),
  },
  {
    name: 'accounts of the victim portal',
    op: 'Query.accounts',
    foreign: ['filter.tenantId'],
    query: `query($t: ID) { accounts(filter: { tenantId: $t, first: 100 }) { nodes { id username email } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'audit log of the victim portal',
    op: 'Query.auditLog',
    foreign: ['filter.tenantId'],
    query: `query($t: ID) { auditLog(filter: { tenantId: $t, first: 100 }) { nodes { id action subjectId before after } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'role assignments of a victim account on the victim portal',
    op: 'Query.roleAssignments',
    foreign: ['filter.tenantId', 'filter.accountId'],
    query: `query($t: ID, $a: ID) { roleAssignments(filter: { tenantId: $t, accountId: $a, includeRevoked: true }) { id role accountId } }`,
    vars: () => ({ t: v[RG], a: v.member }),
  },
  {
    name: 'createAccount on the victim portal',
    op: 'Mutation.createAccount',
    foreign: ['input.tenantId'],
    query: `mutation($t: ID!) { createAccount(input: { tenantId: $t, username: "idor-intruder", displayName: "X", password: "a-long-enough-passphrase" }) { ${R_ACC} } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'suspendAccount of a victim account',
    op: 'Mutation.suspendAccount',
    foreign: ['accountId'],
    query: `mutation($id: String!) { suspendAccount(accountId: $id, reason: "x") { ${R_ACC} } }`,
    vars: () => ({ id: v.resident }),
  },
  {
    name: 'reactivateAccount of a suspended victim account',
    op: 'Mutation.reactivateAccount',
    foreign: ['accountId'],
    query: `mutation($id: String!) { reactivateAccount(accountId: $id) { ${R_ACC} } }`,
    vars: () => ({ id: v.suspended }),
  },
  {
    name: 'grantRole to a victim account on the victim portal',
    op: 'Mutation.grantRole',
    foreign: ['input.accountId', 'input.tenantId'],
    query: `mutation($a: ID!, $t: ID!) { grantRole(input: { accountId: $a, tenantId: $t, role: BOARD_MEMBER }) {
      __typename ... on RoleAssignment { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ a: v.resident, t: v[RG] }),
  },
  {
    name: 'revokeRole of a victim assignment',
    op: 'Mutation.revokeRole',
    foreign: ['assignmentId'],
    query: `mutation($id: String!) { revokeRole(assignmentId: $id) { __typename ... on RoleAssignment { id revokedAt } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.memberAssignment }),
  },
  // --- tenants ---
  {
    name: 'tenant by id',
    op: 'Query.tenant',
    foreign: ['id'],
    query: `query($id: String!) { tenant(id: $id) { id nameVi primaryHost } }`,
    vars: () => ({ id: v[RG] }),
    publicByDesign: 'a portal’s name, kind and hosts are public (the federation links its portals)',
  },
  {
    name: 'provisionTenant under the victim',
    op: 'Mutation.provisionTenant',
    foreign: ['input.parentId'],
    query: `mutation($p: ID!) { provisionTenant(input: { parentId: $p, kind: WARD, nameVi: "Phường Xâm Nhập" }) { ${R_PORTAL} } }`,
    vars: () => ({ p: v[RG] }),
  },
  {
    name: 'moveTenant of a victim ward',
    op: 'Mutation.moveTenant',
    foreign: ['input.tenantId', 'input.newParentId'],
    query: `mutation($t: ID!, $p: ID!) { moveTenant(input: { tenantId: $t, newParentId: $p }) { ${R_PORTAL} } }`,
    vars: () => ({ t: v[RG_WARD2], p: v[KG] }),
  },
  {
    name: 'retireTenant of a victim ward',
    op: 'Mutation.retireTenant',
    foreign: ['input.tenantId', 'input.successorId'],
    query: `mutation($t: ID!, $s: ID) { retireTenant(input: { tenantId: $t, successorId: $s }) { ${R_PORTAL} } }`,
    vars: () => ({ t: v[RG_WARD2], s: v[RG_WARD] }),
  },
  {
    name: 'mergePreview of the victim’s wards (the proposed plan would name its accounts)',
    op: 'Query.mergePreview',
    foreign: ['input.sourceIds', 'input.targetId'],
    query: `query($s: [ID!]!, $t: ID!) { mergePreview(input: { sourceIds: $s, targetId: $t }) {
      __typename ... on MergePreview { plan { roleMapping { username } } } ... on InputError { errorCode field } } }`,
    vars: () => ({ s: [v[RG_WARD2]], t: v[RG_WARD] }),
  },
  {
    name: 'mergeTenants of the victim’s wards, with a complete plan',
    op: 'Mutation.mergeTenants',
    foreign: ['input.sourceIds', 'input.targetId', 'input.plan.categoryMapping.sourceCategoryId'],
    query: `mutation($s: [ID!]!, $t: ID!, $c: [CategoryMappingInput!]!) { mergeTenants(input: { sourceIds: $s, targetId: $t, plan: { categoryMapping: $c, roleMapping: [] } }) { ${R_PORTAL} } }`,
    vars: () => ({
      s: [v[RG_WARD2]],
      t: v[RG_WARD],
      c: JSON.parse(v.ward2CategoryMapping),
    }),
  },
  // --- calendar and deadlines ---
  {
    name: 'calendarOverrides of the victim portal',
    op: 'Query.calendarOverrides',
    foreign: ['tenantId'],
    query: `query($t: String) { calendarOverrides(tenantId: $t, includeRevoked: true) { id nameVi source } }`,
    vars: () => ({ t: v[RG] }),
    publicByDesign: 'a portal’s days off and make-up days are public (its calendar answers anyone)',
  },
  {
    name: 'setCalendarOverride on the victim portal',
    op: 'Mutation.setCalendarOverride',
    foreign: ['input.tenantId'],
    query: `mutation($t: ID!) { setCalendarOverride(input: { tenantId: $t, date: "2026-12-28", working: false, nameVi: "Nghỉ giả", source: "Không có" }) { ${R_CAL} } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'importCalendarOverrides on the victim portal',
    op: 'Mutation.importCalendarOverrides',
    foreign: ['tenantId'],
    query: `mutation($t: ID!, $y: String!) { importCalendarOverrides(tenantId: $t, yaml: $y) {
      __typename ... on CalendarImport { added replaced unchanged } ... on InputError { errorCode field } } }`,
    vars: () => ({
      t: v[RG],
      y: 'apiVersion: portal/v1\nkind: CalendarOverrides\nsource: Không có\ndaysOff:\n  - { date: 2026-12-29, nameVi: Nghỉ giả }\n',
    }),
  },
  {
    name: 'removeCalendarOverride of the victim’s day off',
    op: 'Mutation.removeCalendarOverride',
    foreign: ['id'],
    query: `mutation($id: String!) { removeCalendarOverride(id: $id) { ${R_CAL} } }`,
    vars: () => ({ id: v.rgOverride }),
  },
  {
    name: 'setDeadlinePolicy of the victim portal',
    op: 'Mutation.setDeadlinePolicy',
    foreign: ['tenantId'],
    query: `mutation($t: String!) { setDeadlinePolicy(tenantId: $t, profileKey: "hcmc-culture-sports-2017") { __typename ... on DeadlinePolicy { key } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG] }),
  },
];

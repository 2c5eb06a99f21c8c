import { type IdorCase, PLACE, R_ITEM, R_Q, R_SYN, R_PORTAL, R_UNIT, R_RULE, R_SCAT, R_SMENU } from './types';
import { RG, RG_WARD, CT, CT_TOWN, DAY, iso, v } from '../victim';

/**
 * The sibling officer on its own host acting on its own objects while naming the victim's ids as
 * targets (a category, a unit, an account, a portal): refused, or answered without them.
 */
export const TARGET_CASES: IdorCase[] = [
  // --- editable site structure: one's own portal, naming the victim's categories and entries ---
  {
    name: 'createSiteCategory on its own portal under a victim category',
    op: 'Mutation.createSiteCategory',
    foreign: ['input.parentId'],
    query: `mutation($t: ID, $p: ID) { createSiteCategory(input: { tenantId: $t, parentId: $p, nameVi: "Chuyên mục lạc" }) { ${R_SCAT} } }`,
    vars: () => ({ t: v[CT], p: v.rgNewsCategory }),
  },
  {
    name: 'moveSiteCategory of its own category under a victim category',
    op: 'Mutation.moveSiteCategory',
    foreign: ['input.parentId'],
    query: `mutation($id: ID!, $p: ID) { moveSiteCategory(input: { id: $id, parentId: $p, position: 0 }) { ${R_SCAT} } }`,
    vars: () => ({ id: v.ctCategory, p: v.rgNewsCategory }),
  },
  {
    name: 'createSiteMenuEntry on its own portal for a victim category, under a victim entry',
    op: 'Mutation.createSiteMenuEntry',
    foreign: ['input.categoryId', 'input.parentId'],
    query: `mutation($t: ID, $p: ID, $c: ID) { createSiteMenuEntry(input: { tenantId: $t, menu: MAIN, parentId: $p, categoryId: $c }) { ${R_SMENU} } }`,
    vars: () => ({ t: v[CT], p: v.rgMenuEntry, c: v.rgNewsCategory }),
  },
  {
    name: 'updateSiteMenuEntry of its own entry pointing at a victim category',
    op: 'Mutation.updateSiteMenuEntry',
    foreign: ['input.categoryId'],
    query: `mutation($id: ID!, $c: ID) { updateSiteMenuEntry(input: { id: $id, categoryId: $c }) { ${R_SMENU} } }`,
    vars: () => ({ id: v.ctMenuEntry, c: v.rgNewsCategory }),
  },
  {
    name: 'moveSiteMenuEntry of its own entry under a victim entry',
    op: 'Mutation.moveSiteMenuEntry',
    foreign: ['input.parentId'],
    query: `mutation($id: ID!, $p: ID) { moveSiteMenuEntry(input: { id: $id, parentId: $p, position: 0 }) { ${R_SMENU} } }`,
    vars: () => ({ id: v.ctMenuEntry, p: v.rgMenuEntry }),
  },
  {
    name: 'relateLegalDocuments of its own legal document to a victim’s unpublished one',
    op: 'Mutation.relateLegalDocuments',
    foreign: ['input.otherItemId'],
    query: `mutation($i: ID!, $o: ID!) { relateLegalDocuments(input: { itemId: $i, kind: GUIDES, otherItemId: $o }) {
      __typename ... on LegalDocumentStatus { itemId relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.ctLegal, o: v.rgLegalDraft }),
  },
  {
    name: 'createContent on its own portal in a victim category',
    op: 'Mutation.createContent',
    foreign: ['input.categoryId'],
    query: `mutation($t: ID!, $c: ID) { createContent(input: { tenantId: $t, categoryId: $c, kind: NEWS, title: "Tin chèn",
      bodyHtml: "<p>x</p>", authorName: "X", source: "X", fields: { eventDate: "2026-11-20" } }) { ${R_ITEM} } }`,
    vars: () => ({ t: v[CT], c: v.rgNewsCategory }),
  },
  {
    name: 'createContent on its own portal translating a victim draft',
    op: 'Mutation.createContent',
    foreign: ['input.translationOf'],
    query: `mutation($t: ID!, $tr: ID) { createContent(input: { tenantId: $t, translationOf: $tr, language: "en", kind: NEWS, title: "Translation",
      bodyHtml: "<p>x</p>", authorName: "X", source: "X", fields: { eventDate: "2026-11-20" } }) { ${R_ITEM} } }`,
    vars: () => ({ t: v[CT], tr: v.rgDraft }),
  },
  {
    name: 'proposeSyndication of its own item to the victim (not its ancestor)',
    op: 'Mutation.proposeSyndication',
    foreign: ['targetTenantId'],
    query: `mutation($i: ID!, $t: ID) { proposeSyndication(itemId: $i, targetTenantId: $t) { ${R_SYN} } }`,
    vars: () => ({ i: v.ctLive, t: v[RG] }),
  },
  {
    name: 'pushItem of its own item onto the victim’s portals',
    op: 'Mutation.pushItem',
    foreign: ['input.targets.tenantIds', 'input.targets.subtreeRootIds'],
    query: `mutation($i: ID!, $t: [ID!], $r: [ID!]) { pushItem(input: { itemId: $i, targets: { tenantIds: $t, subtreeRootIds: $r }, ${PLACE} }) {
      __typename ... on PushOutcome { pushed { id } alreadyThere } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.ctLive, t: [v[RG_WARD]], r: [v[RG]] }),
    refused: (outcome: { pushed?: unknown[] }) => outcome.pushed?.length === 0,
  },
  {
    name: 'acceptSyndication of its own proposal into a victim category',
    op: 'Mutation.acceptSyndication',
    foreign: ['input.categoryId'],
    query: `mutation($id: ID!, $c: ID) { acceptSyndication(input: { id: $id, categoryId: $c }) { ${R_SYN} } }`,
    vars: () => ({ id: v.ctProposal, c: v.rgNewsCategory }),
  },
  {
    name: 'takeUpSentInformation of its own information into a victim category',
    op: 'Mutation.takeUpSentInformation',
    foreign: ['input.categoryId'],
    query: `mutation($id: ID!, $c: ID) { takeUpSentInformation(id: $id, input: { categoryId: $c }) {
      __typename ... on SentInformation { id status itemId } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.ctSent, c: v.rgNewsCategory }),
  },
  {
    name: 'routeQuestion of its own question to the victim’s unit',
    op: 'Mutation.routeQuestion',
    foreign: ['unitId'],
    query: `mutation($id: ID!, $u: ID) { routeQuestion(id: $id, unitId: $u) { ${R_Q} } }`,
    vars: () => ({ id: v.ctQuestion, u: v.rgUnit }),
  },
  {
    name: 'routeQuestion of its own question to the victim’s ward (not its child)',
    op: 'Mutation.routeQuestion',
    foreign: ['childTenantId'],
    query: `mutation($id: ID!, $c: ID) { routeQuestion(id: $id, childTenantId: $c) { ${R_Q} } }`,
    vars: () => ({ id: v.ctQuestion, c: v[RG_WARD] }),
  },
  {
    name: 'createQuestionUnit on its own portal with a victim account',
    op: 'Mutation.createQuestionUnit',
    foreign: ['input.memberAccountIds'],
    query: `mutation($t: ID!, $m: [ID!]!) { createQuestionUnit(input: { tenantId: $t, name: "Đơn vị mượn người", memberAccountIds: $m }) { ${R_UNIT} } }`,
    vars: () => ({ t: v[CT], m: [v.writer] }),
  },
  {
    name: 'setQuestionUnitMembers of its own unit to a victim account',
    op: 'Mutation.setQuestionUnitMembers',
    foreign: ['memberAccountIds'],
    query: `mutation($u: ID!, $m: [ID!]!) { setQuestionUnitMembers(unitId: $u, memberAccountIds: $m) { ${R_UNIT} } }`,
    vars: () => ({ u: v.ctUnit, m: [v.writer] }),
  },
  {
    name: 'delegateApproval on its own portal to the victim’s deputy',
    op: 'Mutation.delegateApproval',
    foreign: ['input.deputyAccountId'],
    query: `mutation($t: ID!, $d: ID!, $f: DateTime!, $to: DateTime!) { delegateApproval(input: { tenantId: $t, deputyAccountId: $d, validFrom: $f, validTo: $to }) {
      __typename ... on ApprovalDelegation { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[CT], d: v.deputy, f: iso(-DAY), to: iso(2 * DAY) }),
  },
  {
    name: 'createSyndicationRule on its own portal into a victim category',
    op: 'Mutation.createSyndicationRule',
    foreign: ['input.categoryId'],
    query: `mutation($t: ID!, $c: ID) { createSyndicationRule(input: { tenantId: $t, categoryId: $c }) { ${R_RULE} } }`,
    vars: () => ({ t: v[CT], c: v.rgNewsCategory }),
  },
  {
    name: 'mergePreview of its own town with a plan naming the victim’s category and role assignment',
    op: 'Query.mergePreview',
    foreign: [
      'input.plan.categoryMapping.sourceCategoryId',
      'input.plan.categoryMapping.targetCategoryId',
      'input.plan.roleMapping.assignmentId',
    ],
    query: `query($s: [ID!]!, $t: ID!, $p: MergePlanInput) { mergePreview(input: { sourceIds: $s, targetId: $t, plan: $p }) {
      __typename ... on MergePreview { plan { roleMapping { username } } } ... on InputError { errorCode field } } }`,
    vars: () => ({
      s: [v[CT_TOWN]],
      t: v[CT],
      p: {
        categoryMapping: [{ sourceCategoryId: v.rgWard2Category, targetCategoryId: v.rgNewsCategory }],
        roleMapping: [{ assignmentId: v.memberAssignment, action: 'MOVE' }],
      },
    }),
  },
  {
    name: 'mergeTenants of its own town with a plan naming the victim’s category and role assignment',
    op: 'Mutation.mergeTenants',
    foreign: [
      'input.plan.categoryMapping.sourceCategoryId',
      'input.plan.categoryMapping.targetCategoryId',
      'input.plan.roleMapping.assignmentId',
    ],
    query: `mutation($s: [ID!]!, $t: ID!, $p: MergePlanInput!) { mergeTenants(input: { sourceIds: $s, targetId: $t, plan: $p }) { ${R_PORTAL} } }`,
    vars: () => ({
      s: [v[CT_TOWN]],
      t: v[CT],
      p: {
        categoryMapping: [{ sourceCategoryId: v.rgWard2Category, targetCategoryId: v.rgNewsCategory }],
        roleMapping: [{ assignmentId: v.memberAssignment, action: 'MOVE' }],
      },
    }),
  },
  {
    name: 'moveTenant of its own town under the victim',
    op: 'Mutation.moveTenant',
    foreign: ['input.newParentId'],
    query: `mutation($t: ID!, $p: ID!) { moveTenant(input: { tenantId: $t, newParentId: $p }) { ${R_PORTAL} } }`,
    vars: () => ({ t: v[CT_TOWN], p: v[RG] }),
  },
  {
    name: 'retireTenant of its own town with the victim as successor',
    op: 'Mutation.retireTenant',
    foreign: ['input.successorId'],
    query: `mutation($t: ID!, $s: ID) { retireTenant(input: { tenantId: $t, successorId: $s }) { ${R_PORTAL} } }`,
    vars: () => ({ t: v[CT_TOWN], s: v[RG] }),
  },
  {
    name: 'draftCommentQueue of its own portal filtered on a victim draft',
    op: 'Query.draftCommentQueue',
    foreign: ['filter.itemId'],
    query: `query($t: ID, $i: ID) { draftCommentQueue(filter: { tenantId: $t, itemId: $i }) { nodes { id email text } } }`,
    vars: () => ({ t: v[CT], i: v.rgDoc }),
  },
  {
    name: 'roleAssignments of its own portal filtered on a victim account',
    op: 'Query.roleAssignments',
    foreign: ['filter.accountId'],
    query: `query($t: ID, $a: ID) { roleAssignments(filter: { tenantId: $t, accountId: $a, includeRevoked: true }) { id role } }`,
    vars: () => ({ t: v[CT], a: v.officer }),
  },
];

/** Argument paths given no foreign id, each with the reason. */
export const EXCLUDED_ARGS: Record<string, string> = {
  // --- editable site structure ---
  'Mutation.createSiteCategory(input.slug)':
    'the address word chosen for a new category of the portal named by tenantId, not a reference to an object',
  'Mutation.updateSiteCategory(input.slug)':
    'the new address word of the category named by input.id (covered), not a reference to another object',
  'Mutation.createContent(input.slug)':
    'the address chosen for a new item on one’s own portal, not a reference to an object (slugs are per portal)',
};

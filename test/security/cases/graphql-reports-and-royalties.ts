import { RG, v } from '../victim';
import { type IdorCase, R_ST } from './types';

/** Id-taking operations called with the victim’s ids: reports, exports and royalties. */
export const REPORT_AND_ROYALTY_CASES: IdorCase[] = [
  // --- reports ---
  {
    name: 'report of the victim portal',
    op: 'Query.report',
    foreign: ['tenantId'],
    query: `query($t: ID) { report(tenantId: $t, period: "2026", scope: SUBTREE) { portalCount total { published { total } } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'reportLateItems of the victim portal',
    op: 'Query.reportLateItems',
    foreign: ['tenantId'],
    query: `query($t: ID) { reportLateItems(tenantId: $t, period: "2026") { itemId title } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'requestReportExport of the victim portal',
    op: 'Mutation.requestReportExport',
    foreign: ['tenantId'],
    query: `mutation($t: ID) { requestReportExport(tenantId: $t, period: "2026", format: CSV) {
      __typename ... on ReportExport { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'reportExport asked for by the victim’s officer',
    op: 'Query.reportExport',
    foreign: ['id'],
    query: `query($id: ID!) { reportExport(id: $id) { id status downloadPath fileName } }`,
    vars: () => ({ id: v.rgExport }),
  },
  // --- royalties ---
  {
    name: 'assignRoyaltyProfile of the victim portal',
    op: 'Mutation.assignRoyaltyProfile',
    foreign: ['tenantId'],
    query: `mutation($t: ID!) { assignRoyaltyProfile(tenantId: $t, profileKey: "ninhthuan-23-2020") { __typename ... on RoyaltyProfileAssignment { profileKey } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'setRoyaltyBudget of the victim portal',
    op: 'Mutation.setRoyaltyBudget',
    foreign: ['tenantId'],
    query: `mutation($t: ID!) { setRoyaltyBudget(tenantId: $t, year: 2026, amount: "1") { __typename ... on RoyaltyBudget { amount } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'gradeItem of a victim item, crediting victim authors',
    op: 'Mutation.gradeItem',
    foreign: ['input.itemId', 'input.authors.accountId', 'input.authors.collaboratorId'],
    query: `mutation($i: ID!, $a: ID, $c: ID) { gradeItem(input: { itemId: $i, genre: "NEWS", coefficient: "5", authors: [{ accountId: $a, share: "50" }, { collaboratorId: $c, share: "50" }] }) { __typename ... on RoyaltyGrade { id coefficient } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgLive, a: v.writer, c: v.rgCollaborator }),
  },
  {
    name: 'royaltyGrade of a victim item',
    op: 'Query.royaltyGrade',
    foreign: ['itemId'],
    query: `query($i: ID!) { royaltyGrade(itemId: $i) { id genre coefficient authors { accountId collaboratorId share } } }`,
    vars: () => ({ i: v.rgGraded }),
  },
  {
    name: 'draftRoyaltyStatement of the victim portal',
    op: 'Mutation.draftRoyaltyStatement',
    foreign: ['tenantId'],
    query: `mutation($t: ID!) { draftRoyaltyStatement(tenantId: $t, month: "2026-11") { ${R_ST} } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'checkRoyaltyStatement of the victim portal',
    op: 'Mutation.checkRoyaltyStatement',
    foreign: ['statementId'],
    query: `mutation($s: ID!) { checkRoyaltyStatement(statementId: $s) { ${R_ST} } }`,
    vars: () => ({ s: v.rgStatement }),
  },
  {
    name: 'adjustRoyaltyStatementLine of the victim portal',
    op: 'Mutation.adjustRoyaltyStatementLine',
    foreign: ['input.statementId'],
    query: `mutation($s: ID!) { adjustRoyaltyStatementLine(input: { statementId: $s, lineNo: 1, amount: "+1000000", reason: "Tấn công" }) { ${R_ST} } }`,
    vars: () => ({ s: v.rgStatement }),
  },
  {
    name: 'approveRoyaltyStatement of the victim portal',
    op: 'Mutation.approveRoyaltyStatement',
    foreign: ['statementId'],
    query: `mutation($s: ID!) { approveRoyaltyStatement(statementId: $s) { ${R_ST} } }`,
    vars: () => ({ s: v.rgStatement }),
  },
  {
    name: 'lockRoyaltyStatement of the victim portal',
    op: 'Mutation.lockRoyaltyStatement',
    foreign: ['statementId'],
    query: `mutation($s: ID!) { lockRoyaltyStatement(statementId: $s) { ${R_ST} } }`,
    vars: () => ({ s: v.rgStatement }),
  },
  {
    name: 'royaltyStatement of the victim portal',
    op: 'Query.royaltyStatement',
    foreign: ['tenantId'],
    query: `query($t: ID!) { royaltyStatement(tenantId: $t, month: "2026-11") { id total lines { payeeName amount } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'royaltySubtreeSummary of the victim portal',
    op: 'Query.royaltySubtreeSummary',
    foreign: ['tenantId'],
    query: `query($t: ID!) { royaltySubtreeSummary(tenantId: $t, month: "2026-11") { portal { host } total } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'royaltyReport of the victim portal',
    op: 'Query.royaltyReport',
    foreign: ['tenantId'],
    query: `query($t: ID!) { royaltyReport(tenantId: $t, period: "2026", subtree: true) { portal { host } total } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'royaltyStatementFile of the victim portal',
    op: 'Query.royaltyStatementFile',
    foreign: ['statementId'],
    query: `query($s: ID!) { royaltyStatementFile(statementId: $s, format: CSV) { fileName base64 } }`,
    vars: () => ({ s: v.rgStatement }),
  },
  {
    name: 'createCollaborator on the victim portal, for a victim account',
    op: 'Mutation.createCollaborator',
    foreign: ['input.tenantId', 'input.accountId'],
    query: `mutation($t: ID!, $a: ID) { createCollaborator(input: { tenantId: $t, penName: "Giả", realName: "Giả", accountId: $a }) { __typename ... on Collaborator { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG], a: v.resident }),
  },
  {
    name: 'collaborators of the victim portal',
    op: 'Query.collaborators',
    foreign: ['tenantId'],
    query: `query($t: ID!) { collaborators(tenantId: $t) { id penName realName } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'collaboratorPaymentDetails of a victim collaborator',
    op: 'Query.collaboratorPaymentDetails',
    foreign: ['id'],
    query: `query($id: ID!) { collaboratorPaymentDetails(id: $id) { id realName bankAccount idNumber } }`,
    vars: () => ({ id: v.rgCollaborator }),
  },
];

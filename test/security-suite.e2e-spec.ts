import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLInputType, buildSchema, getNamedType, isInputObjectType } from 'graphql';
import { Client } from 'pg';
import { createApiApp } from '../apps/api/src/create-app';
import { AnonymousResponseCache } from '../apps/api/src/http/anonymous-response-cache';
import { Role, RoleAssignmentService, RoleScope } from '../libs/access/src';
import { TINY_PDF, TINY_PNG } from './support/zip-fixture';
import { EditorialService, WorkflowAction } from '../libs/editorial/src';
import { systemContext } from '../libs/platform/src';
import { ReportExportJobService } from '../libs/reporting/src';
import { httpRequest } from './support/http-client';
import { GqlResponse, SMALL_TREES, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * Defence in depth: the security suite. It attacks the federation as an outsider and as
 * an officer of another portal: IDOR on every operation that takes an id (the list comes from the
 * schema itself, so a new one fails here until it is covered), host header spoofing, privilege
 * escalation through role grants, injection in search and filters, oversized and deeply nested
 * requests, and tokens reused after logout and after suspension. Everything must be refused with a
 * typed answer, change nothing and leak nothing. Over HTTP against a real PostgreSQL.
 *
 * What other specs already cover is referenced rather than repeated: GraphQL limits and production
 * error masking in security-hardening.e2e-spec.ts, account administration across wards in
 * access-cross-tenant.e2e-spec.ts, host normalisation in tenancy-routing.e2e-spec.ts, token rotation
 * and lockout in identity-auth.e2e-spec.ts, and the findings of the outside audit in full (the
 * response cache's byte bound, the lockout under concurrency and per address, IPv6 grouping,
 * production suggestions, relay headers on /metrics, Vary, the 415 rule on every request-target
 * form) in outside-audit.e2e-spec.ts, markup that arrives encoded in plain-text-markup.e2e-spec.ts;
 * a short check of each against the victim portal is here ("the outside audit").
 *
 * The victim is the district portal of Rạch Giá (with two wards below it) in the Kiên Giang tree;
 * the attackers are anonymous callers, an officer of the sibling district Châu Thành holding every
 * role there with SUBTREE scope, an officer of another province (Hồ Chí Minh City), and the victim
 * portal's own officer using its token through another portal's host. Every private thing of the
 * victim carries the marker `rgsecret` (titles, texts, emails, usernames, unit names), so a leak
 * anywhere in an answer is caught by one string search.
 */

const KG = 'kiengiang.gov.vn';
const RG = 'rachgia.kiengiang.gov.vn';
const RG_WARD = 'phuong1.rachgia.kiengiang.gov.vn';
const RG_WARD2 = 'vinhthanhvan.rachgia.kiengiang.gov.vn';
const CT = 'chauthanh.kiengiang.gov.vn';
const CT_TOWN = 'minhluong.chauthanh.kiengiang.gov.vn';
const HCM = 'hochiminhcity.gov.vn';

/** Every private string of the victim contains it; an answer to an attacker never may. */
const MARK = 'rgsecret';
/** The victim's unpublished video: an MP4 (`ftyp` isom) carrying the marker. */
const VICTIM_VIDEO = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
  Buffer.from(`${MARK} video bytes `.repeat(40)),
]);
const DAY = 24 * 3600 * 1000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

type Who = 'anonymous' | 'sibling' | 'foreignTree' | 'victimOfficer';

interface AttackContext {
  label: string;
  who: Who;
  host: string;
}

/** Who attacks from where: outsiders, other portals' officers, and a token of portal A on portal B's host. */
const CONTEXTS: AttackContext[] = [
  { label: 'anonymous, on its own portal (Châu Thành)', who: 'anonymous', host: CT },
  { label: 'anonymous, on the victim portal', who: 'anonymous', host: RG },
  { label: 'sibling officer (every role on Châu Thành, SUBTREE), on its own host', who: 'sibling', host: CT },
  { label: 'sibling officer, on the victim portal’s host', who: 'sibling', host: RG },
  {
    label: 'officer of another province (HCM city, SUBTREE), on its own host',
    who: 'foreignTree',
    host: HCM,
  },
  { label: 'the victim portal’s own officer, through the sibling’s host', who: 'victimOfficer', host: CT },
];

/**
 * Refusal codes: a typed "no" that says nothing about the object (GraphQL error codes and InputError
 * codes alike). A validation or state error (INVALID_TRANSITION, …) for a foreign object would tell
 * its state, so it does not count as a refusal.
 */
const REFUSAL = /^(UNAUTHENTICATED|FORBIDDEN|NOT_FOUND|NOT_ALLOWED|[A-Z_]+_NOT_FOUND|NOT_AN?_[A-Z_]+)$/;

const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8'));
/** Arguments (and input fields) that name an object: ID, or a String called like an id, a code or a slug. */
const ID_NAME = /^(id|ids|[a-z]+Ids?|code|trackingCode|slug)$/;

/** Every `Query.x` / `Mutation.x` with the paths of its id-taking arguments (`input.tenantId`, …). */
function idTakingFields(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (type: GraphQLInputType, prefix: string, out: string[], seen: Set<string>) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    const next = new Set(seen).add(named.name);
    for (const field of Object.values(named.getFields())) {
      const inner = getNamedType(field.type);
      if (inner.name === 'ID' || (inner.name === 'String' && ID_NAME.test(field.name)))
        out.push(`${prefix}${field.name}`);
      walk(field.type, `${prefix}${field.name}.`, out, next);
    }
  };
  for (const root of [SCHEMA.getQueryType()!, SCHEMA.getMutationType()!]) {
    for (const field of Object.values(root.getFields())) {
      const paths: string[] = [];
      for (const arg of field.args) {
        const inner = getNamedType(arg.type);
        if (inner.name === 'ID' || (inner.name === 'String' && ID_NAME.test(arg.name))) paths.push(arg.name);
        walk(arg.type, `${arg.name}.`, paths, new Set());
      }
      if (paths.length) found.set(`${root.name}.${field.name}`, paths);
    }
  }
  return found;
}

/** The HTTP endpoints of test/endpoint-access.txt whose path names an object (`:id`, `:slug`). */
function idTakingEndpoints(): string[] {
  return readFileSync(join(__dirname, 'endpoint-access.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))
    .filter((endpoint) => /^(GET|POST|PUT|PATCH|DELETE) \S*\/:/.test(endpoint));
}

/** Ids of the victim's objects (and of the sibling's own, for the foreign-target cases), filled in by the setup. */
const v: Record<string, string> = {};

interface IdorCase {
  name: string;
  /** `Query.x` or `Mutation.x`. */
  op: string;
  /** The argument paths this call fills with the victim's ids. */
  foreign: string[];
  query: string;
  vars: () => Record<string, unknown>;
  /** Public on its own portal by design (why): on the victim's host it may answer, never with private data. */
  publicOnVictimHost?: string;
  /** Public information everywhere by design (why): it may answer, never with private data. */
  publicByDesign?: string;
  /** Not tried on the victim's host (why). */
  notOnVictimHost?: string;
  /** For answers that refuse without being null or empty (e.g. periods counting nothing): the field's value. */
  refused?: (value: any) => boolean;
}

const PLACE = 'placement: ANNOUNCEMENTS';
const R_ITEM = `__typename ... on ContentItem { id tenantId working { title } live { title } } ... on InputError { errorCode field }`;
const R_Q = `__typename ... on Question { id status text asker { email } } ... on InputError { errorCode field }`;
const R_SYN = `__typename ... on Syndication { id state itemTitle } ... on InputError { errorCode field }`;
const R_ACC = `__typename ... on Account { id username status } ... on InputError { errorCode field }`;
const R_PORTAL = `__typename ... on Portal { id primaryHost status } ... on InputError { errorCode field }`;
const R_UNIT = `__typename ... on QuestionUnit { id name memberAccountIds } ... on InputError { errorCode field }`;
const R_RULE = `__typename ... on SyndicationRule { id tenantId disabledAt } ... on InputError { errorCode field }`;
const R_ST = `__typename ... on RoyaltyStatement { id total lines { payeeName amount } } ... on InputError { errorCode field }`;
const R_CAL = `__typename ... on CalendarOverride { id revokedAt } ... on InputError { errorCode field }`;
const R_SCAT = `__typename ... on SiteCategory { id tenantId slug nameVi hidden } ... on InputError { errorCode field }`;
const R_SMENU = `__typename ... on SiteMenuEntry { id tenantId labelVi url hidden } ... on InputError { errorCode field }`;
const R_STRUCT = `__typename ... on SiteStructure { tenantId categories { id nameVi } menuEntries { id labelVi } } ... on InputError { errorCode field }`;
const REVISION = { title: 'Nội dung chèn', bodyHtml: '<p>x</p>', authorName: 'X', source: 'X', fields: {} };

/**
 * Every id-taking operation, called with the victim's ids. The map from operation to its cases is
 * what the coverage test compares with the schema.
 */
const IDOR_CASES: IdorCase[] = [
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
  // --- content and the editorial workflow ---
  {
    name: 'contentItem of an unpublished draft',
    op: 'Query.contentItem',
    foreign: ['id'],
    query: `query($id: String!) { contentItem(id: $id) { id working { title bodyHtml } } }`,
    vars: () => ({ id: v.rgDraft }),
  },
  {
    name: 'contentItem of a live item with a private new draft',
    op: 'Query.contentItem',
    foreign: ['id'],
    query: `query($id: String!) { contentItem(id: $id) { id working { title } live { title } } }`,
    vars: () => ({ id: v.rgLive }),
  },
  {
    name: 'contentHistory',
    op: 'Query.contentHistory',
    foreign: ['itemId'],
    query: `query($id: String!) { contentHistory(itemId: $id) { id action note } }`,
    vars: () => ({ id: v.rgDraft }),
  },
  {
    name: 'contentItems of the victim portal, by its category and author',
    op: 'Query.contentItems',
    foreign: ['filter.categoryId', 'filter.createdBy'],
    query: `query($c: ID, $a: ID) { contentItems(filter: { categoryId: $c, createdBy: $a }) { nodes { id title status } } }`,
    vars: () => ({ c: v.rgNewsCategory, a: v.rgOfficerAccount }),
  },
  {
    name: 'contentRevisions',
    op: 'Query.contentRevisions',
    foreign: ['itemId'],
    query: `query($id: String!) { contentRevisions(itemId: $id) { id title bodyHtml } }`,
    vars: () => ({ id: v.rgDraft }),
  },
  {
    name: 'compareRevisions',
    op: 'Query.compareRevisions',
    foreign: ['itemId'],
    query: `query($id: String!) { compareRevisions(itemId: $id, from: 1, to: 2) { field parts { value } } }`,
    vars: () => ({ id: v.rgDraft }),
  },
  {
    name: 'createContent on the victim portal, in its category, translating its draft',
    op: 'Mutation.createContent',
    foreign: ['input.tenantId', 'input.categoryId', 'input.translationOf'],
    query: `mutation($t: ID!, $c: ID, $tr: ID) { createContent(input: { tenantId: $t, categoryId: $c, translationOf: $tr, language: "en",
      kind: NEWS, title: "Injected", bodyHtml: "<p>x</p>", authorName: "X", source: "X", fields: { eventDate: "2026-11-20" } }) { ${R_ITEM} } }`,
    vars: () => ({ t: v[RG], c: v.rgNewsCategory, tr: v.rgDraft }),
  },
  {
    name: 'editContent',
    op: 'Mutation.editContent',
    foreign: ['itemId'],
    query: `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgDraft, i: { ...REVISION, fields: { eventDate: '2026-11-20' } } }),
  },
  {
    name: 'restoreRevision',
    op: 'Mutation.restoreRevision',
    foreign: ['itemId'],
    query: `mutation($id: String!) { restoreRevision(itemId: $id, number: 1) { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgDraft }),
  },
  {
    name: 'transitionContent: publish an approved item',
    op: 'Mutation.transitionContent',
    foreign: ['itemId'],
    query: `mutation($id: String!) { transitionContent(itemId: $id, action: PUBLISH) { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgApproved }),
  },
  {
    name: 'transitionContent: withdraw a live item',
    op: 'Mutation.transitionContent',
    foreign: ['itemId'],
    query: `mutation($id: String!) { transitionContent(itemId: $id, action: WITHDRAW, note: "x") { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgLive2 }),
  },
  {
    name: 'scheduleContent of an approved item',
    op: 'Mutation.scheduleContent',
    foreign: ['itemId'],
    query: `mutation($id: String!, $at: DateTime!) { scheduleContent(itemId: $id, publishAt: $at) { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgApproved, at: iso(DAY) }),
  },
  {
    name: 'scheduleWithdrawal of a live item',
    op: 'Mutation.scheduleWithdrawal',
    foreign: ['itemId'],
    query: `mutation($id: String!, $at: DateTime!) { scheduleWithdrawal(itemId: $id, withdrawAt: $at) { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgLive, at: iso(DAY) }),
  },
  {
    name: 'pinContent of a live item',
    op: 'Mutation.pinContent',
    foreign: ['itemId'],
    query: `mutation($id: String!) { pinContent(itemId: $id, pinned: true) { ${R_ITEM} } }`,
    vars: () => ({ id: v.rgLive }),
  },
  {
    name: 'markContentReviewed of a live item',
    op: 'Mutation.markContentReviewed',
    foreign: ['itemId'],
    query: `mutation($id: ID!) { markContentReviewed(itemId: $id) { __typename ... on ContentReview { entries { itemId } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgLive }),
  },
  {
    name: 'delegateApproval on the victim portal to its deputy',
    op: 'Mutation.delegateApproval',
    foreign: ['input.tenantId', 'input.deputyAccountId'],
    query: `mutation($t: ID!, $d: ID!, $f: DateTime!, $to: DateTime!) { delegateApproval(input: { tenantId: $t, deputyAccountId: $d, validFrom: $f, validTo: $to }) {
      __typename ... on ApprovalDelegation { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG], d: v.deputy, f: iso(-DAY), to: iso(2 * DAY) }),
  },
  // --- public reads of the victim's unpublished things (null everywhere) and of its live ones elsewhere ---
  {
    name: 'publicItem by the slug of an unpublished draft',
    op: 'Query.publicItem',
    foreign: ['slug'],
    query: `query($s: String!) { publicItem(slug: $s) { id title } }`,
    vars: () => ({ s: v.rgDraftSlug }),
  },
  {
    name: 'publicItem by the slug of a live item, on another portal',
    op: 'Query.publicItem',
    foreign: ['slug'],
    query: `query($s: String!) { publicItem(slug: $s) { id title } }`,
    vars: () => ({ s: v.rgLiveSlug }),
    publicOnVictimHost: 'a live item is public on its own portal',
  },
  {
    name: 'publicItems of a victim category',
    op: 'Query.publicItems',
    foreign: ['filter.categoryId'],
    query: `query($c: ID) { publicItems(filter: { categoryId: $c, first: 100 }) { nodes { id title } } }`,
    vars: () => ({ c: v.rgNewsCategory }),
    publicOnVictimHost: 'the live items of a category are public on their own portal',
  },
  {
    name: 'consultation of an unpublished draft document',
    op: 'Query.consultation',
    foreign: ['itemId'],
    query: `query($id: ID) { consultation(itemId: $id) { itemId title received } }`,
    vars: () => ({ id: v.rgHiddenDoc }),
  },
  {
    name: 'consultation by the slug of an unpublished draft document',
    op: 'Query.consultation',
    foreign: ['slug'],
    query: `query($s: String) { consultation(slug: $s) { itemId title received } }`,
    vars: () => ({ s: v.rgHiddenDocSlug }),
  },
  {
    name: 'consultation of a live draft document, on another portal',
    op: 'Query.consultation',
    foreign: ['itemId'],
    query: `query($id: ID) { consultation(itemId: $id) { itemId title received } }`,
    vars: () => ({ id: v.rgDoc }),
    publicOnVictimHost: 'a live draft document’s consultation is public on its own portal',
  },
  {
    name: 'draftComments of a live draft document (its only comment is pending)',
    op: 'Query.draftComments',
    foreign: ['itemId'],
    query: `query($id: ID) { draftComments(itemId: $id, first: 100) { nodes { id name text } } }`,
    vars: () => ({ id: v.rgDoc }),
  },
  {
    name: 'draftComments by the slug of an unpublished draft document',
    op: 'Query.draftComments',
    foreign: ['slug'],
    query: `query($s: String) { draftComments(slug: $s, first: 100) { nodes { id name text } } }`,
    vars: () => ({ s: v.rgHiddenDocSlug }),
  },
  {
    name: 'commentOnDraft on an unpublished draft document',
    op: 'Mutation.commentOnDraft',
    foreign: ['input.itemId'],
    query: `mutation($id: ID) { commentOnDraft(input: { itemId: $id, name: "X", email: "x@example.vn", text: "x", proof: { website: "" } }) {
      __typename ... on DraftCommentReceipt { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgHiddenDoc }),
  },
  {
    name: 'commentOnDraft by the slug of an unpublished draft document',
    op: 'Mutation.commentOnDraft',
    foreign: ['input.slug'],
    query: `mutation($s: String) { commentOnDraft(input: { slug: $s, name: "X", email: "x@example.vn", text: "x", proof: { website: "" } }) {
      __typename ... on DraftCommentReceipt { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ s: v.rgHiddenDocSlug }),
  },
  {
    name: 'commentOnDraft on a live draft document through another portal',
    op: 'Mutation.commentOnDraft',
    foreign: ['input.itemId'],
    query: `mutation($id: ID) { commentOnDraft(input: { itemId: $id, name: "X", email: "x@example.vn", text: "x", proof: { website: "" } }) {
      __typename ... on DraftCommentReceipt { id } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgDoc }),
    notOnVictimHost: 'anyone may comment on a live draft document on its own portal',
  },
  // --- consultations (board side) ---
  {
    name: 'draftCommentQueue of the victim portal and draft',
    op: 'Query.draftCommentQueue',
    foreign: ['filter.tenantId', 'filter.itemId'],
    query: `query($t: ID, $i: ID) { draftCommentQueue(filter: { tenantId: $t, itemId: $i }) { nodes { id email text } } }`,
    vars: () => ({ t: v[RG], i: v.rgDoc }),
  },
  {
    name: 'moderateDraftComment: publish the victim’s pending comment',
    op: 'Mutation.moderateDraftComment',
    foreign: ['input.id'],
    query: `mutation($id: ID!) { moderateDraftComment(input: { id: $id, action: PUBLISH }) {
      __typename ... on DraftComment { id state email } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgComment }),
  },
  {
    name: 'publishConsultationSummary of a closed draft document',
    op: 'Mutation.publishConsultationSummary',
    foreign: ['itemId'],
    query: `mutation($id: ID!) { publishConsultationSummary(itemId: $id, summaryHtml: "<p>Giả mạo</p>") {
      __typename ... on ConsultationSummary { itemId } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgClosedDoc }),
  },
  {
    name: 'setCommentVisibility of the victim portal',
    op: 'Mutation.setCommentVisibility',
    foreign: ['tenantId'],
    query: `mutation($t: ID) { setCommentVisibility(tenantId: $t, visibility: HIDDEN) {
      __typename ... on ConsultationSettings { tenantId } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'portalRatings of the victim portal',
    op: 'Query.portalRatings',
    foreign: ['tenantId'],
    query: `query($t: ID) { portalRatings(tenantId: $t, period: YEAR, from: "2026-01-01", to: "2026-12-31") { label count overall } }`,
    vars: () => ({ t: v[RG] }),
    refused: (buckets: Array<{ count: number }>) => buckets.every((b) => b.count === 0),
  },
  {
    name: 'siteVisits of the victim portal',
    op: 'Query.siteVisits',
    foreign: ['tenantId'],
    query: `query($t: ID) { siteVisits(tenantId: $t, from: "2026-01-01", to: "2026-12-31") { day path views } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'setSiteTheme of the victim portal',
    op: 'Mutation.setSiteTheme',
    foreign: ['tenantId'],
    query: `mutation($t: ID) { setSiteTheme(tenantId: $t, input: { address: "Địa chỉ giả mạo" }) {
      __typename ... on SiteTheme { address } ... on InputError { errorCode field } } }`,
    vars: () => ({ t: v[RG] }),
  },
  // --- editable site structure (categories, menus) ---
  {
    name: 'siteStructure of the victim portal',
    op: 'Query.siteStructure',
    foreign: ['tenantId'],
    query: `query($t: ID) { siteStructure(tenantId: $t) { ${R_STRUCT} } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'createSiteCategory on the victim portal under its category',
    op: 'Mutation.createSiteCategory',
    foreign: ['input.tenantId', 'input.parentId'],
    query: `mutation($t: ID, $p: ID) { createSiteCategory(input: { tenantId: $t, parentId: $p, nameVi: "Chuyên mục chèn" }) { ${R_SCAT} } }`,
    vars: () => ({ t: v[RG], p: v.rgNewsCategory }),
  },
  {
    name: 'updateSiteCategory of a victim category',
    op: 'Mutation.updateSiteCategory',
    foreign: ['input.id'],
    query: `mutation($id: ID!) { updateSiteCategory(input: { id: $id, nameVi: "Đổi tên trái phép", slug: "doi-ten" }) { ${R_SCAT} } }`,
    vars: () => ({ id: v.rgNewsCategory }),
  },
  {
    name: 'moveSiteCategory of a victim category under another of its categories',
    op: 'Mutation.moveSiteCategory',
    foreign: ['input.id', 'input.parentId'],
    query: `mutation($id: ID!, $p: ID) { moveSiteCategory(input: { id: $id, parentId: $p, position: 0 }) { ${R_SCAT} } }`,
    vars: () => ({ id: v.rgNewsCategory, p: v.rgCategory2 }),
  },
  {
    name: 'setSiteCategoryHidden of a victim category',
    op: 'Mutation.setSiteCategoryHidden',
    foreign: ['id'],
    query: `mutation($id: ID!) { setSiteCategoryHidden(id: $id, hidden: true) { ${R_SCAT} } }`,
    vars: () => ({ id: v.rgNewsCategory }),
  },
  {
    name: 'createSiteMenuEntry on the victim portal under its entry, for its category',
    op: 'Mutation.createSiteMenuEntry',
    foreign: ['input.tenantId', 'input.parentId', 'input.categoryId'],
    query: `mutation($t: ID, $p: ID, $c: ID) { createSiteMenuEntry(input: { tenantId: $t, menu: MAIN, parentId: $p, categoryId: $c }) { ${R_SMENU} } }`,
    vars: () => ({ t: v[RG], p: v.rgMenuEntry, c: v.rgNewsCategory }),
  },
  {
    name: 'updateSiteMenuEntry of a victim entry',
    op: 'Mutation.updateSiteMenuEntry',
    foreign: ['input.id', 'input.categoryId'],
    query: `mutation($id: ID!, $c: ID) { updateSiteMenuEntry(input: { id: $id, categoryId: $c, labelVi: "Nhãn chèn" }) { ${R_SMENU} } }`,
    vars: () => ({ id: v.rgMenuEntry, c: v.rgCategory2 }),
  },
  {
    name: 'moveSiteMenuEntry of a victim entry under another of its entries',
    op: 'Mutation.moveSiteMenuEntry',
    foreign: ['input.id', 'input.parentId'],
    query: `mutation($id: ID!, $p: ID) { moveSiteMenuEntry(input: { id: $id, parentId: $p, position: 0 }) { ${R_SMENU} } }`,
    vars: () => ({ id: v.rgMenuEntry, p: v.rgMenuEntry2 }),
  },
  {
    name: 'setSiteMenuEntryHidden of a victim entry',
    op: 'Mutation.setSiteMenuEntryHidden',
    foreign: ['id'],
    query: `mutation($id: ID!) { setSiteMenuEntryHidden(id: $id, hidden: true) { ${R_SMENU} } }`,
    vars: () => ({ id: v.rgMenuEntry }),
  },
  // --- questions ---
  {
    name: 'question by id',
    op: 'Query.question',
    foreign: ['id'],
    query: `query($id: ID!) { question(id: $id) { id text asker { name email phone } } }`,
    vars: () => ({ id: v.qReceived }),
  },
  {
    name: 'questionHistory',
    op: 'Query.questionHistory',
    foreign: ['id'],
    query: `query($id: ID!) { questionHistory(id: $id) { id action note } }`,
    vars: () => ({ id: v.qAnswered }),
  },
  {
    name: 'poll of the victim portal',
    op: 'Query.poll',
    foreign: ['id'],
    query: `query($id: ID!) { poll(id: $id) { id question totalVotes options { label votes } } }`,
    vars: () => ({ id: v.rgPoll }),
    publicOnVictimHost: 'a poll is public on its own portal (counts hidden until it closes)',
  },
  {
    name: 'closePoll of the victim portal',
    op: 'Mutation.closePoll',
    foreign: ['id'],
    query: `mutation($id: ID!) { closePoll(id: $id) { __typename ... on Poll { id state totalVotes } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgPoll }),
  },
  {
    name: 'legalDocumentStatus of an unpublished legal document',
    op: 'Query.legalDocumentStatus',
    foreign: ['itemId'],
    query: `query($id: ID!) { legalDocumentStatus(itemId: $id) { itemId validity relations { otherTitle otherNumber } } }`,
    vars: () => ({ id: v.rgLegalDraft }),
  },
  {
    name: 'setLegalValidity of a victim legal document',
    op: 'Mutation.setLegalValidity',
    foreign: ['itemId'],
    query: `mutation($id: ID!) { setLegalValidity(itemId: $id, input: { validity: EXPIRED }) {
      __typename ... on LegalDocumentStatus { itemId validity relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgLegal }),
  },
  {
    name: 'relateLegalDocuments of a victim legal document to its unpublished one',
    op: 'Mutation.relateLegalDocuments',
    foreign: ['input.itemId', 'input.otherItemId'],
    query: `mutation($i: ID!, $o: ID!) { relateLegalDocuments(input: { itemId: $i, kind: REPLACES, otherItemId: $o }) {
      __typename ... on LegalDocumentStatus { itemId relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgLegal, o: v.rgLegalDraft }),
  },
  {
    name: 'removeLegalRelation stated by the victim portal',
    op: 'Mutation.removeLegalRelation',
    foreign: ['id'],
    query: `mutation($id: ID!) { removeLegalRelation(id: $id) {
      __typename ... on LegalDocumentStatus { itemId relations { otherTitle } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgLegalRelation }),
  },
  // --- media items (video, audio, galleries): files of the victim's unpublished items ---
  {
    name: 'itemMedia of an unpublished video item',
    op: 'Query.itemMedia',
    foreign: ['itemId'],
    query: `query($id: ID!) { itemMedia(itemId: $id) { itemId main { id fileName url } photos { id captionVi } } }`,
    vars: () => ({ id: v.rgVideo }),
  },
  {
    name: 'attachMediaFile of a victim photo to its gallery',
    op: 'Mutation.attachMediaFile',
    foreign: ['itemId', 'mediaFileId'],
    query: `mutation($i: ID!, $f: ID!) { attachMediaFile(itemId: $i, mediaFileId: $f) {
      __typename ... on ItemMedia { itemId photos { id fileName } } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgGallery, f: v.rgPhoto }),
  },
  {
    name: 'describeGalleryPhoto of a victim photo',
    op: 'Mutation.describeGalleryPhoto',
    foreign: ['id'],
    query: `mutation($id: ID!) { describeGalleryPhoto(id: $id, input: { captionVi: "chèn" }) {
      __typename ... on ItemMedia { itemId photos { id fileName captionVi } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgPhoto }),
  },
  {
    name: 'reorderGallery of a victim gallery',
    op: 'Mutation.reorderGallery',
    foreign: ['itemId', 'photoIds'],
    query: `mutation($i: ID!, $p: [ID!]!) { reorderGallery(itemId: $i, photoIds: $p) {
      __typename ... on ItemMedia { itemId photos { id fileName } } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgGallery, p: [v.rgPhoto] }),
  },
  {
    name: 'withdrawMediaFile of a victim photo',
    op: 'Mutation.withdrawMediaFile',
    foreign: ['id'],
    query: `mutation($id: ID!) { withdrawMediaFile(id: $id) {
      __typename ... on ItemMedia { itemId photos { id fileName } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgPhoto }),
  },
  // --- end of media items ---
  {
    name: 'withdrawPoll of the victim portal',
    op: 'Mutation.withdrawPoll',
    foreign: ['id'],
    query: `mutation($id: ID!) { withdrawPoll(id: $id, reason: "Gỡ trái phép") { __typename ... on Poll { id state } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgPoll }),
  },
  {
    name: 'votePoll in a poll of the victim portal',
    op: 'Mutation.votePoll',
    foreign: ['input.pollId', 'input.optionId'],
    query: `mutation($p: ID!, $o: ID!) { votePoll(input: { pollId: $p, optionId: $o, proof: { website: "" } }) {
      __typename ... on Poll { id question totalVotes } ... on InputError { errorCode field } } }`,
    vars: () => ({ p: v.rgPoll, o: v.rgPollOption }),
    notOnVictimHost: 'anyone may vote on the poll’s own portal (a vote is a public write by design)',
  },
  {
    name: 'questionStatus by a tracking code of the victim portal',
    op: 'Query.questionStatus',
    foreign: ['trackingCode'],
    query: `query($c: String!) { questionStatus(trackingCode: $c) { trackingCode topic status } }`,
    vars: () => ({ c: v.qReceivedCode }),
    publicOnVictimHost:
      'the tracking code is the asker’s key, answered on the portal asked (without personal data)',
  },
  // --- information sent to the board ---
  {
    name: 'sentInformationItem of the victim portal',
    op: 'Query.sentInformationItem',
    foreign: ['id'],
    query: `query($id: ID!) { sentInformationItem(id: $id) { id title email body file { fileName } } }`,
    vars: () => ({ id: v.rgSent }),
  },
  {
    name: 'takeUpSentInformation of the victim portal',
    op: 'Mutation.takeUpSentInformation',
    foreign: ['id'],
    query: `mutation($id: ID!) { takeUpSentInformation(id: $id) { __typename ... on SentInformation { id status itemId email } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgSent }),
  },
  {
    name: 'declineSentInformation of the victim portal',
    op: 'Mutation.declineSentInformation',
    foreign: ['id'],
    query: `mutation($id: ID!) { declineSentInformation(id: $id, reason: "Từ chối trái phép") { __typename ... on SentInformation { id status email } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgSent }),
  },
  {
    name: 'trackSentInformation by a tracking code of the victim portal',
    op: 'Query.trackSentInformation',
    foreign: ['code'],
    query: `query($c: String!) { trackSentInformation(code: $c) { trackingCode title status } }`,
    vars: () => ({ c: v.rgSentCode }),
    publicOnVictimHost:
      'the tracking code is the sender’s key, answered on the portal it was sent to (without contact details)',
  },
  // --- online dialogues ---
  {
    name: 'dialogue of the victim portal',
    op: 'Query.dialogue',
    foreign: ['id'],
    query: `query($id: ID!) { dialogue(id: $id) { id titleVi questions { email text askerName } } }`,
    vars: () => ({ id: v.rgDialogue }),
  },
  {
    name: 'publicDialogue of the victim portal',
    op: 'Query.publicDialogue',
    foreign: ['id'],
    query: `query($id: ID!) { publicDialogue(id: $id) { id title answers { question } } }`,
    vars: () => ({ id: v.rgDialogue }),
    publicOnVictimHost:
      'a session and its published answers are public on its own portal (never the contacts)',
  },
  {
    name: 'dialogueQuestionStatus by a tracking code of the victim portal',
    op: 'Query.dialogueQuestionStatus',
    foreign: ['trackingCode'],
    query: `query($c: String!) { dialogueQuestionStatus(trackingCode: $c) { trackingCode status } }`,
    vars: () => ({ c: v.rgDialogueCode }),
    publicOnVictimHost:
      'the tracking code is the asker’s key, answered on the portal asked (without the contact)',
  },
  {
    name: 'scheduleDialogue naming a guest of the victim portal',
    op: 'Mutation.scheduleDialogue',
    foreign: ['input.guests.id'],
    query: `mutation($g: ID) { scheduleDialogue(input: { titleVi: "Giao lưu mượn khách", topicVi: "Chủ đề mượn khách mời", place: "Hội trường",
      startsAt: "2030-01-01T02:00:00Z", endsAt: "2030-01-01T04:00:00Z",
      guests: [{ id: $g, kind: LEADER, name: "Khách mượn", jobTitle: "Chủ tịch", unit: "UBND" }] }) { __typename ... on Dialogue { id state titleVi questions { email text } } ... on InputError { errorCode field } } }`,
    vars: () => ({ g: v.rgDialogueGuest }),
  },
  {
    name: 'updateDialogue of the victim portal',
    op: 'Mutation.updateDialogue',
    foreign: ['id', 'input.guests.id'],
    query: `mutation($id: ID!, $g: ID) { updateDialogue(id: $id, input: { titleVi: "Giao lưu bị sửa", topicVi: "Chủ đề bị sửa", place: "Hội trường",
      startsAt: "2030-01-01T02:00:00Z", endsAt: "2030-01-01T04:00:00Z",
      guests: [{ id: $g, kind: LEADER, name: "Khách bị sửa", jobTitle: "Chủ tịch", unit: "UBND" }] }) { __typename ... on Dialogue { id state titleVi questions { email text } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgDialogue, g: v.rgDialogueGuest }),
  },
  {
    name: 'transitionDialogue of the victim portal',
    op: 'Mutation.transitionDialogue',
    foreign: ['id'],
    query: `mutation($id: ID!) { transitionDialogue(id: $id, step: CANCEL, reason: "Hủy trái phép") { __typename ... on Dialogue { id state titleVi questions { email text } } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgDialogue }),
  },
  {
    name: 'askDialogueQuestion in a session of the victim portal',
    op: 'Mutation.askDialogueQuestion',
    foreign: ['input.dialogueId'],
    query: `mutation($d: ID!) { askDialogueQuestion(input: { dialogueId: $d, name: "Người lạ", text: "Câu hỏi gửi nhầm cổng khác", proof: { website: "" } }) {
      __typename ... on DialogueQuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`,
    vars: () => ({ d: v.rgDialogue }),
    notOnVictimHost: 'anyone may ask on the session’s own portal (a question is a public write by design)',
  },
  {
    name: 'selectDialogueQuestion of the victim portal',
    op: 'Mutation.selectDialogueQuestion',
    foreign: ['id', 'input.guestId'],
    query: `mutation($id: ID!, $g: ID) { selectDialogueQuestion(id: $id, input: { guestId: $g }) { __typename ... on DialogueQuestion { id status text email answer } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgDialogueQuestion, g: v.rgDialogueGuest }),
  },
  {
    name: 'rejectDialogueQuestion of the victim portal',
    op: 'Mutation.rejectDialogueQuestion',
    foreign: ['id'],
    query: `mutation($id: ID!) { rejectDialogueQuestion(id: $id, reason: "Từ chối trái phép") { __typename ... on DialogueQuestion { id status text email answer } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgDialogueQuestion }),
  },
  {
    name: 'answerDialogueQuestion of the victim portal',
    op: 'Mutation.answerDialogueQuestion',
    foreign: ['id', 'guestId'],
    query: `mutation($id: ID!, $g: ID) { answerDialogueQuestion(id: $id, answer: "Trả lời trái phép", guestId: $g) { __typename ... on DialogueQuestion { id status text email answer } ... on InputError { errorCode field } } }`,
    vars: () => ({ id: v.rgDialogueQuestion, g: v.rgDialogueGuest }),
  },
  {
    name: 'questionUnits of the victim portal',
    op: 'Query.questionUnits',
    foreign: ['tenantId'],
    query: `query($t: ID!) { questionUnits(tenantId: $t) { id name memberAccountIds } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'askQuestion naming a file sent to the victim portal',
    op: 'Mutation.askQuestion',
    foreign: ['input.attachmentId'],
    query: `mutation($a: ID) { askQuestion(input: { type: QUESTION, name: "Nguyễn Văn X", email: "x@example.vn", topic: "Xây dựng", text: "Câu hỏi kèm tệp của người khác", attachmentId: $a, proof: { website: "" } }) {
      __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`,
    vars: () => ({ a: v.rgQuestionFile }),
    notOnVictimHost: 'on its own portal the upload id is the uploader’s key to name it in a question',
  },
  {
    name: 'classifyQuestion',
    op: 'Mutation.classifyQuestion',
    foreign: ['id'],
    query: `mutation($id: ID!) { classifyQuestion(id: $id, topic: "Đổi chủ đề") { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived }),
  },
  {
    name: 'routeQuestion to the victim’s unit',
    op: 'Mutation.routeQuestion',
    foreign: ['id', 'unitId'],
    query: `mutation($id: ID!, $u: ID) { routeQuestion(id: $id, unitId: $u) { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived, u: v.rgUnit }),
  },
  {
    name: 'routeQuestion to the victim’s child portal',
    op: 'Mutation.routeQuestion',
    foreign: ['id', 'childTenantId'],
    query: `mutation($id: ID!, $c: ID) { routeQuestion(id: $id, childTenantId: $c) { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived, c: v[RG_WARD] }),
  },
  {
    name: 'forwardQuestion of a victim question',
    op: 'Mutation.forwardQuestion',
    foreign: ['id', 'targetTenantId'],
    query: `mutation($id: ID!, $t: ID!) { forwardQuestion(id: $id, targetTenantId: $t, note: "x") { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived, t: v[RG_WARD] }),
  },
  {
    name: 'answerQuestionOutOfScope',
    op: 'Mutation.answerQuestionOutOfScope',
    foreign: ['id'],
    query: `mutation($id: ID!) { answerQuestionOutOfScope(id: $id, notice: "Không thuộc thẩm quyền") { ${R_Q} } }`,
    vars: () => ({ id: v.qReceived }),
  },
  {
    name: 'draftQuestionAnswer of a routed question',
    op: 'Mutation.draftQuestionAnswer',
    foreign: ['id'],
    query: `mutation($id: ID!) { draftQuestionAnswer(id: $id, answer: "Trả lời giả") { ${R_Q} } }`,
    vars: () => ({ id: v.qRouted }),
  },
  {
    name: 'returnQuestionAnswer of an answered question',
    op: 'Mutation.returnQuestionAnswer',
    foreign: ['id'],
    query: `mutation($id: ID!) { returnQuestionAnswer(id: $id, note: "Làm lại") { ${R_Q} } }`,
    vars: () => ({ id: v.qAnswered }),
  },
  {
    name: 'approveQuestionAnswer of an answered question',
    op: 'Mutation.approveQuestionAnswer',
    foreign: ['id'],
    query: `mutation($id: ID!) { approveQuestionAnswer(id: $id) { ${R_Q} } }`,
    vars: () => ({ id: v.qAnswered }),
  },
  {
    name: 'publishQuestion of an approved question',
    op: 'Mutation.publishQuestion',
    foreign: ['id'],
    query: `mutation($id: ID!) { publishQuestion(id: $id, publicText: "Công bố giả") { ${R_Q} } }`,
    vars: () => ({ id: v.qApproved }),
  },
  {
    name: 'createQuestionUnit on the victim portal with its accounts',
    op: 'Mutation.createQuestionUnit',
    foreign: ['input.tenantId', 'input.memberAccountIds'],
    query: `mutation($t: ID!, $m: [ID!]!) { createQuestionUnit(input: { tenantId: $t, name: "Đơn vị giả", memberAccountIds: $m }) { ${R_UNIT} } }`,
    vars: () => ({ t: v[RG], m: [v.writer] }),
  },
  {
    name: 'setQuestionUnitMembers of the victim’s unit',
    op: 'Mutation.setQuestionUnitMembers',
    foreign: ['unitId', 'memberAccountIds'],
    query: `mutation($u: ID!, $m: [ID!]!) { setQuestionUnitMembers(unitId: $u, memberAccountIds: $m) { ${R_UNIT} } }`,
    vars: () => ({ u: v.rgUnit, m: [v.resident] }),
  },
  // --- federation ---
  {
    name: 'itemSyndications of a live item',
    op: 'Query.itemSyndications',
    foreign: ['itemId'],
    query: `query($id: ID!) { itemSyndications(itemId: $id) { id state itemTitle } }`,
    vars: () => ({ id: v.rgLive }),
  },
  {
    name: 'receivedSyndications of the victim portal',
    op: 'Query.receivedSyndications',
    foreign: ['tenantId'],
    query: `query($t: ID) { receivedSyndications(tenantId: $t) { id state itemTitle } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'syndicationRules of the victim portal',
    op: 'Query.syndicationRules',
    foreign: ['tenantId'],
    query: `query($t: ID!) { syndicationRules(tenantId: $t) { id kinds } }`,
    vars: () => ({ t: v[RG] }),
  },
  {
    name: 'subtreeFeed rooted at the victim',
    op: 'Query.subtreeFeed',
    foreign: ['filter.rootTenantId'],
    query: `query($r: ID) { subtreeFeed(filter: { rootTenantId: $r, first: 100 }) { nodes { id title } } }`,
    vars: () => ({ r: v[RG] }),
  },
  {
    name: 'subtreeSearch rooted at the victim',
    op: 'Query.subtreeSearch',
    foreign: ['rootTenantId'],
    query: `query($r: ID) { subtreeSearch(query: "Rạch Giá", rootTenantId: $r) { id title } }`,
    vars: () => ({ r: v[RG] }),
  },
  {
    name: 'proposeSyndication of a victim item to its parent',
    op: 'Mutation.proposeSyndication',
    foreign: ['itemId', 'targetTenantId'],
    query: `mutation($i: ID!, $t: ID) { proposeSyndication(itemId: $i, targetTenantId: $t, note: "x") { ${R_SYN} } }`,
    vars: () => ({ i: v.rgLive2, t: v[KG] }),
  },
  {
    name: 'acceptSyndication of a proposal the victim received',
    op: 'Mutation.acceptSyndication',
    foreign: ['input.id', 'input.categoryId'],
    query: `mutation($id: ID!, $c: ID) { acceptSyndication(input: { id: $id, categoryId: $c }) { ${R_SYN} } }`,
    vars: () => ({ id: v.synProposed, c: v.rgNewsCategory }),
  },
  {
    name: 'refuseSyndication of a proposal the victim received',
    op: 'Mutation.refuseSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { refuseSyndication(id: $id, reason: "Không phù hợp") { ${R_SYN} } }`,
    vars: () => ({ id: v.synProposed }),
  },
  {
    name: 'dropSyndication of a copy the victim shows',
    op: 'Mutation.dropSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { dropSyndication(id: $id, reason: "x") { ${R_SYN} } }`,
    vars: () => ({ id: v.synAccepted }),
  },
  {
    name: 'retractSyndication of the victim’s push',
    op: 'Mutation.retractSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { retractSyndication(id: $id) { ${R_SYN} } }`,
    vars: () => ({ id: v.synPushed }),
  },
  {
    name: 'retractSyndication of a proposal sent by the victim’s ward',
    op: 'Mutation.retractSyndication',
    foreign: ['id'],
    query: `mutation($id: ID!) { retractSyndication(id: $id) { ${R_SYN} } }`,
    vars: () => ({ id: v.synProposed }),
  },
  {
    name: 'pushItem of a victim item to its wards',
    op: 'Mutation.pushItem',
    foreign: ['input.itemId', 'input.targets.tenantIds', 'input.targets.subtreeRootIds'],
    query: `mutation($i: ID!, $t: [ID!], $r: [ID!]) { pushItem(input: { itemId: $i, targets: { tenantIds: $t, subtreeRootIds: $r }, ${PLACE} }) {
      __typename ... on PushOutcome { pushed { id } alreadyThere } ... on InputError { errorCode field } } }`,
    vars: () => ({ i: v.rgLive, t: [v[RG_WARD2]], r: [v[RG]] }),
  },
  {
    name: 'createSyndicationRule on the victim portal',
    op: 'Mutation.createSyndicationRule',
    foreign: ['input.tenantId', 'input.categoryId', 'input.sourceRootId'],
    query: `mutation($t: ID!, $c: ID, $s: ID) { createSyndicationRule(input: { tenantId: $t, categoryId: $c, sourceRootId: $s }) { ${R_RULE} } }`,
    vars: () => ({ t: v[RG], c: v.rgNewsCategory, s: v[RG_WARD] }),
  },
  {
    name: 'disableSyndicationRule of the victim’s rule',
    op: 'Mutation.disableSyndicationRule',
    foreign: ['id'],
    query: `mutation($id: ID!) { disableSyndicationRule(id: $id) { ${R_RULE} } }`,
    vars: () => ({ id: v.rgRule }),
  },
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

interface HttpCase {
  endpoint: string;
  path: () => string;
  /** Bytes the answer must not carry (the file itself). */
  file?: Buffer;
  /** A form post (urlencoded) instead of a GET. */
  form?: () => Record<string, string>;
  /** Public on its own portal by design (why): not tried on the victim's host. */
  publicOnVictimHost?: string;
}

/** The id-taking HTTP endpoints (test/endpoint-access.txt), called with the victim's private things. */
const HTTP_CASES: HttpCase[] = [
  { endpoint: 'GET /archive/:id', path: () => `/archive/${v.rgDraft}` },
  { endpoint: 'GET /attachments/:id', path: () => `/attachments/${v.rgAttachment}`, file: TINY_PDF },
  // Media items: the video of an unpublished item (served with ranges to the portal's officers only).
  { endpoint: 'GET /media/:id', path: () => `/media/${v.rgVideoFile}`, file: VICTIM_VIDEO },
  // Opened by the console's media cookie only, never by a bearer token (its own tests: console-journey).
  { endpoint: 'GET /quan-tri/media/:id', path: () => `/quan-tri/media/${v.rgAttachment}` },
  { endpoint: 'GET /print/:slug', path: () => `/print/${v.rgDraftSlug}` },
  { endpoint: 'GET /bai-viet/:slug', path: () => `/bai-viet/${v.rgDraftSlug}` },
  { endpoint: 'GET /gop-y-du-thao/:slug', path: () => `/gop-y-du-thao/${v.rgHiddenDocSlug}` },
  { endpoint: 'GET /gop-y-du-thao/:slug/da-gui', path: () => `/gop-y-du-thao/${v.rgHiddenDocSlug}/da-gui` },
  {
    endpoint: 'POST /gop-y-du-thao/:slug',
    path: () => `/gop-y-du-thao/${v.rgHiddenDocSlug}`,
    form: () => ({
      name: 'Kẻ lạ',
      email: 'x@example.vn',
      text: 'Góp ý chèn vào dự thảo chưa công bố.',
      website: '',
    }),
  },
  // Static files: a name is never a way to another portal's data (answered the same everywhere).
  { endpoint: 'GET /assets/:name', path: () => `/assets/${MARK}.css` },
  { endpoint: 'GET /assets/theme/:name', path: () => `/assets/theme/${MARK}.css` },
  {
    endpoint: 'GET /tham-do/:id',
    path: () => `/tham-do/${v.rgPoll}`,
    publicOnVictimHost: 'a poll is public on its own portal',
  },
  {
    endpoint: 'POST /tham-do/:id',
    path: () => `/tham-do/${v.rgPoll}`,
    form: () => ({ optionId: v.rgPollOption, website: '' }),
    publicOnVictimHost: 'anyone may vote on the poll’s own portal',
  },
  // Online dialogues: public on their own portal, 404 on every other host.
  {
    endpoint: 'GET /giao-luu/:id',
    path: () => `/giao-luu/${v.rgDialogue}`,
    publicOnVictimHost: 'a session’s page is public on its own portal',
  },
  {
    endpoint: 'GET /giao-luu/:id/tra-loi',
    path: () => `/giao-luu/${v.rgDialogue}/tra-loi`,
    publicOnVictimHost: 'the published answers are public on the session’s own portal',
  },
  {
    endpoint: 'POST /giao-luu/:id',
    path: () => `/giao-luu/${v.rgDialogue}`,
    form: () => ({ name: 'Người lạ', text: 'Câu hỏi gửi nhầm sang cổng khác.', website: '' }),
    publicOnVictimHost: 'anyone may ask on the session’s own portal',
  },
  {
    endpoint: 'GET /sent-information/:id/file',
    path: () => `/sent-information/${v.rgSent}/file`,
    file: TINY_PDF,
  },
  {
    endpoint: 'GET /questions/:id/attachment',
    path: () => `/questions/${v.qWithFile}/attachment`,
    file: TINY_PDF,
  },
  { endpoint: 'GET /reports/exports/:id/file', path: () => `/reports/exports/${v.rgExport}/file` },
  // Without the signed grant a link carries (reporting.e2e-spec.ts checks the grant itself).
  {
    endpoint: 'GET /reports/exports/:id/download',
    path: () =>
      `/reports/exports/${v.rgExport}/download?account=${v.rgExportRequester}&expires=9999999999&signature=x`,
  },
];

/**
 * The sibling officer on its own host acting on its own objects while naming the victim's ids as
 * targets (a category, a unit, an account, a portal): refused, or answered without them.
 */
const TARGET_CASES: IdorCase[] = [
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
const EXCLUDED_ARGS: Record<string, string> = {
  // --- editable site structure ---
  'Mutation.createSiteCategory(input.slug)':
    'the address word chosen for a new category of the portal named by tenantId, not a reference to an object',
  'Mutation.updateSiteCategory(input.slug)':
    'the new address word of the category named by input.id (covered), not a reference to another object',
  'Mutation.createContent(input.slug)':
    'the address chosen for a new item on one’s own portal, not a reference to an object (slugs are per portal)',
};

function dataOf<T>(res: GqlResponse<T>): T {
  if (res.body.errors?.length || !res.body.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors ?? res.body)}`);
  return res.body.data;
}

/** Why an answer is not a clean refusal (null when it is one). */
function notRefused(res: GqlResponse, options: { emptyRequired: boolean }): string | null {
  if (res.status >= 500 || res.status === 0) return `HTTP ${res.status}`;
  if (res.text.toLowerCase().includes(MARK)) return `leaks a private marker: ${res.text.slice(0, 400)}`;
  for (const e of res.body.errors ?? []) {
    const code = String(e.extensions?.code ?? '');
    if (!REFUSAL.test(code)) return `error ${code}: ${e.message}`;
  }
  if (!options.emptyRequired) return null;
  for (const [field, value] of Object.entries(res.body.data ?? {})) {
    const problem = nonEmpty(value);
    if (problem) return `${field} answered ${problem}: ${JSON.stringify(value).slice(0, 400)}`;
  }
  return null;
}

/** An InputError about one of the given argument paths (`plan.categoryMapping.0.sourceCategoryId` → `input.plan…`). */
function namesForeignArgument(value: unknown, paths: string[]): boolean {
  const e = value as { __typename?: string; field?: string | null } | null;
  if (e?.__typename !== 'InputError' || !e.field) return false;
  const field = e.field.replace(/\.\d+(?=\.|$)/g, '');
  return paths.some((p) => p === field || p.endsWith(`.${field}`));
}

/** A field value that gives nothing: null, [], a connection without nodes, a refusal InputError. */
function nonEmpty(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : `${value.length} rows`;
  if (typeof value !== 'object') return `the value ${JSON.stringify(value)}`;
  const obj = value as Record<string, unknown>;
  if (obj.__typename === 'InputError')
    return REFUSAL.test(String(obj.errorCode)) ? null : `InputError ${String(obj.errorCode)}`;
  if (Array.isArray(obj.nodes)) return obj.nodes.length === 0 ? null : `${obj.nodes.length} nodes`;
  return `a ${String(obj.__typename ?? 'value')}`;
}

describe('security suite (defence in depth)', () => {
  let t: TestApp;
  let db: Client;
  let dataDir: string;
  const tokens: Partial<Record<Who | string, string>> = {};
  const accounts: Record<string, string> = {};

  const gql = <T = Record<string, any>>(
    host: string,
    who: string | null,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => t.gql<T>(host, query, variables, { token: who ? tokens[who] : null, headers });
  const ok = async <T = Record<string, any>>(
    host: string,
    who: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => dataOf(await gql<T>(host, who, query, variables));
  /** The single root field of a mutation that must have succeeded (not an InputError). */
  const done = async (
    host: string,
    who: string | null,
    query: string,
    variables: Record<string, unknown>,
  ) => {
    const data = await ok(host, who, query, variables);
    const value = Object.values(data)[0] as Record<string, any>;
    if (value?.__typename === 'InputError')
      throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(value)}`);
    return value;
  };
  const raw = (options: {
    method?: string;
    path: string;
    host: string;
    headers?: Record<string, string>;
    body?: Buffer;
  }) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; text: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: t.port,
            method: options.method ?? 'GET',
            path: options.path,
            headers: {
              host: options.host,
              ...(options.body ? { 'content-length': String(options.body.length) } : {}),
              ...options.headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = Buffer.concat(chunks);
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body,
                text: body.toString('utf8'),
              });
            });
          },
        );
        req.on('error', reject);
        req.end(options.body);
      },
    );
  const multipart = (fields: Record<string, string>, fileName: string, data: Buffer) => {
    const boundary = `----sec${randomUUID()}`;
    const body = Buffer.concat([
      ...Object.entries(fields).map(([k, value]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${value}\r\n`),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { body, contentType: `multipart/form-data; boundary=${boundary}` };
  };

  /** An account on `home` holding each of `roles` on `roleHost` (granted as the system), logged in. */
  const officer = async (
    key: string,
    home: string,
    roles: Role[],
    scope = RoleScope.TENANT,
    roleHost = home,
  ): Promise<string> => {
    const id = await t.createAccount({ username: key, homeHost: home });
    for (const role of roles) {
      const granted = await t.app.get(RoleAssignmentService).grant(systemContext('test'), {
        accountId: id,
        tenantId: t.tenant(roleHost).id,
        role,
        scope,
      });
      if (!granted.ok) throw new Error(`grant ${key} ${role}: ${granted.error.code}`);
      accounts[`${key}:${role}`] = granted.value.id;
    }
    accounts[key] = id;
    tokens[key] = (await t.login(key, home)).accessToken;
    return id;
  };

  const ITEM = `__typename ... on ContentItem { id slug } ... on InputError { errorCode field message }`;
  const CREATE = `mutation($i: CreateContentInput!) { createContent(input: $i) { ${ITEM} } }`;
  const advance = async (itemId: string, actions: WorkflowAction[]) => {
    for (const a of actions) {
      const r = await t.app.get(EditorialService).transition(systemContext('test'), itemId, a);
      if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
    }
  };
  const TO_APPROVED = [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW, WorkflowAction.APPROVE];
  const TO_LIVE = [...TO_APPROVED, WorkflowAction.PUBLISH];
  /** Creates an item as `who` on `host` (kind NEWS unless said), moved along the workflow as the system. */
  const item = async (
    host: string,
    who: string,
    title: string,
    input: Record<string, unknown> = {},
    actions: WorkflowAction[] = [],
  ): Promise<{ id: string; slug: string }> => {
    const created = (await done(host, who, CREATE, {
      i: {
        tenantId: t.tenant(host).id,
        kind: 'NEWS',
        title,
        bodyHtml: `<p>${title}: nội dung.</p>`,
        authorName: 'Văn phòng UBND',
        source: 'UBND',
        fields: { eventDate: '2026-11-20' },
        ...input,
      },
    })) as { id: string; slug: string };
    await advance(created.id, actions);
    return created;
  };
  const categoryOf = async (host: string, kind: string | null = null): Promise<string> => {
    const { rows } = await db.query(
      `SELECT id FROM categories WHERE tenant_id = $1 AND ($2::text IS NULL OR content_kind = $2)
        ORDER BY parent_id NULLS FIRST, position LIMIT 1`,
      [t.tenant(host).id, kind],
    );
    if (!rows[0]) throw new Error(`no category on ${host}`);
    return rows[0].id;
  };
  const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) {
    __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
  const ask = async (host: string, text: string, attachmentId: string | null = null) => {
    const receipt = await done(host, null, ASK, {
      i: {
        type: 'QUESTION',
        name: `Nguyễn Văn ${MARK}`,
        email: `${MARK}.asker@example.vn`,
        phone: '0912345678',
        topic: 'Đất đai',
        text,
        attachmentId,
        proof: { website: '' },
      },
    });
    const { rows } = await db.query('SELECT id FROM questions WHERE tracking_code = $1', [
      receipt.trackingCode,
    ]);
    return { id: rows[0].id as string, code: receipt.trackingCode as string };
  };
  const uploadQuestionFile = async (host: string) => {
    const { body, contentType } = multipart({ website: '' }, `${MARK}-ban-ve.pdf`, TINY_PDF);
    const res = await raw({
      method: 'POST',
      path: '/questions/attachments',
      host,
      headers: { 'content-type': contentType },
      body,
    });
    if (res.status !== 201) throw new Error(`question file: ${res.status} ${res.text}`);
    return JSON.parse(res.text).id as string;
  };
  const Q_RESULT = `__typename ... on Question { id status } ... on InputError { errorCode field }`;

  /** A hash of every table an attack could change (jobs' own tables and sessions aside). */
  const FINGERPRINTED = [
    'tenants',
    'tenant_hosts',
    'categories',
    'menu_items',
    'accounts',
    'role_assignments',
    'content_items',
    'content_revisions',
    'content_url_aliases',
    'legal_document_status',
    'legal_document_relations',
    'public_services',
    'attachments',
    'media_files',
    'editorial_states',
    'workflow_events',
    'approval_delegations',
    'question_units',
    'question_unit_members',
    'questions',
    'question_events',
    'question_attachments',
    'sent_information',
    'dialogue_sessions',
    'dialogue_guests',
    'dialogue_questions',
    'draft_comments',
    'consultation_summaries',
    'consultation_settings',
    'portal_ratings',
    'syndication_rules',
    'syndications',
    'report_exports',
    'calendar_overrides',
    'deadline_policy_assignments',
    'royalty_profile_assignments',
    'royalty_budgets',
    'royalty_collaborators',
    'royalty_grades',
    'royalty_grade_authors',
    'royalty_statements',
    'royalty_statement_lines',
    'royalty_statement_adjustments',
    'audit_log',
  ];
  const fingerprint = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const table of FINGERPRINTED) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${table} x`,
      );
      out[table] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portal-security-'));
    t = await startTestApp({
      dataDir,
      runJobs: false,
      // Every attack here comes from one loopback address: the per-address limits are raised out of
      // the way (they have their own tests), the per-username lockout is the default one.
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, perAddress: 100_000 },
      publicWrites: {
        perAddress: 100_000,
        perPortal: 100_000,
        windowSeconds: 60,
        challenge: 'none',
        refusalDelayMs: 0,
      },
    });
    await t.apply(SMALL_TREES.city);
    await t.apply(SMALL_TREES.province);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    for (const host of [KG, RG, RG_WARD, RG_WARD2, CT, CT_TOWN, HCM]) v[host] = t.tenant(host).id;

    // --- the actors ---
    const ALL_ROLES = [
      Role.OWNER,
      Role.MANAGER,
      Role.OPERATOR,
      Role.BOARD_HEAD,
      Role.BOARD_DEPUTY,
      Role.BOARD_MEMBER,
      Role.CONTRIBUTOR,
    ];
    await officer('sibling', CT, ALL_ROLES, RoleScope.SUBTREE);
    await officer(
      'foreignTree',
      HCM,
      [Role.OWNER, Role.MANAGER, Role.OPERATOR, Role.BOARD_HEAD],
      RoleScope.SUBTREE,
    );
    v.rgOfficerAccount = await officer(`${MARK}-officer`, RG, [
      Role.OWNER,
      Role.MANAGER,
      Role.OPERATOR,
      Role.BOARD_HEAD,
      Role.BOARD_MEMBER,
    ]);
    tokens.victimOfficer = tokens[`${MARK}-officer`];
    await officer(`${MARK}-writer`, RG, [Role.CONTRIBUTOR]);
    await officer(`${MARK}-deputy`, RG, [Role.BOARD_DEPUTY]);
    await officer(`${MARK}-member`, RG, [Role.BOARD_MEMBER]);
    await officer(`${MARK}-ward`, RG_WARD, [Role.BOARD_HEAD]);
    await officer('town-head', CT_TOWN, [Role.BOARD_HEAD]);
    accounts.resident = await t.createAccount({ username: `${MARK}-resident`, homeHost: RG });
    accounts.suspended = await t.createAccount({ username: `${MARK}-suspended`, homeHost: RG });
    const OFFICER = `${MARK}-officer`;
    await done(
      RG,
      OFFICER,
      `mutation($id: String!) { suspendAccount(accountId: $id, reason: "nghỉ việc") { __typename ... on Account { status } ... on InputError { errorCode } } }`,
      { id: accounts.suspended },
    );

    // --- the victim's content ---
    v.rgNewsCategory = await categoryOf(RG);
    v.rgWard2Category = await categoryOf(RG_WARD2);
    const draft = await item(RG, OFFICER, `Dự thảo tin nội bộ ${MARK} số 1`, {
      categoryId: v.rgNewsCategory,
    });
    await done(
      RG,
      OFFICER,
      `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`,
      {
        id: draft.id,
        i: {
          title: `Dự thảo tin nội bộ ${MARK} số 1, sửa lần 2`,
          bodyHtml: `<p>Bản sửa ${MARK}.</p>`,
          authorName: 'Văn phòng UBND',
          source: 'UBND',
          fields: { eventDate: '2026-11-21' },
        },
      },
    );
    v.rgDraft = draft.id;
    v.rgDraftSlug = draft.slug;
    v.rgApproved = (await item(RG, OFFICER, `Tin chờ đăng ${MARK}`, {}, TO_APPROVED)).id;
    const live = await item(RG, OFFICER, 'Tin công khai của thành phố Rạch Giá', {}, TO_LIVE);
    v.rgLive = live.id;
    v.rgLiveSlug = live.slug;
    // A new draft of the live item: private until it is published.
    await done(
      RG,
      OFFICER,
      `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { ${ITEM} } }`,
      {
        id: live.id,
        i: {
          title: `Bản sửa chưa duyệt ${MARK}`,
          bodyHtml: '<p>Chưa duyệt.</p>',
          authorName: 'Văn phòng UBND',
          source: 'UBND',
          fields: { eventDate: '2026-11-20' },
        },
      },
    );
    v.rgLive2 = (await item(RG, OFFICER, 'Tin công khai thứ hai của Rạch Giá', {}, TO_LIVE)).id;
    const docFields = (opens: string, closes: string) => ({
      kind: 'DRAFT_DOCUMENT',
      fields: { commentOpensAt: opens, commentClosesAt: closes, issuer: 'UBND thành phố Rạch Giá' },
    });
    v.rgDoc = (
      await item(RG, OFFICER, 'Dự thảo quy chế tiếp công dân', docFields(iso(-DAY), iso(30 * DAY)), TO_LIVE)
    ).id;
    v.rgClosedDoc = (
      await item(
        RG,
        OFFICER,
        'Dự thảo quy chế đã hết hạn góp ý',
        docFields(iso(-30 * DAY), iso(-DAY)),
        TO_LIVE,
      )
    ).id;
    const hidden = await item(
      RG,
      OFFICER,
      `Dự thảo chưa công bố ${MARK}`,
      docFields(iso(-DAY), iso(30 * DAY)),
    );
    v.rgHiddenDoc = hidden.id;
    v.rgHiddenDocSlug = hidden.slug;
    v.rgComment = (
      await done(
        RG,
        null,
        `mutation($i: CommentOnDraftInput!) { commentOnDraft(input: $i) { __typename ... on DraftCommentReceipt { id } ... on InputError { errorCode field } } }`,
        {
          i: {
            itemId: v.rgDoc,
            name: `Trần Thị ${MARK}`,
            email: `${MARK}.comment@example.vn`,
            text: `Ý kiến riêng ${MARK}: đề nghị bổ sung giờ tiếp dân.`,
            proof: { website: '' },
          },
        },
      )
    ).id;
    {
      const poll = await done(
        RG,
        OFFICER,
        `mutation($i: CreatePollInput!) { createPoll(input: $i) { __typename ... on Poll { id options { id } } ... on InputError { errorCode field } } }`,
        {
          i: {
            questionVi: 'Thăm dò: giờ tiếp dân có phù hợp?',
            options: [{ labelVi: 'Phù hợp' }, { labelVi: 'Chưa phù hợp' }],
            opensAt: iso(-DAY),
            closesAt: iso(30 * DAY),
            resultsVisibility: 'AFTER_CLOSE',
          },
        },
      );
      v.rgPoll = poll.id;
      v.rgPollOption = poll.options[0].id;
    }
    // --- an online dialogue of the victim's, open for questions, with a citizen's private contact ---
    {
      const dialogue = await done(
        RG,
        OFFICER,
        `mutation($i: DialogueInput!) { scheduleDialogue(input: $i) { __typename ... on Dialogue { id guests { id } } ... on InputError { errorCode field } } }`,
        {
          i: {
            titleVi: 'Giao lưu trực tuyến về giờ tiếp dân',
            topicVi: 'Lãnh đạo thành phố trả lời người dân về giờ tiếp dân.',
            place: 'Hội trường UBND thành phố Rạch Giá',
            startsAt: iso(DAY),
            endsAt: iso(DAY + 2 * 3600 * 1000),
            guests: [
              { kind: 'LEADER', name: 'Nguyễn Văn Khách', jobTitle: 'Chủ tịch UBND', unit: 'UBND thành phố' },
            ],
          },
        },
      );
      v.rgDialogue = dialogue.id;
      v.rgDialogueGuest = dialogue.guests[0].id;
      await done(
        RG,
        OFFICER,
        `mutation($id: ID!) { transitionDialogue(id: $id, step: OPEN_QUESTIONS) { __typename ... on Dialogue { id } ... on InputError { errorCode field } } }`,
        { id: v.rgDialogue },
      );
      const receipt = await done(
        RG,
        null,
        `mutation($i: AskDialogueQuestionInput!) { askDialogueQuestion(input: $i) { __typename ... on DialogueQuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`,
        {
          i: {
            dialogueId: v.rgDialogue,
            name: `Phạm Văn ${MARK}`,
            email: `${MARK}.dialogue@example.vn`,
            text: `Câu hỏi riêng ${MARK}: giờ tiếp dân buổi chiều?`,
            proof: { website: '' },
          },
        },
      );
      v.rgDialogueCode = receipt.trackingCode;
      const { rows } = await db.query('SELECT id FROM dialogue_questions WHERE tracking_code = $1', [
        v.rgDialogueCode,
      ]);
      v.rgDialogueQuestion = rows[0].id;
    }
    // A live legal document of the victim's (public), an unpublished one (private), a relation between them.
    {
      const legal = (number: string) => ({
        kind: 'LEGAL_DOCUMENT',
        fields: {
          form: 'QUYET_DINH',
          issuer: 'UBND thành phố Rạch Giá',
          number,
          issueDate: '2026-01-05',
          excerpt: 'Trích yếu',
        },
      });
      v.rgLegal = (
        await item(RG, OFFICER, 'Quyết định về trật tự đô thị', legal('01/2026/QĐ-UBND'), TO_LIVE)
      ).id;
      v.rgLegalDraft = (
        await item(RG, OFFICER, `Quyết định chưa ban hành ${MARK}`, legal(`02/2026/${MARK}`))
      ).id;
      const related = await done(
        RG,
        OFFICER,
        `mutation($i: ID!, $o: ID!) { relateLegalDocuments(input: { itemId: $i, kind: AMENDS, otherItemId: $o }) {
          __typename ... on LegalDocumentStatus { relations { id } } ... on InputError { errorCode field } } }`,
        { i: v.rgLegal, o: v.rgLegalDraft },
      );
      v.rgLegalRelation = related.relations[0].id;
      await done(
        RG,
        OFFICER,
        `mutation($i: ID!) { setLegalValidity(itemId: $i, input: { validity: IN_FORCE }) { __typename ... on InputError { errorCode field } } }`,
        { i: v.rgLegal },
      );
    }
    // A file attached to the unpublished draft: private.
    {
      const { body, contentType } = multipart({ itemId: v.rgDraft }, `${MARK}-phu-luc.pdf`, TINY_PDF);
      const res = await raw({
        method: 'POST',
        path: '/attachments',
        host: RG,
        headers: { 'content-type': contentType, authorization: `Bearer ${tokens[OFFICER]}` },
        body,
      });
      if (res.status !== 201) throw new Error(`attachment: ${res.status} ${res.text}`);
      v.rgAttachment = JSON.parse(res.text).id;
    }
    // Media items: an unpublished video with its file, an unpublished gallery with a photo.
    {
      v.rgVideo = (await item(RG, OFFICER, `Video ${MARK}`, { kind: 'VIDEO', fields: {} })).id;
      v.rgGallery = (await item(RG, OFFICER, `Ảnh ${MARK}`, { kind: 'PHOTO_GALLERY', fields: {} })).id;
      for (const [role, itemId, name, data, key] of [
        ['video', v.rgVideo, `${MARK}.mp4`, VICTIM_VIDEO, 'rgVideoFile'],
        ['photo', v.rgGallery, `${MARK}.png`, TINY_PNG, 'rgPhoto'],
      ] as const) {
        const { body, contentType } = multipart({ itemId }, name, data);
        const res = await raw({
          method: 'POST',
          path: `/media/${role}`,
          host: RG,
          headers: { 'content-type': contentType, authorization: `Bearer ${tokens[OFFICER]}` },
          body,
        });
        if (res.status !== 201) throw new Error(`media: ${res.status} ${res.text}`);
        v[key] = JSON.parse(res.text).id;
      }
    }

    // --- questions, a unit, files ---
    v.rgUnit = (
      await done(
        RG,
        OFFICER,
        `mutation($i: CreateQuestionUnitInput!) { createQuestionUnit(input: $i) { __typename ... on QuestionUnit { id } ... on InputError { errorCode field } } }`,
        { i: { tenantId: v[RG], name: `Phòng ${MARK}`, memberAccountIds: [accounts[`${MARK}-writer`]] } },
      )
    ).id;
    const q = async (n: number) => ask(RG, `Câu hỏi riêng ${MARK} số ${n}: thủ tục cấp giấy chứng nhận?`);
    const qReceived = await q(1);
    v.qReceived = qReceived.id;
    v.qReceivedCode = qReceived.code;
    const route = (id: string) =>
      done(RG, OFFICER, `mutation($id: ID!, $u: ID) { routeQuestion(id: $id, unitId: $u) { ${Q_RESULT} } }`, {
        id,
        u: v.rgUnit,
      });
    const answer = (id: string) =>
      done(
        RG,
        `${MARK}-writer`,
        `mutation($id: ID!, $a: String!) { draftQuestionAnswer(id: $id, answer: $a) { ${Q_RESULT} } }`,
        { id, a: `Trả lời nội bộ ${MARK}.` },
      );
    v.qRouted = (await q(2)).id;
    await route(v.qRouted);
    v.qAnswered = (await q(3)).id;
    await route(v.qAnswered);
    await answer(v.qAnswered);
    v.qApproved = (await q(4)).id;
    await route(v.qApproved);
    await answer(v.qApproved);
    await done(RG, OFFICER, `mutation($id: ID!) { approveQuestionAnswer(id: $id) { ${Q_RESULT} } }`, {
      id: v.qApproved,
    });
    v.qWithFile = (await ask(RG, `Câu hỏi kèm bản vẽ ${MARK}`, await uploadQuestionFile(RG))).id;
    v.rgQuestionFile = await uploadQuestionFile(RG); // sent, not yet named by a question

    // --- information sent to the board, with a file (the website form) ---
    {
      const { body, contentType } = multipart(
        {
          name: `Đỗ Văn ${MARK}`,
          email: `${MARK}.sender@example.vn`,
          title: 'Tin gửi Ban Biên tập thành phố Rạch Giá',
          body: `Nội dung riêng gửi Ban Biên tập ${MARK}, chưa được đăng.`,
          website: '',
        },
        `${MARK}-tu-lieu.pdf`,
        TINY_PDF,
      );
      const res = await raw({
        method: 'POST',
        path: '/gui-thong-tin',
        host: RG,
        headers: { 'content-type': contentType },
        body,
      });
      if (res.status !== 303) throw new Error(`sent information: ${res.status} ${res.text.slice(0, 300)}`);
      v.rgSentCode = decodeURIComponent(String(res.headers.location).split('ma=')[1]);
      const { rows } = await db.query('SELECT id FROM sent_information WHERE tracking_code = $1', [
        v.rgSentCode,
      ]);
      v.rgSent = rows[0].id;
    }

    // --- federation: proposals received, a copy accepted, a push down, a rule ---
    const PROPOSE = `mutation($item: ID!) { proposeSyndication(itemId: $item) { __typename ... on Syndication { id } ... on InputError { errorCode } } }`;
    const wardA = await item(RG_WARD, `${MARK}-ward`, 'Tin phường 1 đề xuất lên thành phố', {}, TO_LIVE);
    v.synProposed = (await done(RG_WARD, `${MARK}-ward`, PROPOSE, { item: wardA.id })).id;
    const wardB = await item(RG_WARD, `${MARK}-ward`, 'Tin phường 1 đã được đăng lại', {}, TO_LIVE);
    v.synAccepted = (await done(RG_WARD, `${MARK}-ward`, PROPOSE, { item: wardB.id })).id;
    await done(
      RG,
      OFFICER,
      `mutation($i: AcceptSyndicationInput!) { acceptSyndication(input: $i) { __typename ... on Syndication { id state } ... on InputError { errorCode } } }`,
      { i: { id: v.synAccepted } },
    );
    const pushed = await done(
      RG,
      OFFICER,
      `mutation($i: PushItemInput!) { pushItem(input: $i) { __typename ... on PushOutcome { pushed { id } } ... on InputError { errorCode field } } }`,
      { i: { itemId: v.rgLive, targets: { tenantIds: [v[RG_WARD]] }, placement: 'PINNED' } },
    );
    v.synPushed = pushed.pushed[0].id;
    v.rgRule = (
      await done(
        RG,
        OFFICER,
        `mutation($i: SyndicationRuleInput!) { createSyndicationRule(input: $i) { __typename ... on SyndicationRule { id } ... on InputError { errorCode field } } }`,
        { i: { tenantId: v[RG], kinds: ['LEGAL_DOCUMENT'] } },
      )
    ).id;

    // --- calendar, delegation, rating, report file ---
    v.rgOverride = (
      await done(
        RG,
        OFFICER,
        `mutation($i: SetCalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename ... on CalendarOverride { id } ... on InputError { errorCode field } } }`,
        {
          i: {
            tenantId: v[RG],
            date: '2026-12-24',
            working: false,
            nameVi: 'Nghỉ theo quyết định của thành phố',
            source: 'Quyết định 9/QĐ-UBND',
          },
        },
      )
    ).id;
    await done(
      RG,
      OFFICER,
      `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) { __typename ... on ApprovalDelegation { id } ... on InputError { errorCode field } } }`,
      {
        i: {
          tenantId: v[RG],
          deputyAccountId: accounts[`${MARK}-deputy`],
          validFrom: iso(-DAY),
          validTo: iso(DAY),
        },
      },
    );
    await done(
      RG,
      null,
      `mutation { ratePortal(input: { interface: 5, content: 4, quality: 4, support: 5, proof: { website: "" } }) { __typename ... on PortalRatingReceipt { id } ... on InputError { errorCode } } }`,
      {},
    );
    v.rgExport = (
      await done(
        RG,
        OFFICER,
        `mutation { requestReportExport(period: "2026", format: CSV) { __typename ... on ReportExport { id } ... on InputError { errorCode field } } }`,
        {},
      )
    ).id;
    await t.app.get(ReportExportJobService).run(v.rgExport);
    v.rgExportRequester = accounts[OFFICER];

    // Royalties: a collaborator with payment details, a graded item (graded by the deputy under a
    // delegation: the officer wrote the items), a drafted statement.
    v.rgCollaborator = (
      await done(
        RG,
        OFFICER,
        `mutation($t: ID!) { createCollaborator(input: { tenantId: $t, penName: "Bút danh ${MARK}", realName: "Người viết ${MARK}", bankAccount: "0123456789", bankName: "Ngân hàng ${MARK}" }) { __typename ... on Collaborator { id } ... on InputError { errorCode field } } }`,
        { t: v[RG] },
      )
    ).id;
    await done(
      RG,
      OFFICER,
      `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) { __typename ... on InputError { errorCode field } } }`,
      {
        i: {
          tenantId: v[RG],
          deputyAccountId: accounts[`${MARK}-deputy`],
          validFrom: new Date(Date.now() - 60_000).toISOString(),
          validTo: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    );
    v.rgGraded = v.rgLive;
    await done(
      RG,
      `${MARK}-deputy`,
      `mutation($i: ID!, $c: ID!) { gradeItem(input: { itemId: $i, genre: "NEWS", coefficient: "5", authors: [{ collaboratorId: $c, share: "100" }] }) { __typename ... on RoyaltyGrade { id } ... on InputError { errorCode field } } }`,
      { i: v.rgLive, c: v.rgCollaborator },
    );
    v.rgStatement = (
      await done(
        RG,
        OFFICER,
        `mutation($t: ID!) { draftRoyaltyStatement(tenantId: $t, month: "2026-11") { __typename ... on RoyaltyStatement { id } ... on InputError { errorCode field } } }`,
        { t: v[RG] },
      )
    ).id;

    // --- the sibling's own objects, for the foreign-target cases ---
    v.ctCategory = await categoryOf(CT);
    // The editable site structure: the victim's second category and menu entries, the sibling's entry.
    v.rgCategory2 = (
      await db.query(
        'SELECT id FROM categories WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY position OFFSET 1 LIMIT 1',
        [v[RG]],
      )
    ).rows[0].id;
    const menuOf = async (tenantId: string) =>
      (
        await db.query(
          `SELECT id FROM menu_items WHERE tenant_id = $1 AND menu = 'MAIN' ORDER BY position LIMIT 2`,
          [tenantId],
        )
      ).rows as Array<{ id: string }>;
    [v.rgMenuEntry, v.rgMenuEntry2] = (await menuOf(v[RG])).map((r) => r.id);
    v.ctMenuEntry = (await menuOf(v[CT]))[0].id;
    v.ctLive = (await item(CT, 'sibling', 'Tin công khai của huyện Châu Thành', {}, TO_LIVE)).id;
    v.ctLegal = (
      await item(
        CT,
        'sibling',
        'Quyết định của huyện Châu Thành',
        {
          kind: 'LEGAL_DOCUMENT',
          fields: {
            form: 'QUYET_DINH',
            issuer: 'Phòng Tư pháp huyện',
            number: '05/2026/QĐ-UBND',
            issueDate: '2026-02-01',
            excerpt: 'Trích yếu',
          },
        },
        TO_LIVE,
      )
    ).id;
    v.ctQuestion = (await ask(CT, 'Câu hỏi gửi huyện Châu Thành về thủ tục đất đai')).id;
    {
      const receipt = await done(
        CT,
        null,
        `mutation($i: SendInformationInput!) { sendInformation(input: $i) { __typename ... on SentInformationReceipt { trackingCode } ... on InputError { errorCode field } } }`,
        {
          i: {
            name: 'Người gửi Châu Thành',
            email: 'nguoigui@example.vn',
            title: 'Tin gửi Ban Biên tập huyện Châu Thành',
            body: 'Nội dung gửi Ban Biên tập huyện Châu Thành để xem xét đăng tải.',
            proof: { website: '' },
          },
        },
      );
      const { rows } = await db.query('SELECT id FROM sent_information WHERE tracking_code = $1', [
        receipt.trackingCode,
      ]);
      v.ctSent = rows[0].id;
    }
    v.ctUnit = (
      await done(
        CT,
        'sibling',
        `mutation($i: CreateQuestionUnitInput!) { createQuestionUnit(input: $i) { __typename ... on QuestionUnit { id } ... on InputError { errorCode field } } }`,
        { i: { tenantId: v[CT], name: 'Phòng Tài nguyên', memberAccountIds: [] } },
      )
    ).id;
    const townItem = await item(CT_TOWN, 'town-head', 'Tin thị trấn Minh Lương', {}, TO_LIVE);
    v.ctProposal = (await done(CT_TOWN, 'town-head', PROPOSE, { item: townItem.id })).id;

    v.officer = accounts[OFFICER];
    v.writer = accounts[`${MARK}-writer`];
    v.deputy = accounts[`${MARK}-deputy`];
    v.member = accounts[`${MARK}-member`];
    v.memberAssignment = accounts[`${MARK}-member:${Role.BOARD_MEMBER}`];
    v.resident = accounts.resident;
    v.suspended = accounts.suspended;
    const { rows: ward2Categories } = await db.query('SELECT id FROM categories WHERE tenant_id = $1', [
      v[RG_WARD2],
    ]);
    v.ward2CategoryMapping = JSON.stringify(
      ward2Categories.map((r: { id: string }) => ({ sourceCategoryId: r.id, targetCategoryId: null })),
    );
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const tokenOf = (who: Who | null) => (who && who !== 'anonymous' ? (tokens[who] ?? null) : null);
  const attack = (c: IdorCase, ctx: AttackContext) =>
    t.gql(ctx.host, c.query, c.vars(), { token: tokenOf(ctx.who) });
  /**
   * Why this answer to `c` is not a refusal (null when it is one). With `target`, the caller acts on
   * its own object and an InputError naming the foreign argument (`field`) is the refusal.
   */
  const judge = (c: IdorCase, host: string, res: GqlResponse, target = false): string | null => {
    const problem = notRefused(res, { emptyRequired: false });
    if (problem) return problem;
    if (c.publicByDesign || (c.publicOnVictimHost && host === RG)) return null;
    for (const [field, value] of Object.entries(res.body.data ?? {})) {
      if (target && namesForeignArgument(value, c.foreign)) continue;
      if (c.refused && value !== null && value.__typename !== 'InputError' && c.refused(value)) continue;
      const answered = nonEmpty(value);
      if (answered) return `${field} answered ${answered}: ${JSON.stringify(value).slice(0, 300)}`;
    }
    return null;
  };

  describe('IDOR: every id-taking operation, called with the ids of another portal', () => {
    let before: Record<string, string>;
    beforeAll(async () => {
      before = await fingerprint();
    });

    it('covers every id-taking Query and Mutation field and argument of the schema, and every id-taking HTTP endpoint', () => {
      const schema = idTakingFields();
      // The walk finds nested inputs and lists of ids (so a new one cannot hide in an input type).
      expect(schema.get('Mutation.mergeTenants')).toContain('input.plan.roleMapping.assignmentId');
      expect(schema.get('Mutation.pushItem')).toContain('input.targets.tenantIds');
      expect(schema.get('Query.questionStatus')).toEqual(['trackingCode']);
      const covered = new Set(
        [...IDOR_CASES, ...TARGET_CASES].flatMap((c) => c.foreign.map((a) => `${c.op}(${a})`)),
      );
      const missing: string[] = [];
      for (const [op, paths] of schema) {
        if (!IDOR_CASES.some((c) => c.op === op)) missing.push(`${op}: no case`);
        for (const path of paths) {
          const key = `${op}(${path})`;
          if (!covered.has(key) && !EXCLUDED_ARGS[key]) missing.push(key);
        }
      }
      expect(missing).toEqual([]);
      // And nothing in the map names an operation or argument the schema no longer has.
      const known = new Set([...schema].flatMap(([op, paths]) => paths.map((p) => `${op}(${p})`)));
      const stale = [...covered, ...Object.keys(EXCLUDED_ARGS)].filter((key) => !known.has(key));
      expect(stale).toEqual([]);
      for (const reason of Object.values(EXCLUDED_ARGS)) expect(reason.length).toBeGreaterThan(20);
      expect(HTTP_CASES.map((c) => c.endpoint).sort()).toEqual(idTakingEndpoints().sort());
    });

    it('the victim’s own officer on its own host reads what the attacks below must not (the checks can fail)', async () => {
      const SEEN_BY_OWNER = [
        'account by id',
        'legalDocumentStatus of an unpublished legal document',
        'contentItems of the victim portal, by its category and author',
        'accounts of the victim portal',
        'audit log of the victim portal',
        'role assignments of a victim account on the victim portal',
        'contentItem of an unpublished draft',
        'contentItem of a live item with a private new draft',
        'contentHistory',
        'contentRevisions',
        'compareRevisions',
        'draftCommentQueue of the victim portal and draft',
        'portalRatings of the victim portal',
        'question by id',
        'questionHistory',
        'sentInformationItem of the victim portal',
        'dialogue of the victim portal',
        'questionUnits of the victim portal',
        'itemSyndications of a live item',
        'receivedSyndications of the victim portal',
        'syndicationRules of the victim portal',
        'reportExport asked for by the victim’s officer',
        'itemMedia of an unpublished video item',
      ];
      const WITH_MARK = [
        'account by id',
        'itemMedia of an unpublished video item',
        'contentItems of the victim portal, by its category and author',
        'contentItem of an unpublished draft',
        'contentItem of a live item with a private new draft',
        'contentRevisions',
        'draftCommentQueue of the victim portal and draft',
        'question by id',
        'questionUnits of the victim portal',
        'sentInformationItem of the victim portal',
        'dialogue of the victim portal',
      ];
      for (const name of SEEN_BY_OWNER) {
        const c = IDOR_CASES.find((x) => x.name === name)!;
        const res = await attack(c, { label: 'owner', who: 'victimOfficer', host: RG });
        expect({ name, errors: res.body.errors }).toEqual({ name, errors: undefined });
        expect({ name, refused: judge(c, CT, res) === null }).toEqual({ name, refused: false });
        if (WITH_MARK.includes(name)) expect(res.text).toContain(MARK);
      }
      for (const c of HTTP_CASES.filter((x) => x.file || x.endpoint.endsWith('/file'))) {
        const res = await raw({
          path: c.path(),
          host: RG,
          headers: { authorization: `Bearer ${tokens.victimOfficer}` },
        });
        expect({ endpoint: c.endpoint, status: res.status }).toEqual({ endpoint: c.endpoint, status: 200 });
      }
    });

    it.each(IDOR_CASES.map((c) => [`${c.op} – ${c.name}`, c] as const))(
      '%s: refused to every attacker, nothing leaked',
      async (_name, c) => {
        const failures: string[] = [];
        for (const ctx of CONTEXTS) {
          if (c.notOnVictimHost && ctx.host === RG) continue;
          const problem = judge(c, ctx.host, await attack(c, ctx));
          if (problem) failures.push(`${ctx.label}: ${problem}`);
        }
        expect(failures).toEqual([]);
      },
    );

    it.each(TARGET_CASES.map((c) => [`${c.op} – ${c.name}`, c] as const))(
      'foreign target: %s',
      async (_name, c) => {
        const problem = judge(c, CT, await attack(c, { label: 'sibling', who: 'sibling', host: CT }), true);
        expect(problem).toBeNull();
      },
    );

    it.each(HTTP_CASES.map((c) => [c.endpoint, c] as const))(
      '%s with the victim’s private object: 401/404 to every attacker, nothing leaked',
      async (_endpoint, c) => {
        const failures: string[] = [];
        for (const ctx of CONTEXTS) {
          if (c.publicOnVictimHost && ctx.host === RG) continue;
          const token = tokenOf(ctx.who);
          const form = c.form ? Buffer.from(new URLSearchParams(c.form()).toString()) : undefined;
          const res = await raw({
            method: form ? 'POST' : 'GET',
            path: c.path(),
            host: ctx.host,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            },
            body: form,
          });
          if (![401, 403, 404].includes(res.status)) failures.push(`${ctx.label}: HTTP ${res.status}`);
          // A page may repeat the address it was asked for (its canonical and language links): that
          // is the attacker's own input, not a leak; anything else carrying the marker is.
          const answered = res.text.split(c.path()).join('');
          if (answered.toLowerCase().includes(MARK))
            failures.push(`${ctx.label}: leaks ${answered.slice(0, 200)}`);
          if (c.file && res.body.includes(c.file)) failures.push(`${ctx.label}: sent the file`);
        }
        expect(failures).toEqual([]);
      },
    );

    it('changed nothing in the database', async () => {
      expect(await fingerprint()).toEqual(before);
    });
  });

  describe('host header spoofing (normalisation itself: tenancy-routing.e2e-spec.ts)', () => {
    const PORTAL = '{ portal { id } }';
    const DRAFT = `query($id: String!) { contentItem(id: $id) { id working { title } } }`;
    const portalOf = async (host: string, headers: Record<string, string> = {}) =>
      (await t.gql<{ portal: { id: string } }>(host, PORTAL, {}, { headers })).body.data?.portal.id;

    it.each([
      'nowhere.gov.vn',
      'rachgia.kiengiang.gov.vn.evil.example',
      'evil-rachgia.kiengiang.gov.vn',
      'xrachgia.kiengiang.gov.vn',
      'rachgia.kiengiang.gov.vn@evil.example',
      'evil.example:80@rachgia.kiengiang.gov.vn',
      'rachgia..kiengiang.gov.vn',
      'kiengiang',
      '[::1]',
      '0x7f000001',
    ])(
      'an unknown host %s is 404 UNKNOWN_HOST, with a token and a forwarded header naming the victim too',
      async (host) => {
        const variants: Array<Record<string, string>> = [
          {},
          { authorization: `Bearer ${tokens.victimOfficer}` },
          { 'x-forwarded-host': RG, forwarded: `host=${RG}` },
        ];
        for (const headers of variants) {
          const res = await t.gql(host, DRAFT, { id: v.rgDraft }, { headers });
          expect({ host, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
            host,
            status: 404,
            code: 'UNKNOWN_HOST',
          });
          expect(res.body.data).toBeUndefined();
          expect(res.text.toLowerCase()).not.toContain(MARK);
        }
      },
    );

    it('a port, a trailing dot or upper case name the same portal and give no other rights', async () => {
      for (const host of [
        'RACHGIA.KIENGIANG.GOV.VN',
        'rachgia.kiengiang.gov.vn.',
        'rachgia.kiengiang.gov.vn:8443',
        'Rachgia.Kiengiang.Localhost:3000',
      ]) {
        expect(await portalOf(host)).toBe(v[RG]);
        // The victim's officer reads its draft there; the sibling's officer does not.
        const own = await gql<{ contentItem: { id: string } | null }>(host, 'victimOfficer', DRAFT, {
          id: v.rgDraft,
        });
        expect(own.body.data?.contentItem?.id).toBe(v.rgDraft);
        const other = await gql<{ contentItem: unknown }>(host, 'sibling', DRAFT, { id: v.rgDraft });
        expect(other.body.data?.contentItem).toBeNull();
      }
      for (const host of ['CHAUTHANH.KIENGIANG.GOV.VN.', 'chauthanh.kiengiang.gov.vn:443']) {
        const res = await gql<{ contentItem: unknown }>(host, 'victimOfficer', DRAFT, { id: v.rgDraft });
        expect(res.body.data?.contentItem).toBeNull();
        expect(res.text.toLowerCase()).not.toContain(MARK);
      }
    });

    it('X-Forwarded-Host, Forwarded and their cousins are ignored when no proxy is trusted', async () => {
      const spoofs: Array<Record<string, string>> = [
        { 'x-forwarded-host': RG },
        { 'x-forwarded-host': `${RG}, ${CT}` },
        { forwarded: `for=192.0.2.1;host=${RG};proto=https` },
        { 'x-original-host': RG, 'x-host': RG, 'x-forwarded-server': RG },
      ];
      for (const headers of spoofs) {
        expect(await portalOf(CT, headers)).toBe(v[CT]);
        // The victim's officer cannot step onto its portal through the sibling's host with a header.
        const res = await gql<{ contentItem: unknown }>(
          CT,
          'victimOfficer',
          DRAFT,
          { id: v.rgDraft },
          headers,
        );
        expect(res.body.data?.contentItem).toBeNull();
        expect(res.text.toLowerCase()).not.toContain(MARK);
      }
    });

    /** One request written by hand on a socket (absolute URIs, duplicate headers). */
    const rawSocket = (lines: string[], body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const socket = connect(t.port, '127.0.0.1', () => {
          socket.write(
            [...lines, `content-length: ${Buffer.byteLength(body)}`, 'connection: close', '', body].join(
              '\r\n',
            ),
          );
        });
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('error', reject);
        socket.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
        });
      });
    const body = (query: string, variables: Record<string, unknown> = {}) =>
      JSON.stringify({ query, variables });

    it('an absolute-URI request line naming the victim does not move a request off its Host', async () => {
      const auth = `authorization: Bearer ${tokens.victimOfficer}`;
      const portal = await rawSocket(
        [`POST http://${RG}/graphql HTTP/1.1`, `host: ${CT}`, 'content-type: application/json'],
        body(PORTAL),
      );
      expect(portal.status).toBe(200);
      expect(portal.text).toContain(v[CT]);
      expect(portal.text).not.toContain(v[RG]);
      const draft = await rawSocket(
        [`POST http://${RG}/graphql HTTP/1.1`, `host: ${CT}`, 'content-type: application/json', auth],
        body(DRAFT, { id: v.rgDraft }),
      );
      expect(draft.status).toBe(200);
      expect(draft.text).toContain('"contentItem":null');
      expect(draft.text.toLowerCase()).not.toContain(MARK);
    });

    it('two Host headers are refused (400), never answered for the second one', async () => {
      const res = await rawSocket(
        [
          'POST /graphql HTTP/1.1',
          `host: ${CT}`,
          `host: ${RG}`,
          'content-type: application/json',
          `authorization: Bearer ${tokens.victimOfficer}`,
        ],
        body(DRAFT, { id: v.rgDraft }),
      );
      expect(res.status).toBe(400);
      expect(res.text.toLowerCase()).not.toContain(MARK);
    });

    it('a token issued on one portal is the same account on another host, with only that host’s rights', async () => {
      const ACCOUNTS = `query($t: ID) { accounts(filter: { tenantId: $t, first: 100 }) { nodes { username } } }`;
      // Issued on Châu Thành, where the sibling officer administers accounts…
      const own = dataOf(
        await gql<{ accounts: { nodes: unknown[] } }>(CT, 'sibling', ACCOUNTS, { t: v[CT] }),
      );
      expect(own.accounts.nodes.length).toBeGreaterThan(0);
      // …it still names the account on Rạch Giá’s host (`me`), but the Châu Thành rights stay there.
      const me = dataOf(await gql<{ me: { id: string } }>(RG, 'sibling', '{ me { id } }'));
      expect(me.me.id).toBe(accounts.sibling);
      // (Through the province's host it does read them: Châu Thành lies in Kiên Giang's subtree.)
      for (const host of [RG, RG_WARD, HCM]) {
        const res = await gql<{ accounts: { nodes: unknown[] } | null }>(host, 'sibling', ACCOUNTS, {
          t: v[CT],
        });
        expect(res.body.errors?.[0]?.extensions?.code ?? 'none').toMatch(/^(FORBIDDEN|none)$/);
        expect(res.body.data?.accounts?.nodes ?? []).toEqual([]);
      }
    });
  });

  describe('privilege escalation through role grants', () => {
    const GRANT = `mutation($i: GrantRoleInput!) { grantRole(input: $i) {
      __typename ... on RoleAssignment { id role scope tenantId } ... on InputError { errorCode field } } }`;
    const REVOKE = `mutation($id: String!) { revokeRole(assignmentId: $id) {
      __typename ... on RoleAssignment { id revokedAt } ... on InputError { errorCode field } } }`;
    const TRANSITION = `mutation($id: String!, $a: WorkflowAction!) { transitionContent(itemId: $id, action: $a) {
      __typename ... on ContentItem { id working { status } } ... on InputError { errorCode field } } }`;
    const DELEGATE = `mutation($i: DelegateApprovalInput!) { delegateApproval(input: $i) {
      __typename ... on ApprovalDelegation { id } ... on InputError { errorCode field } } }`;
    /** What a grant can change: roles, platform administrators, delegations. */
    const rights = async () =>
      (
        await db.query(
          `SELECT (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM role_assignments x) AS roles,
                  (SELECT count(*)::int FROM accounts WHERE is_platform_admin) AS admins,
                  (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM approval_delegations x) AS delegations`,
        )
      ).rows[0];
    /** The answer is a typed refusal: FORBIDDEN / NOT_ALLOWED / … (thrown or as an InputError). */
    const refusal = (res: GqlResponse): string => {
      expect(res.status).toBeLessThan(500);
      const thrown = res.body.errors?.[0]?.extensions?.code;
      if (thrown) return String(thrown);
      const value = Object.values(res.body.data ?? {})[0] as { __typename?: string; errorCode?: string };
      return value?.__typename === 'InputError' ? String(value.errorCode) : `granted: ${value?.__typename}`;
    };
    const grant = (host: string, who: string, input: Record<string, unknown>) =>
      gql(host, who, GRANT, { i: input });

    let target: string;
    beforeAll(async () => {
      await officer('esc-manager', RG, [Role.MANAGER]);
      await officer('esc-operator', RG, [Role.OPERATOR]);
      await officer('esc-owner', RG, [Role.OWNER]);
      await officer('esc-head', RG, [Role.BOARD_HEAD]);
      await officer('esc-member', RG, [Role.BOARD_MEMBER]);
      await officer('esc-deputy', RG, [Role.BOARD_DEPUTY]);
      await officer('esc-province', KG, [Role.OPERATOR], RoleScope.SUBTREE);
      target = await t.createAccount({ username: 'esc-target', homeHost: RG });
    });

    it('a manager grants nothing: not OWNER to itself, not any role to anyone, on no portal', async () => {
      const before = await rights();
      for (const role of ['OWNER', 'OPERATOR', 'MANAGER', 'BOARD_HEAD']) {
        for (const [accountId, tenant] of [
          [accounts['esc-manager'], v[RG]],
          [target, v[RG]],
          [target, v[RG_WARD]],
          [target, v[KG]],
        ]) {
          const code = refusal(await grant(RG, 'esc-manager', { accountId, tenantId: tenant, role }));
          expect({ role, code }).toEqual({
            role,
            code: expect.stringMatching(/^(FORBIDDEN|CANNOT_GRANT_SELF)$/),
          });
        }
      }
      expect(await rights()).toEqual(before);
    });

    it('an operator cannot grant OWNER/MANAGER, SUBTREE scope, or roles on its parent, sibling or child portals, through any host', async () => {
      const before = await rights();
      const attempts: Array<[string, Record<string, unknown>]> = [
        [RG, { tenantId: v[RG], role: 'OWNER' }],
        [RG, { tenantId: v[RG], role: 'MANAGER' }],
        [RG, { tenantId: v[RG], role: 'OPERATOR', scope: 'SUBTREE' }],
        [RG, { tenantId: v[RG], role: 'BOARD_HEAD', scope: 'SUBTREE' }],
        [RG, { tenantId: v[KG], role: 'OPERATOR' }],
        [KG, { tenantId: v[KG], role: 'BOARD_MEMBER' }],
        [RG, { tenantId: v[CT], role: 'BOARD_HEAD' }],
        [CT, { tenantId: v[CT], role: 'BOARD_HEAD' }],
        [RG, { tenantId: v[RG_WARD], role: 'OPERATOR' }],
        [RG_WARD, { tenantId: v[RG_WARD], role: 'OWNER' }],
        [KG, { tenantId: v[RG], role: 'OWNER' }],
        [CT, { tenantId: v[RG], role: 'BOARD_MEMBER' }],
      ];
      for (const [host, input] of attempts) {
        const code = refusal(await grant(host, 'esc-operator', { accountId: target, ...input }));
        expect({ host, input, code }).toEqual({ host, input, code: 'FORBIDDEN' });
      }
      // Itself, even a role it may hand out (access-cross-tenant covers a ward operator the same way).
      const self = await grant(RG, 'esc-operator', {
        accountId: accounts['esc-operator'],
        tenantId: v[RG],
        role: 'BOARD_HEAD',
      });
      expect(refusal(self)).toBe('CANNOT_GRANT_SELF');
      expect(await rights()).toEqual(before);
      // The control: the same operator does grant a role of its own portal (so the refusals above are rules).
      expect(
        refusal(await grant(RG, 'esc-operator', { accountId: target, tenantId: v[RG], role: 'CONTRIBUTOR' })),
      ).toBe('granted: RoleAssignment');
    });

    it('board roles and the owner grant and revoke nothing', async () => {
      const before = await rights();
      for (const who of ['esc-owner', 'esc-head', 'esc-deputy', 'esc-member']) {
        for (const role of ['CONTRIBUTOR', 'BOARD_MEMBER', 'OPERATOR']) {
          const code = refusal(await grant(RG, who, { accountId: target, tenantId: v[RG], role }));
          expect({ who, role, code }).toEqual({ who, role, code: 'FORBIDDEN' });
        }
        const revoke = await gql(RG, who, REVOKE, { id: accounts[`esc-member:${Role.BOARD_MEMBER}`] });
        expect({ who, code: refusal(revoke) }).toEqual({ who, code: 'FORBIDDEN' });
      }
      expect(await rights()).toEqual(before);
    });

    it('nobody becomes a platform administrator through the API: no input carries it, no role names it', async () => {
      const before = await rights();
      const CREATE_ACCOUNT_WITH = (extra: string) =>
        `mutation { createAccount(input: { tenantId: "${v[KG]}", username: "esc-admin", displayName: "Quản trị", password: "a-long-enough-passphrase", ${extra} }) { __typename } }`;
      const adminFields = Object.values(SCHEMA.getTypeMap())
        .filter(isInputObjectType)
        .flatMap((type) => Object.keys(type.getFields()).map((f) => `${type.name}.${f}`))
        .filter((f) => /admin|superuser|platform/i.test(f));
      expect(adminFields).toEqual([]);
      const attempts = [
        [CREATE_ACCOUNT_WITH('isPlatformAdmin: true'), 'GRAPHQL_VALIDATION_FAILED'],
        [CREATE_ACCOUNT_WITH('platformAdmin: true'), 'GRAPHQL_VALIDATION_FAILED'],
        [
          `mutation { grantRole(input: { accountId: "${target}", tenantId: "${v[KG]}", role: PLATFORM_ADMIN }) { __typename } }`,
          'GRAPHQL_VALIDATION_FAILED',
        ],
      ] as const;
      for (const [query, code] of attempts) {
        const res = await gql(KG, 'esc-province', query);
        expect(res.status).toBe(400);
        expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
      }
      const viaVariable = await gql(KG, 'esc-province', GRANT, {
        i: { accountId: target, tenantId: v[KG], role: 'ADMIN', isPlatformAdmin: true },
      });
      expect(viaVariable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await rights()).toEqual(before);
      expect(before.admins).toBe(0);
    });

    it('only the province above revokes an owner; the owner, a manager, an operator and the board cannot', async () => {
      const ownerAssignment = accounts[`esc-owner:${Role.OWNER}`];
      const before = await rights();
      for (const who of ['esc-manager', 'esc-operator', 'esc-head', 'esc-owner', 'sibling', 'foreignTree']) {
        for (const host of [RG, CT, KG]) {
          const code = refusal(await gql(host, who, REVOKE, { id: ownerAssignment }));
          expect({ who, host, code }).toEqual({
            who,
            host,
            code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/),
          });
        }
      }
      expect(await rights()).toEqual(before);
      // The province's operator may (OWNER and MANAGER are set up from above).
      expect(refusal(await gql(KG, 'esc-province', REVOKE, { id: ownerAssignment }))).toBe(
        'granted: RoleAssignment',
      );
      expect(
        (await db.query('SELECT revoked_at FROM role_assignments WHERE id = $1', [ownerAssignment])).rows[0]
          .revoked_at,
      ).not.toBeNull();
    });

    it('the province operator cannot make owners of the province itself, reach another tree, or promote itself', async () => {
      const before = await rights();
      for (const [host, input, expected] of [
        [KG, { accountId: target, tenantId: v[KG], role: 'OWNER' }, 'FORBIDDEN'],
        [KG, { accountId: target, tenantId: v[KG], role: 'MANAGER', scope: 'SUBTREE' }, 'FORBIDDEN'],
        [KG, { accountId: target, tenantId: v[HCM], role: 'OPERATOR' }, 'FORBIDDEN'],
        [HCM, { accountId: target, tenantId: v[HCM], role: 'BOARD_MEMBER' }, 'FORBIDDEN'],
        [RG, { accountId: target, tenantId: v[KG], role: 'OPERATOR' }, 'FORBIDDEN'],
        [KG, { accountId: accounts['esc-province'], tenantId: v[RG], role: 'OWNER' }, 'CANNOT_GRANT_SELF'],
      ] as const) {
        expect({ host, input, code: refusal(await grant(host, 'esc-province', input)) }).toEqual({
          host,
          input,
          code: expected,
        });
      }
      expect(await rights()).toEqual(before);
    });

    it('a grant outside its validity window gives nothing, and a revoked role stops the token already issued', async () => {
      const ACCOUNTS = `{ accounts(filter: { first: 5 }) { nodes { id } } }`;
      const holder = await t.createAccount({ username: 'esc-window', homeHost: RG });
      tokens['esc-window'] = (await t.login('esc-window', RG)).accessToken;
      for (const [validFrom, validTo] of [
        ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'],
        [iso(30 * DAY), iso(60 * DAY)],
      ]) {
        const granted = await grant(KG, 'esc-province', {
          accountId: holder,
          tenantId: v[RG],
          role: 'OPERATOR',
          validFrom,
          validTo,
        });
        expect(refusal(granted)).toBe('granted: RoleAssignment');
        expect(refusal(await gql(RG, 'esc-window', ACCOUNTS))).toBe('FORBIDDEN');
      }
      const live = (await grant(KG, 'esc-province', { accountId: holder, tenantId: v[RG], role: 'OPERATOR' }))
        .body.data!.grantRole;
      expect(
        dataOf(await gql<{ accounts: { nodes: unknown[] } }>(RG, 'esc-window', ACCOUNTS)).accounts.nodes
          .length,
      ).toBeGreaterThan(0);
      expect(refusal(await gql(KG, 'esc-province', REVOKE, { id: live.id }))).toBe('granted: RoleAssignment');
      // The same access token, at once: the ability is built from live assignments on every request.
      expect(refusal(await gql(RG, 'esc-window', ACCOUNTS))).toBe('FORBIDDEN');
    });

    it('a report file closes to its requester once the role that allowed it is revoked, and through another portal’s host', async () => {
      await officer('esc-reporter', RG, [Role.MANAGER]);
      const requested = await done(
        RG,
        'esc-reporter',
        `mutation { requestReportExport(period: "2026-H1", format: CSV) { __typename ... on ReportExport { id } ... on InputError { errorCode field } } }`,
        {},
      );
      await t.app.get(ReportExportJobService).run(requested.id);
      const VIEW = `query($id: ID!) { reportExport(id: $id) { status downloadPath } }`;
      const view = (host: string) =>
        gql<{ reportExport: { status: string; downloadPath: string } | null }>(host, 'esc-reporter', VIEW, {
          id: requested.id,
        });
      const done_ = dataOf(await view(RG)).reportExport!;
      expect(done_.status).toBe('DONE');
      const file = (host: string) =>
        raw({
          path: done_.downloadPath,
          host,
          headers: { authorization: `Bearer ${tokens['esc-reporter']}` },
        });
      expect((await file(RG)).status).toBe(200);
      // Through the province's host too (Rạch Giá lies below it) …
      expect((await file(KG)).status).toBe(200);
      // … but not through the sibling's, whose subtree does not hold it.
      expect((await file(CT)).status).toBe(404);
      expect((await view(CT)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // Once the manager role is revoked, the same token no longer opens the file it asked for.
      expect(
        refusal(await gql(KG, 'esc-province', REVOKE, { id: accounts[`esc-reporter:${Role.MANAGER}`] })),
      ).toBe('granted: RoleAssignment');
      expect((await file(RG)).status).toBe(404);
      // (FORBIDDEN here: with no role left, the account reads no report at all.)
      expect((await view(RG)).body.errors?.[0]?.extensions?.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
    });

    describe('approval delegation abuse', () => {
      const inReview = async (host: string, who: string, title: string) =>
        (await item(host, who, title, {}, [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW])).id;
      const delegation = (to: string) => ({
        tenantId: v[RG],
        deputyAccountId: to,
        validFrom: iso(-DAY),
        validTo: iso(DAY),
      });
      const delegate = (who: string, input: Record<string, unknown>, host = RG) =>
        gql(host, who, DELEGATE, { i: input });

      it('only the head delegates, only to a deputy of its own board, never to itself, for a real period', async () => {
        const before = await rights();
        const deputy = accounts['esc-deputy'];
        for (const who of ['esc-member', 'esc-deputy', 'esc-operator', 'esc-owner', 'esc-manager']) {
          expect({ who, code: refusal(await delegate(who, delegation(deputy))) }).toEqual({
            who,
            code: expect.stringMatching(/^(FORBIDDEN|NOT_ALLOWED)$/),
          });
        }
        for (const [input, code] of [
          [delegation(accounts['esc-head']), 'INVALID_DEPUTY'],
          [delegation(accounts['esc-member']), 'NOT_A_DEPUTY'],
          [delegation(accounts['sibling']), 'NOT_A_DEPUTY'],
          [delegation('not-a-uuid'), 'INVALID_DEPUTY'],
          [{ ...delegation(deputy), validFrom: iso(DAY), validTo: iso(-DAY) }, 'INVALID_PERIOD'],
        ] as const) {
          expect({ to: input.deputyAccountId, code: refusal(await delegate('esc-head', input)) }).toEqual({
            to: input.deputyAccountId,
            code,
          });
        }
        // Through the sibling's host the head is nobody's head.
        expect(refusal(await delegate('esc-head', delegation(deputy), CT))).toMatch(
          /^(FORBIDDEN|NOT_ALLOWED)$/,
        );
        expect(await rights()).toEqual(before);
      });

      it('a deputy under delegation approves neither its own item, nor a ward’s, nor through another host, nor once the head is no longer head', async () => {
        expect(refusal(await delegate('esc-head', delegation(accounts['esc-deputy'])))).toBe(
          'granted: ApprovalDelegation',
        );
        const approve = (who: string, id: string, host = RG) =>
          gql(host, who, TRANSITION, { id, a: 'APPROVE' });
        // Its own item: four eyes win over the delegation.
        const own = await inReview(RG, 'esc-deputy', 'Tin do phó ban tự viết');
        expect(refusal(await approve('esc-deputy', own))).toBe('NOT_ALLOWED');
        // An item of a ward below: the delegation covers the head's board only.
        const ward = await inReview(RG_WARD, `${MARK}-ward`, 'Tin của phường chờ duyệt');
        expect(refusal(await approve('esc-deputy', ward))).toMatch(/^(NOT_ALLOWED|NOT_FOUND)$/);
        // Another's item through the sibling's host: the host bounds the delegation too.
        const other = await inReview(RG, `${MARK}-writer`, 'Tin của cộng tác viên chờ duyệt');
        expect(refusal(await approve('esc-deputy', other, CT))).toMatch(/^(NOT_ALLOWED|NOT_FOUND)$/);
        // The control: on its own host the deputy approves it.
        expect(refusal(await approve('esc-deputy', other))).toBe('granted: ContentItem');
        // Once the head loses the role, the delegation gives nothing (the same deputy token).
        const next = await inReview(RG, `${MARK}-writer`, 'Tin thứ hai của cộng tác viên');
        expect(
          refusal(await gql(KG, 'esc-province', REVOKE, { id: accounts[`esc-head:${Role.BOARD_HEAD}`] })),
        ).toBe('granted: RoleAssignment');
        expect(refusal(await approve('esc-deputy', next))).toBe('NOT_ALLOWED');
        const { rows } = await db.query(
          `SELECT status FROM editorial_states WHERE item_id = ANY($1) ORDER BY status`,
          [[own, ward, next]],
        );
        expect(rows.map((r: { status: string }) => r.status)).toEqual([
          'IN_REVIEW',
          'IN_REVIEW',
          'IN_REVIEW',
        ]);
      });
    });
  });

  describe('tokens reused after logout and after suspension (rotation and lockout: identity-auth.e2e-spec.ts)', () => {
    const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) {
      __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;
    const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
      __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`;
    const ME = '{ me { id username } }';
    const ACCOUNTS = `{ accounts(filter: { first: 5 }) { nodes { id } } }`;
    const codeWith = async (host: string, token: string, query = ME) =>
      (await t.gql(host, query, {}, { token })).body.errors?.[0]?.extensions?.code;

    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claimsOf = (jwt: string) =>
      JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
    const sign = (claims: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }) => {
      const unsigned = `${b64(header)}.${b64(claims)}`;
      return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };

    let province: string;
    beforeAll(async () => {
      await officer('tok-province', KG, [Role.OPERATOR], RoleScope.SUBTREE);
      province = 'tok-province';
    });

    it('after logout (sent through another portal’s host) the access and refresh tokens are dead on every host', async () => {
      await officer('tok-logout', RG, [Role.OPERATOR]);
      const session = await t.login('tok-logout', RG);
      expect(await codeWith(RG, session.accessToken, ACCOUNTS)).toBeUndefined();
      expect(dataOf(await t.gql(CT, 'mutation { logout }', {}, { token: session.accessToken }))).toEqual({
        logout: true,
      });
      for (const host of [RG, CT, KG, HCM]) {
        expect(await codeWith(host, session.accessToken)).toBe('UNAUTHENTICATED');
        expect(await codeWith(host, session.accessToken, ACCOUNTS)).toBe('UNAUTHENTICATED');
      }
      const refreshed = dataOf(
        await t.gql<{ refreshSession: { errorCode?: string } }>(RG, REFRESH, { r: session.refreshToken }),
      );
      expect(refreshed.refreshSession).toEqual({
        __typename: 'InputError',
        errorCode: 'INVALID_REFRESH_TOKEN',
      });
      expect(await codeWith(RG, session.accessToken, 'mutation { logout }')).toBe('UNAUTHENTICATED');
    });

    it('after a refresh the previous access token is dead on every host; the new one works', async () => {
      await officer('tok-refresh', RG, [Role.OPERATOR]);
      const session = await t.login('tok-refresh', RG);
      const refreshed = dataOf(
        await t.gql<{ refreshSession: { accessToken: string } }>(RG, REFRESH, { r: session.refreshToken }),
      ).refreshSession;
      for (const host of [RG, CT, KG, HCM]) {
        expect(await codeWith(host, session.accessToken)).toBe('UNAUTHENTICATED');
        expect(await codeWith(host, session.accessToken, ACCOUNTS)).toBe('UNAUTHENTICATED');
      }
      expect(await codeWith(RG, refreshed.accessToken, ACCOUNTS)).toBeUndefined();
    });

    it('after suspension every session of the account is refused at once, refresh and login too; reactivation does not revive them', async () => {
      const id = await officer('tok-suspended', RG, [Role.OPERATOR]);
      const sessions = [await t.login('tok-suspended', RG), await t.login('tok-suspended', CT)];
      for (const s of sessions) expect(await codeWith(RG, s.accessToken, ACCOUNTS)).toBeUndefined();
      const SUSPEND = `mutation($id: String!) { suspendAccount(accountId: $id, reason: "Thôi việc") { __typename ... on Account { status } } }`;
      expect(dataOf(await gql(KG, province, SUSPEND, { id }))).toEqual({
        suspendAccount: { __typename: 'Account', status: 'SUSPENDED' },
      });
      for (const s of sessions) {
        for (const host of [RG, CT])
          expect(await codeWith(host, s.accessToken, ACCOUNTS)).toBe('UNAUTHENTICATED');
        const refreshed = dataOf(
          await t.gql<{ refreshSession: Record<string, string> }>(RG, REFRESH, { r: s.refreshToken }),
        );
        expect(refreshed.refreshSession.errorCode).toBe('INVALID_REFRESH_TOKEN');
      }
      const login = dataOf(
        await t.gql<{ login: Record<string, string> }>(RG, LOGIN, { u: 'tok-suspended', p: TEST_PASSWORD }),
      );
      expect(login.login.__typename).toBe('InputError');
      expect(login.login.accessToken).toBeUndefined();
      const { rows } = await db.query(
        'SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND revoked_at IS NULL',
        [id],
      );
      expect(rows[0].n).toBe(0);

      const REACTIVATE = `mutation($id: String!) { reactivateAccount(accountId: $id) { __typename ... on Account { status } } }`;
      expect(dataOf(await gql(KG, province, REACTIVATE, { id }))).toEqual({
        reactivateAccount: { __typename: 'Account', status: 'ACTIVE' },
      });
      for (const s of sessions) expect(await codeWith(RG, s.accessToken)).toBe('UNAUTHENTICATED');
      // A new sign-in works again (so the refusals above are the suspension's).
      expect(await codeWith(RG, (await t.login('tok-suspended', RG)).accessToken, ACCOUNTS)).toBeUndefined();
    });

    it('forged or altered tokens are UNAUTHENTICATED: no signature, another key, expired, refresh-typed, another account’s id', async () => {
      const real = (await t.login('sibling', CT)).accessToken;
      const claims = claimsOf(real);
      expect(claims).toMatchObject({ sub: accounts.sibling, typ: 'access', sid: expect.any(String) });
      const now = Math.floor(Date.now() / 1000);
      const secret = t.config.jwtSecret;
      const forged = {
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
        'another key': sign(claims, 'x'.repeat(48)),
        'HS512 with the key': (() => {
          const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
          return `${unsigned}.${createHmac('sha512', secret).update(unsigned).digest('base64url')}`;
        })(),
        expired: sign({ ...claims, iat: now - 7200, exp: now - 3600 }, secret),
        'refresh-typed': sign({ ...claims, typ: 'refresh' }, secret),
        'another account’s id on this session': sign({ ...claims, sub: accounts[`${MARK}-officer`] }, secret),
        'an unknown session': sign({ ...claims, sid: randomUUID() }, secret),
        'no session': sign({ sub: claims.sub, typ: 'access', iat: now, exp: now + 600 }, secret),
        'a payload edited without re-signing': `${real.split('.')[0]}.${b64({ ...claims, sub: accounts[`${MARK}-officer`] })}.${real.split('.')[2]}`,
      };
      for (const [name, token] of Object.entries(forged)) {
        const res = await t.gql(
          RG,
          `query($id: String!) { contentItem(id: $id) { id } }`,
          { id: v.rgDraft },
          { token },
        );
        expect({ name, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
          name,
          code: 'UNAUTHENTICATED',
        });
        expect(res.body.data?.contentItem ?? null).toBeNull();
      }
      // The control: the genuine token, re-signed unchanged with the key, works.
      expect(await codeWith(CT, sign(claims, secret))).toBeUndefined();
    });

    it('a token counts only in the Authorization header, never in a cookie or the query string; a refresh token is not an access token', async () => {
      const session = await t.login(`${MARK}-officer`, RG);
      const query = encodeURIComponent(ME);
      const attempts = [
        await raw({ path: `/graphql?query=${query}&access_token=${session.accessToken}`, host: RG }),
        await raw({
          path: `/graphql?query=${query}`,
          host: RG,
          headers: { cookie: `access_token=${session.accessToken}; token=${session.accessToken}` },
        }),
        await raw({
          path: `/graphql?query=${query}`,
          host: RG,
          headers: { authorization: `Bearer ${session.refreshToken}` },
        }),
        await raw({
          path: `/graphql?query=${query}`,
          host: RG,
          headers: {
            authorization: `Basic ${Buffer.from(`${MARK}-officer:${TEST_PASSWORD}`).toString('base64')}`,
          },
        }),
      ];
      for (const res of attempts) {
        expect(res.status).toBeLessThan(500);
        expect(JSON.parse(res.text).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(res.text.toLowerCase()).not.toContain(MARK);
      }
      const asRefresh = dataOf(
        await t.gql<{ refreshSession: Record<string, string> }>(RG, REFRESH, { r: session.accessToken }),
      );
      expect(asRefresh.refreshSession.errorCode).toBe('INVALID_REFRESH_TOKEN');
    });
  });

  describe('injection in search and filters', () => {
    /** Payloads for text arguments: SQL, LIKE, tsquery and ltree syntax, JSON, unicode tricks, sizes. */
    const PAYLOADS: Array<[string, string]> = [
      ['SQL quote', `' OR '1'='1`],
      ['SQL comment', `lụt'; DROP TABLE content_items; --`],
      ['SQL union', `x' UNION SELECT id, title FROM content_revisions --`],
      ['double quotes', `" OR ""="`],
      ['backslashes', `\\\\' \\x00 \\`],
      ['percent', '%'],
      ['underscore', '_'],
      ['LIKE pattern', '%_%'],
      ['escaped percent', '\\%'],
      ['tsquery operators', `lụt & ! | ( ) <-> :* *`],
      ['tsquery prefix', 'a:* | b:*'],
      ['ltree query', '*.rachgia.*{1,}'],
      ['ltree path', `${'a'.repeat(10)}.${'b'.repeat(10)}`],
      ['JSON operator', `{"$ne": null}`],
      ['JSON path', `$.*[*] ? (@ like_regex ".*")`],
      ['dollar quoting', '$$ SELECT 1 $$'],
      ['placeholder', '$1'],
      ['NUL byte', 'lụt\u0000bão'],
      ['right-to-left override', 'l\u202Eụt'],
      ['zero-width joiner', 'l\u200Dụt'],
      ['byte-order mark', '\uFEFFlụt'],
      ['decomposed Vietnamese', 'lu\u0323t'],
      ['full-width', 'ＬＵＴ'],
      ['emoji', '🌊 lụt 🌊'],
      ['lone surrogate', 'l\uD800ụt'],
      ['lone low surrogate', '\uDC00lụt'],
      ['control characters', 'l\u0001\u0008\u001Bụt'],
      ['new lines', 'lụt\r\n\tbão'],
      ['10,000 characters', 'lụt '.repeat(2_500)],
      ['200,000 characters', 'x'.repeat(200_000)],
      ['1,000 parentheses', '('.repeat(1_000)],
    ];
    let foreignIds: Set<string>;
    let ownLegal: string;

    beforeAll(async () => {
      const legal = (issuer: string) => ({
        kind: 'LEGAL_DOCUMENT',
        fields: {
          form: 'QUYET_DINH',
          issuer,
          number: '12/2026/QĐ-UBND',
          issueDate: '2026-03-01',
          excerpt: 'Về phòng chống lụt bão',
          field: 'Phòng chống thiên tai',
        },
      });
      ownLegal = (
        await item(
          CT,
          'sibling',
          'Quyết định phòng chống lụt bão huyện Châu Thành',
          legal('UBND huyện Châu Thành'),
          TO_LIVE,
        )
      ).id;
      await item(CT, 'sibling', 'Kế hoạch phòng chống lụt bão huyện Châu Thành', {}, TO_LIVE);
      const OFFICER = `${MARK}-officer`;
      await item(
        RG,
        OFFICER,
        'Quyết định phòng chống lụt bão thành phố Rạch Giá',
        legal('UBND thành phố Rạch Giá'),
        TO_LIVE,
      );
      await item(RG, OFFICER, 'Kế hoạch phòng chống lụt bão thành phố Rạch Giá', {}, TO_LIVE);
      await item(HCM, 'foreignTree', 'Kế hoạch phòng chống lụt bão Thành phố Hồ Chí Minh', {}, TO_LIVE);
      // Everything outside Châu Thành's subtree: no answer on its host may name one of these.
      const { rows } = await db.query(
        `SELECT i.id FROM content_items i JOIN tenants t ON t.id = i.tenant_id
          WHERE NOT t.path <@ (SELECT path FROM tenants WHERE id = $1)`,
        [v[CT]],
      );
      foreignIds = new Set(rows.map((r: { id: string }) => r.id));
      expect(foreignIds.size).toBeGreaterThan(5);
    });

    /** No server error, only coded errors, no row of another portal, no private marker. */
    const expectClean = (label: string, res: { status: number; text: string }) => {
      const problems: string[] = [];
      if (res.status >= 500) problems.push(`HTTP ${res.status}`);
      let parsed: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } = {};
      try {
        parsed = JSON.parse(res.text);
      } catch {
        // a page or a feed
      }
      for (const e of parsed.errors ?? []) {
        const code = String(e.extensions?.code);
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'undefined') problems.push(`${code}: ${e.message}`);
      }
      for (const id of foreignIds) if (res.text.includes(id)) problems.push(`another portal’s item ${id}`);
      if (res.text.toLowerCase().includes(MARK)) problems.push('a private marker');
      return problems.map((p) => `${label}: ${p}`);
    };

    const TEXT_ARGS: Array<[string, string, Who | null, (p: string) => Record<string, unknown>]> = [
      ['search', `query($q: String!) { search(query: $q, first: 100) { id title } }`, null, (q) => ({ q })],
      [
        'subtreeSearch',
        `query($q: String!) { subtreeSearch(query: $q, first: 100) { id title } }`,
        'sibling',
        (q) => ({ q }),
      ],
      [
        'legalDocuments.form',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { form: p } }),
      ],
      [
        'legalDocuments.issuer',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { issuer: p } }),
      ],
      [
        'legalDocuments.number',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { number: p } }),
      ],
      [
        'legalDocuments.field',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { field: p } }),
      ],
      [
        'legalDocuments.issuedFrom',
        `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id title } }`,
        null,
        (p) => ({ f: { issuedTo: p, issuedFrom: p } }),
      ],
      [
        'subtreeFeed.categoryName',
        `query($f: SubtreeFeedFilter) { subtreeFeed(filter: $f) { nodes { id title } } }`,
        'sibling',
        (p) => ({ f: { categoryName: p, language: p } }),
      ],
      [
        'subtreeFeed.after',
        `query($f: SubtreeFeedFilter) { subtreeFeed(filter: $f) { nodes { id title } } }`,
        'sibling',
        (p) => ({ f: { after: p } }),
      ],
      [
        'publicItems.after',
        `query($a: String) { publicItems(filter: { after: $a }) { nodes { id title } } }`,
        null,
        (a) => ({ a }),
      ],
      [
        'publishedQuestions.after',
        `query($a: String) { publishedQuestions(after: $a) { nodes { id } } }`,
        null,
        (a) => ({ a }),
      ],
      [
        'auditLog.action',
        `query($a: String) { auditLog(filter: { action: $a, first: 100 }) { nodes { id tenantId subjectId } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'auditLog.after',
        `query($a: String) { auditLog(filter: { after: $a }) { nodes { id tenantId subjectId } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'accounts.after',
        `query($a: String) { accounts(filter: { after: $a }) { nodes { id username } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'draftCommentQueue.after',
        `query($a: String) { draftCommentQueue(filter: { after: $a }) { nodes { id text } } }`,
        'sibling',
        (a) => ({ a }),
      ],
      [
        'reportLateItems.after',
        `query($a: String) { reportLateItems(period: "2026", after: $a) { itemId } }`,
        'sibling',
        (a) => ({ a }),
      ],
      ['report.period', `query($p: String!) { report(period: $p) { period } }`, 'sibling', (p) => ({ p })],
      [
        'portalRatings.from',
        `query($p: String!) { portalRatings(period: MONTH, from: $p, to: $p) { count } }`,
        'sibling',
        (p) => ({ p }),
      ],
      ['publicItem.slug', `query($s: String!) { publicItem(slug: $s) { id title } }`, null, (s) => ({ s })],
      [
        'questionStatus.trackingCode',
        `query($c: String!) { questionStatus(trackingCode: $c) { topic } }`,
        null,
        (c) => ({ c }),
      ],
      ['tenant.id', `query($id: String!) { tenant(id: $id) { id } }`, null, (id) => ({ id })],
      ['contentItem.id', `query($id: String!) { contentItem(id: $id) { id } }`, 'sibling', (id) => ({ id })],
      ['account.id', `query($id: String!) { account(id: $id) { id } }`, 'sibling', (id) => ({ id })],
      ['question.id', `query($id: ID!) { question(id: $id) { id } }`, 'sibling', (id) => ({ id })],
      [
        'proposeDomainLabel.name',
        `query($n: String!) { proposeDomainLabel(name: $n, kind: WARD) }`,
        null,
        (n) => ({ n }),
      ],
      ['isWorkingDay.date', `query($d: String!) { isWorkingDay(date: $d) }`, null, (d) => ({ d })],
      [
        'login.username',
        `mutation($u: String!) { login(username: $u, password: $u) { __typename ... on InputError { errorCode } } }`,
        null,
        (u) => ({ u }),
      ],
      [
        'refreshSession.refreshToken',
        `mutation($r: String!) { refreshSession(refreshToken: $r) { __typename ... on InputError { errorCode } } }`,
        null,
        (r) => ({ r }),
      ],
    ];

    it.each(PAYLOADS)(
      '%s: every search, filter and id argument answers normally, with no other portal’s rows',
      async (_name, payload) => {
        const problems: string[] = [];
        for (const [label, query, who, vars] of TEXT_ARGS) {
          const res = await gql(CT, who, query, vars(payload));
          problems.push(...expectClean(label, res));
        }
        // (A lone surrogate cannot be written in a URL: it goes as U+FFFD there.)
        const path = encodeURIComponent(payload.slice(0, 2_000).replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
        for (const p of [
          `/print/${path}`,
          `/archive/${path}`,
          `/attachments/${path}`,
          `/feeds/rss.xml?category=${path}`,
          `/feeds/atom.xml?kind=${path}`,
        ]) {
          problems.push(...expectClean(p.slice(0, 30), await raw({ path: p, host: CT })));
        }
        expect(problems).toEqual([]);
      },
    );

    it('NUL and unpaired surrogates in writes are stored as text keeps them (NUL dropped, U+FFFD), never a server error', async () => {
      const CREATE_ACCOUNT = `mutation($i: CreateAccountInput!) { createAccount(input: $i) { __typename ... on Account { id displayName } ... on InputError { errorCode } } }`;
      const LOGIN = `mutation($u: String!) { login(username: $u, password: "a-long-enough-passphrase") { __typename ... on InputError { errorCode } } }`;
      for (const [n, bad, stored] of [
        [1, 'Tin\u0000mới', 'Tinmới'],
        [2, 'Tin\uD800mới', 'Tin\uFFFDmới'],
        [3, 'Tin\uDC00mới', 'Tin\uFFFDmới'],
      ] as const) {
        const created = await done(CT, 'sibling', CREATE, {
          i: {
            tenantId: v[CT],
            kind: 'NEWS',
            title: `${bad} ${n}`,
            bodyHtml: `<p>${bad}</p>`,
            authorName: bad,
            source: 'X',
          },
        });
        const { rows } = await db.query(
          'SELECT title, author_name FROM content_revisions WHERE item_id = $1',
          [created.id],
        );
        expect(rows[0]).toEqual({ title: `${stored} ${n}`, author_name: stored });
        const account = await done(CT, 'sibling', CREATE_ACCOUNT, {
          i: {
            tenantId: v[CT],
            username: `unstorable-${n}`,
            displayName: bad,
            password: 'a-long-enough-passphrase',
          },
        });
        expect(account.displayName).toBe(stored);
        const asked = await gql(CT, null, ASK, {
          i: {
            type: 'QUESTION',
            name: 'Nguyễn Văn A',
            email: 'a@example.vn',
            topic: `Đất đai ${bad}`,
            text: `Hỏi về ${bad} thủ tục đất đai`,
            proof: { website: '' },
          },
        });
        expect(asked.body.data?.askQuestion?.__typename).toBe('QuestionReceipt');
        const login = await gql(CT, null, LOGIN, { u: `${bad}${n}` });
        expect(login.body.data?.login).toEqual({
          __typename: 'InputError',
          errorCode: 'INVALID_CREDENTIALS',
        });
      }
    });

    it('LIKE wildcards in filters are literal characters', async () => {
      const docs = async (f: Record<string, string>) =>
        dataOf(
          await t.gql<{ legalDocuments: Array<{ id: string }> }>(
            CT,
            `query($f: LegalDocumentsFilter) { legalDocuments(filter: $f) { id } }`,
            { f },
          ),
        ).legalDocuments.map((d) => d.id);
      // The control: the document is found by a part of its number and issuer…
      expect(await docs({ number: '12/2026' })).toEqual([ownLegal]);
      expect(await docs({ issuer: 'chau thanh' })).toEqual([ownLegal]);
      // …and not by patterns that would match it if % and _ were wildcards.
      const patterns: Array<Record<string, string>> = [
        { number: '12_2026' },
        { number: '12%2026' },
        { number: '%' },
        { number: '_' },
        { issuer: '%' },
        { issuer: 'UBND_huyện' },
        { field: '%' },
        { form: '%' },
      ];
      for (const f of patterns) expect({ f, found: await docs(f) }).toEqual({ f, found: [] });
    });

    it('search and subtree search see their own portal’s items only, whatever the query', async () => {
      const found = dataOf(
        await t.gql<{ search: Array<{ id: string; title: string }> }>(
          CT,
          `{ search(query: "lut bao", first: 100) { id title } }`,
        ),
      ).search;
      expect(found.map((f) => f.title).sort()).toEqual([
        'Kế hoạch phòng chống lụt bão huyện Châu Thành',
        'Quyết định phòng chống lụt bão huyện Châu Thành',
      ]);
      const sub = dataOf(
        await gql<{ subtreeSearch: Array<{ id: string }> }>(
          CT,
          'sibling',
          `{ subtreeSearch(query: "lut bao") { id } }`,
        ),
      ).subtreeSearch;
      expect(sub.length).toBe(2);
      expect(sub.filter((s) => foreignIds.has(s.id))).toEqual([]);
    });
  });

  describe('oversized and deeply nested requests (every limit: security-hardening.e2e-spec.ts)', () => {
    it('a body over the limit is 413 before anything runs, for a signed-in officer’s mutation too', async () => {
      const before = (await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n;
      const res = await gql(
        CT,
        'sibling',
        `mutation($i: CreateAccountInput!) { createAccount(input: $i) { __typename } }`,
        {
          i: {
            tenantId: v[CT],
            username: 'oversized',
            displayName: 'x'.repeat(3 * 1024 * 1024),
            password: 'a-long-enough-passphrase',
          },
        },
      );
      expect(res.status).toBe(413);
      expect(res.body.data).toBeUndefined();
      expect((await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n).toBe(before);
    });

    it('a query over the depth limit is 400 GRAPHQL_VALIDATION_FAILED, mutations and signed-in callers included', async () => {
      const deep = (levels: number) =>
        Array.from({ length: levels }).reduce<string>((inner) => `... on Portal { ${inner} }`, 'id');
      for (const [query, token] of [
        [`{ portal { ${deep(12)} } }`, null],
        [`{ portal { ${deep(12)} } }`, tokens.sibling],
        [
          `mutation { provisionTenant(input: { parentId: "${v[CT]}", kind: WARD, nameVi: "Sâu" }) { ... on Portal { ${deep(12)} } } }`,
          tokens.sibling,
        ],
      ] as const) {
        const res = await t.gql(CT, query, {}, { token });
        expect(res.status).toBe(400);
        expect(res.body.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/Query depth limit of 10 exceeded/),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        });
      }
      expect((await db.query(`SELECT count(*)::int AS n FROM tenants WHERE name_vi = 'Sâu'`)).rows[0].n).toBe(
        0,
      );
    });

    it('many aliases are 400, and a batch of operations in one body does not get around the limits', async () => {
      const aliased = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: portal { id }`).join(' ')} }`;
      const res = await t.gql(CT, aliased);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
      const batch = await raw({
        method: 'POST',
        path: '/graphql',
        host: CT,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(
          JSON.stringify(
            Array.from({ length: 50 }, () => ({ query: '{ search(query: "lut", first: 100) { id } }' })),
          ),
        ),
      });
      expect(batch.status).toBe(400);
      expect(JSON.parse(batch.text).errors[0]).toMatchObject({
        message: 'Operation batching disabled.',
        extensions: { code: 'BAD_REQUEST' },
      });
      expect(batch.text).not.toContain('"data"');
    });

    it('deeply nested JSON in variables and literals is refused with a typed answer, not a crash', async () => {
      // 20,000 levels of objects inside a JSONObject argument, written as text (no stack is needed to send it).
      const depth = 20_000;
      const deep = `${'{"a":'.repeat(depth)}"đáy"${'}'.repeat(depth)}`;
      const mutation = `mutation($i: CreateContentInput!) { createContent(input: $i) { __typename ... on InputError { errorCode field } } }`;
      const input = `{"tenantId":"${v[CT]}","kind":"NEWS","title":"Lồng sâu","bodyHtml":"<p>x</p>","authorName":"X","source":"X","fields":{"eventDate":"2026-11-20","deep":${deep}}}`;
      const res = await raw({
        method: 'POST',
        path: '/graphql',
        host: CT,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sibling}` },
        body: Buffer.from(`{"query":${JSON.stringify(mutation)},"variables":{"i":${input}}}`),
      });
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toContain('INTERNAL_SERVER_ERROR');
      // The kind's fields are an allow-list: the unknown (and deep) one is named, nothing is stored.
      expect(JSON.parse(res.text)).toEqual({
        data: {
          createContent: { __typename: 'InputError', errorCode: 'UNKNOWN_FIELD', field: 'fields.deep' },
        },
      });
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM content_revisions WHERE title = 'Lồng sâu'`)).rows[0]
          .n,
      ).toBe(0);
      // A list literal nested 500 deep in the document: over the token limit, a 400.
      const literal = `{ search(query: "x", first: ${'['.repeat(500)}1${']'.repeat(500)}) { id } }`;
      expect((await t.gql(CT, literal)).status).toBe(400);
      // A list variable nested 10,000 deep where a list of ids is expected: a typed 400 from the coercion.
      const query =
        'query($s: [ID!]!) { mergePreview(input: { sourceIds: $s, targetId: "x" }) { __typename } }';
      const nestedList = await raw({
        method: 'POST',
        path: '/graphql',
        host: CT,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sibling}` },
        body: Buffer.from(
          `{"query":${JSON.stringify(query)},"variables":{"s":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`,
        ),
      });
      expect(nestedList.status).toBe(400);
      expect(JSON.parse(nestedList.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('fragment cycles, a 40 KB URL and a 40 KB header are refused without a server error', async () => {
      const cycle = await t.gql(CT, `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`);
      expect(cycle.status).toBe(400);
      expect(cycle.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const url = await raw({
        path: `/graphql?query=${encodeURIComponent(`{ search(query: "${'x'.repeat(40_000)}") { id } }`)}`,
        host: CT,
      });
      expect([400, 414, 431]).toContain(url.status);
      const header = await raw({
        path: '/graphql?query=%7B__typename%7D',
        host: CT,
        headers: { 'x-padding': 'x'.repeat(40_000) },
      });
      expect([400, 431]).toContain(header.status);
    });
  });

  describe('page sizes: every first/perSection argument refuses what it cannot serve', () => {
    /** A call of each operation with a page-size argument, `$n` where the size goes. */
    const PAGED: Record<string, [Who, string]> = {
      'Query.accounts(filter.first)': ['sibling', '{ accounts(filter: { first: $n }) { nodes { id } } }'],
      'Query.auditLog(filter.first)': ['sibling', '{ auditLog(filter: { first: $n }) { nodes { id } } }'],
      'Query.contentItems(filter.first)': [
        'sibling',
        '{ contentItems(filter: { first: $n }) { nodes { id } } }',
      ],
      'Query.draftCommentQueue(filter.first)': [
        'sibling',
        '{ draftCommentQueue(filter: { first: $n }) { nodes { id } } }',
      ],
      'Query.draftComments(first)': [
        'anonymous',
        `{ draftComments(itemId: "${'$ct'}", first: $n) { nodes { id } } }`,
      ],
      'Query.editorialReminders(first)': ['sibling', '{ editorialReminders(first: $n) { id } }'],
      'Query.homePage(perSection)': [
        'anonymous',
        '{ homePage(perSection: $n) { pinned { id } sections { items { id } } } }',
      ],
      'Query.legalDocuments(filter.first)': ['anonymous', '{ legalDocuments(filter: { first: $n }) { id } }'],
      'Query.polls(first)': ['anonymous', '{ polls(first: $n) { id } }'],
      'Query.sentInformation(first)': ['sibling', '{ sentInformation(first: $n) { nodes { id } } }'],
      'Query.dialogues(first)': ['sibling', '{ dialogues(first: $n) { nodes { id } } }'],
      'Query.publicItems(filter.first)': [
        'anonymous',
        '{ publicItems(filter: { first: $n }) { nodes { id } } }',
      ],
      'Query.publishedQuestions(first)': ['anonymous', '{ publishedQuestions(first: $n) { nodes { id } } }'],
      'Query.questionEscalations(first)': ['sibling', '{ questionEscalations(first: $n) { id } }'],
      'Query.questionQueue(filter.first)': ['sibling', '{ questionQueue(filter: { first: $n }) { id } }'],
      'Query.receivedSyndications(first)': ['sibling', '{ receivedSyndications(first: $n) { id } }'],
      'Query.reportLateItems(first)': [
        'sibling',
        '{ reportLateItems(period: "2026", first: $n) { itemId } }',
      ],
      'Query.search(first)': ['anonymous', '{ search(query: "lut", first: $n) { id } }'],
      'Query.subtreeFeed(filter.first)': [
        'sibling',
        '{ subtreeFeed(filter: { first: $n }) { nodes { id } } }',
      ],
      'Query.subtreeSearch(first)': ['sibling', '{ subtreeSearch(query: "lut", first: $n) { id } }'],
    };

    it('the list above is every page-size argument of the schema', () => {
      const found: string[] = [];
      const walk = (type: GraphQLInputType, prefix: string, op: string) => {
        const named = getNamedType(type);
        if (!isInputObjectType(named)) return;
        for (const f of Object.values(named.getFields())) {
          if (/^(first|last|limit|perSection|pageSize)$/.test(f.name))
            found.push(`${op}(${prefix}${f.name})`);
          walk(f.type, `${prefix}${f.name}.`, op);
        }
      };
      for (const root of [SCHEMA.getQueryType()!, SCHEMA.getMutationType()!])
        for (const field of Object.values(root.getFields()))
          for (const arg of field.args) {
            const op = `${root.name}.${field.name}`;
            if (/^(first|last|limit|perSection|pageSize)$/.test(arg.name)) found.push(`${op}(${arg.name})`);
            walk(arg.type, `${arg.name}.`, op);
          }
      expect(found.sort()).toEqual(Object.keys(PAGED).sort());
    });

    /** Lists that clamp a size outside their range instead of refusing it (documented behaviour, no SQL reached). */
    const CLAMPED = ['Query.homePage(perSection)', 'Query.questionEscalations(first)'];

    it.each(Object.entries(PAGED))(
      '%s: a negative or zero size is a typed INVALID_PAGE_SIZE (or clamped), a huge one refused or capped, never a server error',
      async (op, [who, query]) => {
        for (const n of [-1, 0, 1_000_000, 2_147_483_647]) {
          const res = await gql(
            CT,
            who === 'anonymous' ? null : who,
            query.replace('$n', String(n)).replace('$ct', v.ctLive),
          );
          const codes = (res.body.errors ?? []).map((e) => String(e.extensions?.code));
          expect({ n, status: res.status < 500 }).toEqual({ n, status: true });
          // INVALID_PAGE_SIZE from the list, or the cost limit (GRAPHQL_VALIDATION_FAILED) for huge sizes.
          expect({
            n,
            codes: codes.filter((c) => !/^(INVALID_PAGE_SIZE|GRAPHQL_VALIDATION_FAILED)$/.test(c)),
          }).toEqual({
            n,
            codes: [],
          });
          if (n <= 0 && !CLAMPED.includes(op)) {
            expect({ n, codes }).toEqual({ n, codes: ['INVALID_PAGE_SIZE'] });
            expect(res.body.errors![0]).toMatchObject({
              extensions: {
                field: expect.stringMatching(/first|perSection/),
                messageVi: expect.any(String),
                messageEn: expect.any(String),
              },
            });
          }
          if (n <= 0 && CLAMPED.includes(op)) expect({ n, codes }).toEqual({ n, codes: [] });
        }
      },
    );
  });

  describe('the outside audit (each finding in full: outside-audit.e2e-spec.ts, plain-text-markup.e2e-spec.ts)', () => {
    it('40 wrong passwords at once for the victim’s officer get exactly 5 password checks', async () => {
      await officer(`${MARK}-guessed`, RG, [Role.OPERATOR]);
      const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
        __typename ... on InputError { errorCode } } }`;
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.gql(CT, LOGIN, { u: `${MARK}-guessed`, p: `doan-mat-khau-${i}` }),
        ),
      );
      for (const res of answers)
        expect(res.body.data?.login?.errorCode).toMatch(/^(INVALID_CREDENTIALS|LOGIN_LOCKED)$/);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND after->>'username' = $1`,
        [`${MARK}-guessed`],
      );
      expect(rows[0].n).toBe(5);
    });

    it('anonymous reads padded with unused variables make no new cache entries', async () => {
      const cache = t.app.get(AnonymousResponseCache);
      const QUERY = '{ portal { nameVi } }';
      let first = await t.gql(RG, QUERY);
      for (let i = 0; i < 50 && first.headers['x-cache'] !== 'HIT'; i++) first = await t.gql(RG, QUERY);
      const entries = cache.stats().entries;
      for (let i = 0; i < 20; i++) {
        const padded = await t.gql(RG, QUERY, { [`pad${i}`]: `${i}`.repeat(1000) });
        expect(padded.headers['x-cache']).toBe('HIT');
      }
      expect(cache.stats().entries).toBe(entries);
    });

    it('/metrics is closed to a loopback relay naming an outside client, in any relay header', async () => {
      expect((await t.http({ host: '127.0.0.1', path: '/metrics' })).status).toBe(200);
      for (const headers of [
        { forwarded: 'for=203.0.113.7' } as Record<string, string>,
        { 'true-client-ip': '203.0.113.7' },
        { 'cf-connecting-ip': '203.0.113.7' },
        { 'x-client-ip': '203.0.113.7' },
      ]) {
        const res = await t.http({ host: '127.0.0.1', path: '/metrics', headers });
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('portal_');
      }
    });

    it('a form-encoded mutation is 415 on an absolute-form or fragment target; cacheable answers vary on the locale', async () => {
      const form = `query=${encodeURIComponent(`mutation { logout }`)}`;
      for (const path of [`http://${RG}/graphql`, '/graphql#x', `http://${RG}/GraphQL/#x`]) {
        const res = await t.http({
          host: RG,
          method: 'POST',
          path,
          body: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect([path, res.status]).toEqual([path, 415]);
      }
      const vary = String((await t.gql(RG, '{ portal { nameVi } }')).headers.vary).toLowerCase();
      for (const name of ['origin', 'accept-language', 'x-portal-locale', 'accept'])
        expect(vary).toContain(name);
    });
  });

  describe('host header spoofing behind a trusted proxy (TRUST_PROXY=true; last: a second api on the same database)', () => {
    let second: NestExpressApplication | null = null;
    let port = 0;
    const ACCOUNTS = `{ accounts(filter: { first: 100 }) { nodes { username } } }`;
    const call = (host: string, query: string, headers: Record<string, string>, token?: string) =>
      httpRequest<{ data?: Record<string, any>; errors?: Array<{ extensions?: Record<string, unknown> }> }>(
        port,
        {
          host,
          body: { query },
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        },
      );
    beforeAll(async () => {
      second = await createApiApp({ ...t.config, trustProxy: true });
      await second.listen(0, '127.0.0.1');
      port = (second.getHttpServer().address() as { port: number }).port;
    });
    afterAll(async () => {
      await second?.close();
    });

    it('the forwarded host picks the portal; rights still come from the token, bounded by that portal', async () => {
      const portal = await call(CT, '{ portal { id } }', { 'x-forwarded-host': RG });
      expect(portal.body.data?.portal.id).toBe(v[RG]);
      // The sibling operator lists its accounts under Châu Thành's name, and nothing under Rạch Giá's.
      const own = await call(RG, ACCOUNTS, { 'x-forwarded-host': CT }, tokens.sibling);
      expect(own.body.data?.accounts.nodes.length).toBeGreaterThan(0);
      const refused = await call(CT, ACCOUNTS, { 'x-forwarded-host': RG }, tokens.sibling);
      expect(refused.body.errors?.[0]?.extensions?.code ?? 'none').toMatch(/^(FORBIDDEN|none)$/);
      expect(refused.body.data?.accounts?.nodes ?? []).toEqual([]);
      // The first of a list counts (the client-facing proxy's); an unknown one is not answered for the Host.
      const listed = await call(CT, '{ portal { id } }', { 'x-forwarded-host': `${RG}, ${CT}` });
      expect(listed.body.data?.portal.id).toBe(v[RG]);
      const unknown = await call(CT, '{ portal { id } }', { 'x-forwarded-host': 'nowhere.gov.vn' });
      expect(unknown.status).toBe(404);
    });

    it('the response cache keys by the forwarded host: an ingress that sends it keeps the cache, per portal', async () => {
      const read = (forwarded: string) =>
        call(CT, '{ portal { id nameVi } }', { 'x-forwarded-host': forwarded });
      let hit = await read(RG);
      for (let i = 0; i < 50 && hit.headers['x-cache'] !== 'HIT'; i++) hit = await read(RG);
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.body.data?.portal.id).toBe(v[RG]);
      // The same Host forwarded for another portal is that portal's answer, never the cached one.
      const other = await read(CT);
      expect(other.body.data?.portal.id).toBe(v[CT]);
    });
  });
});

import { RG, DAY, iso, v } from '../victim';
import { type IdorCase, R_ITEM, REVISION } from './types';

/** Id-taking operations called with the victim’s ids: content, the editorial workflow, public reads of unpublished things, consultations. */
export const CONTENT_CASES: IdorCase[] = [
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
];

export interface IdorCase {
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

export const PLACE = 'placement: ANNOUNCEMENTS';
export const R_ITEM = `__typename ... on ContentItem { id tenantId working { title } live { title } } ... on InputError { errorCode field }`;
export const R_Q = `__typename ... on Question { id status text asker { email } } ... on InputError { errorCode field }`;
export const R_SYN = `__typename ... on Syndication { id state itemTitle } ... on InputError { errorCode field }`;
export const R_ACC = `__typename ... on Account { id username status } ... on InputError { errorCode field }`;
export const R_PORTAL = `__typename ... on Portal { id primaryHost status } ... on InputError { errorCode field }`;
export const R_UNIT = `__typename ... on QuestionUnit { id name memberAccountIds } ... on InputError { errorCode field }`;
export const R_RULE = `__typename ... on SyndicationRule { id tenantId disabledAt } ... on InputError { errorCode field }`;
export const R_ST = `__typename ... on RoyaltyStatement { id total lines { payeeName amount } } ... on InputError { errorCode field }`;
export const R_CAL = `__typename ... on CalendarOverride { id revokedAt } ... on InputError { errorCode field }`;
export const R_SCAT = `__typename ... on SiteCategory { id tenantId slug nameVi hidden } ... on InputError { errorCode field }`;
export const R_SMENU = `__typename ... on SiteMenuEntry { id tenantId labelVi url hidden } ... on InputError { errorCode field }`;
export const R_STRUCT = `__typename ... on SiteStructure { tenantId categories { id nameVi } menuEntries { id labelVi } } ... on InputError { errorCode field }`;
export const REVISION = { title: 'Nội dung chèn', bodyHtml: '<p>x</p>', authorName: 'X', source: 'X', fields: {} };

export interface HttpCase {
  endpoint: string;
  path: () => string;
  /** Bytes the answer must not carry (the file itself). */
  file?: Buffer;
  /** A form post (urlencoded) instead of a GET. */
  form?: () => Record<string, string>;
  /** Public on its own portal by design (why): not tried on the victim's host. */
  publicOnVictimHost?: string;
}

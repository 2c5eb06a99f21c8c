/** A count under a label (a kind, a category name, a unit name, a language, a reason). */
export interface LabelledCount {
  /** Code or name; null for "none" (an item outside every unit, without a category). */
  key: string | null;
  count: number;
}

export interface PublishedFigures {
  total: number;
  byKind: LabelledCount[];
  byCategory: LabelledCount[];
  byUnit: LabelledCount[];
  byLanguage: LabelledCount[];
}

export interface SyndicationFigures {
  /** Own items accepted by an ancestor's board in the period. */
  sentUp: number;
  /** Items of descendants this portal's board accepted in the period. */
  receivedUp: number;
  /** Placements of own items pushed down in the period (one per receiving portal). */
  pushedDown: number;
  /** Items an ancestor pushed onto this portal in the period. */
  receivedDown: number;
  /** Own proposals refused by the receiving board in the period. */
  refusedUp: number;
}

export interface KindTimeliness {
  kind: string;
  published: number;
  /** Items whose kind carries a statutory deadline under the portal's policy. */
  withDeadline: number;
  onTime: number;
  late: number;
}

export interface BoardTimeliness {
  /** Decisions (approve, return, refuse) taken in the period on submitted revisions. */
  decided: number;
  withDeadline: number;
  onTime: number;
  late: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface QuestionFigures {
  /** Asked of this portal by citizens in the period (questions and feedback). */
  received: number;
  questions: number;
  feedback: number;
  /** Of those received, forwarded to another competent portal. */
  forwardedAway: number;
  /** Held by this portal (received in the period, including forwarded in). */
  handled: number;
  forwardedIn: number;
  routed: number;
  routedOnTime: number;
  routedLate: number;
  outOfScope: number;
  answered: number;
  answeredOnTime: number;
  /** Answered after the deadline, or unanswered past it at the period's end. */
  answerLate: number;
  published: number;
}

export interface ConsultationFigures {
  /** Draft documents open for comment at some time in the period. */
  held: number;
  comments: number;
  commentsPublished: number;
  commentsRejected: number;
  commentsPending: number;
}

export interface RatingFigures {
  count: number;
  interface: number | null;
  content: number | null;
  quality: number | null;
  support: number | null;
}

export interface RefusalFigures {
  refused: number;
  byReason: LabelledCount[];
  returned: number;
}

export interface MemberThroughput {
  accountId: string;
  username: string;
  displayName: string;
  tookForReview: number;
  returned: number;
  refused: number;
  approved: number;
  scheduled: number;
  published: number;
  withdrawn: number;
}

export interface RoleAccounts {
  role: string;
  /** Accounts holding the role at some time in the period. */
  holders: number;
  /** Of those, accounts that acted on the portal in the period (workflow or question steps). */
  active: number;
}

export interface LateItem {
  tenantId: string;
  itemId: string;
  kind: string;
  title: string;
  dueAt: Date;
  publishedAt: Date;
}

export type RuleOutcome = 'PASSED' | 'FAILED' | 'NOT_APPLICABLE';

export interface RuleCheck {
  key: string;
  type: string;
  titleVi: string;
  titleEn: string | null;
  /** The legal document and article the rule comes from. */
  document: string;
  article: string;
  quote: string | null;
  outcome: RuleOutcome;
  /** What failed, in words a clerk reads (a unit and month, a day without updates, a missing item). */
  findings: string[];
}

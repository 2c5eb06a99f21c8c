/**
 * Kinds of information (and of handling) that carry a statutory deadline (docs/domain.md).
 * Content kinds map onto these; the Q&A and board kinds are handling steps.
 */
export enum InformationKind {
  INTRODUCTION = 'INTRODUCTION',
  NEWS = 'NEWS',
  DIRECTIVE = 'DIRECTIVE',
  CONTACTS = 'CONTACTS',
  LEGAL_DOCUMENT_OWN = 'LEGAL_DOCUMENT_OWN',
  LEGAL_DOCUMENT_IN_SCOPE = 'LEGAL_DOCUMENT_IN_SCOPE',
  /** A legal normative document, where a profile times it apart from other documents (Sóc Trăng 517). */
  LEGAL_DOCUMENT_NORMATIVE = 'LEGAL_DOCUMENT_NORMATIVE',
  /** An administrative or other document, where a profile times it apart (Sóc Trăng 517). */
  LEGAL_DOCUMENT_ADMINISTRATIVE = 'LEGAL_DOCUMENT_ADMINISTRATIVE',
  POLICY_DISSEMINATION = 'POLICY_DISSEMINATION',
  STRATEGY_PLAN_PROJECT = 'STRATEGY_PLAN_PROJECT',
  PROCUREMENT = 'PROCUREMENT',
  STATISTICS = 'STATISTICS',
  SCIENCE_PROGRAMME = 'SCIENCE_PROGRAMME',
  WORK_SCHEDULE = 'WORK_SCHEDULE',
  BOARD_HANDLING = 'BOARD_HANDLING',
  QA_ROUTING = 'QA_ROUTING',
  QA_OUT_OF_SCOPE_NOTICE = 'QA_OUT_OF_SCOPE_NOTICE',
  QA_ANSWER = 'QA_ANSWER',
  QA_UNIT_ANSWER = 'QA_UNIT_ANSWER',
  QA_BOARD_PUBLISH = 'QA_BOARD_PUBLISH',
}

/** How a deadline is computed from its anchor. */
export enum DeadlineRuleType {
  /**
   * "Ngay", "tức thời", "kịp thời": due by the end of the anchor's working day (the next working
   * day's end when the anchor falls on a day off). A profile that means the instant itself says
   * `AT_ANCHOR` instead.
   */
  IMMEDIATELY = 'IMMEDIATELY',
  /** Due by the end of the anchor's working day (the next working day's end if the anchor is not one). */
  SAME_WORKING_DAY = 'SAME_WORKING_DAY',
  /** Due by the end of the N-th working day after the anchor's date. */
  WITHIN_WORKING_DAYS = 'WITHIN_WORKING_DAYS',
  /** Due before a time on a weekday of the week preceding the anchor's week (the work schedule). */
  BEFORE_TIME_PRECEDING_WEEK = 'BEFORE_TIME_PRECEDING_WEEK',
  /** Due at the anchor instant itself (only when a regulation fixes the very moment). */
  AT_ANCHOR = 'AT_ANCHOR',
}

/** What the anchor date of a rule is, in words a clerk recognises. */
export enum DeadlineAnchor {
  EVENT = 'EVENT',
  ISSUE = 'ISSUE',
  APPROVAL = 'APPROVAL',
  PUBLICATION_DECISION = 'PUBLICATION_DECISION',
  SUBMISSION = 'SUBMISSION',
  RECEIPT = 'RECEIPT',
  ROUTING = 'ROUTING',
  ANSWER = 'ANSWER',
  WEEK_START = 'WEEK_START',
}

export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export interface DeadlineRule {
  kind: InformationKind;
  type: DeadlineRuleType;
  /** WITHIN_WORKING_DAYS only: N ≥ 1. */
  workingDays?: number;
  /** BEFORE_TIME_PRECEDING_WEEK only. */
  weekday?: Weekday;
  /** BEFORE_TIME_PRECEDING_WEEK only, 24-hour `HH:MM` in Asia/Ho_Chi_Minh. */
  time?: string;
  anchor: DeadlineAnchor;
  /** Where the rule comes from, e.g. "Điều 12 khoản 1 điểm b" (article of the profile's document). */
  article: string;
  /** The regulation's own words (Vietnamese), short. */
  quote?: string;
}

/** What a report rule checks (the reports issue: rule checks named by their source). */
export enum ReportRuleType {
  /** Each unit of the portal supplies at least `minimum` items of `kinds` in every calendar month. */
  MIN_ITEMS_PER_UNIT_PER_MONTH = 'MIN_ITEMS_PER_UNIT_PER_MONTH',
  /** Something is published on the portal on every working day of its calendar. */
  UPDATED_EVERY_WORKING_DAY = 'UPDATED_EVERY_WORKING_DAY',
  /** A live item of each of `kinds` exists in `language` at the end of the period. */
  REQUIRED_LIVE_ITEMS = 'REQUIRED_LIVE_ITEMS',
  /** For every week of the period an item of `kinds` (e.g. the work schedule) is published by its due time. */
  WEEKLY_ITEM_ON_TIME = 'WEEKLY_ITEM_ON_TIME',
}

/** A rule the reports check, as data: a province adds its own in its profile. */
export interface ReportRule {
  /** Stable key, e.g. `unit-news-monthly`; a profile overrides an inherited rule of the same key. */
  key: string;
  type: ReportRuleType;
  titleVi: string;
  titleEn?: string;
  /** Content kinds (`NEWS`, `ORGANISATION_PAGE`, ...) the rule counts; checked by the reporting lib. */
  kinds?: string[];
  /** MIN_ITEMS_PER_UNIT_PER_MONTH only. */
  minimum?: number;
  /** REQUIRED_LIVE_ITEMS only (default `vi`). */
  language?: 'vi' | 'en';
  /** The legal document, when it is not the profile's own (e.g. a decree). */
  document?: string;
  article: string;
  quote?: string;
  /** Switches off an inherited rule of the same key. */
  disabled?: boolean;
}

/**
 * "Kept up to date" ("thường xuyên", "kịp thời khi có thay đổi") as data: not a deadline but a
 * review interval. ITEM: each live item of `kinds` is stale when not reviewed (or republished) for
 * `reviewWithinWorkingDays` working days; SECTION: the portal's section of `kinds` is stale when
 * nothing of them was published or reviewed for that long.
 */
export interface FreshnessRule {
  key: string;
  titleVi: string;
  titleEn?: string;
  scope: 'ITEM' | 'SECTION';
  /** Content kinds (`ORGANISATION_PAGE`, ...) the rule covers. */
  kinds: string[];
  /** Only items in this language (default: any). */
  language?: 'vi' | 'en';
  reviewWithinWorkingDays: number;
  /** Remind the responsible unit once a month to review (1376/QĐ-SVHTT art. 19.3). */
  monthlyReminder?: boolean;
  document?: string;
  article: string;
  quote?: string;
  disabled?: boolean;
}

/** A workflow choice a regulation makes for its portals, with its source. */
export interface WorkflowChoice {
  enabled: boolean;
  /** unitPreVetting only: the unit leader's deadline, in working days from the submission. */
  workingDays?: number;
  document?: string;
  article: string;
  quote?: string;
}

/** How a portal's regulation shapes its editorial workflow (inherited through `extends` per choice). */
export interface WorkflowPolicy {
  /** Board members approve the items of their assigned fields, besides the head (1376 art. 11.2, 12.1). */
  boardMembersApproveInFields?: WorkflowChoice;
  /** A unit leader vets the unit's submissions before the board (1376 art. 18.2; 38a art. 8.1; 517 art. 7.2.a). */
  unitPreVetting?: WorkflowChoice;
  /**
   * The board's head edits the site structure (categories, menus, links), besides the operator, where
   * the regulation gives the board the running of the site (517/QĐ-SNV art. 3.2.c, 6.1.a).
   */
  boardEditsSiteStructure?: WorkflowChoice;
}

/** A set of deadline rules with its legal source; may extend another profile and override its rules. */
export interface DeadlinePolicyProfile {
  apiVersion: 'portal/v1';
  kind: 'DeadlinePolicy';
  /** Stable key, e.g. `hcmc-2024`. */
  key: string;
  nameVi: string;
  nameEn?: string;
  /** The legal document, e.g. "Quyết định 05/2024/QĐ-UBND ngày 05/3/2024 của UBND TP. Hồ Chí Minh". */
  document: string;
  /** File in shared/regulations the rules were read from. */
  regulationFile?: string;
  /** Key of the profile whose rules apply where this one has none. */
  extends?: string;
  rules: DeadlineRule[];
  /** Rule checks of the reports; inherited through `extends` by key. */
  reportRules?: ReportRule[];
  /** Freshness rules; inherited through `extends` by key like the report rules. */
  freshnessRules?: FreshnessRule[];
  /** Workflow choices of the regulation; each inherited through `extends` unless stated. */
  workflow?: WorkflowPolicy;
}

import { StateMachine, type AppAction } from '@portal/platform';

/** States of a revision in the editorial workflow (docs/domain.md). */
export enum RevisionStatus {
  DRAFT = 'DRAFT',
  /** Submitted by a unit's officer, waiting for the unit leader's vetting (where the portal's regulation asks it). */
  UNIT_REVIEW = 'UNIT_REVIEW',
  SUBMITTED = 'SUBMITTED',
  IN_REVIEW = 'IN_REVIEW',
  APPROVED = 'APPROVED',
  /** Approved, to be published at its scheduled time by a job. */
  SCHEDULED = 'SCHEDULED',
  PUBLISHED = 'PUBLISHED',
  RETURNED = 'RETURNED',
  REFUSED = 'REFUSED',
  /** A later revision replaced this one (edited in progress, or a newer one went live). */
  SUPERSEDED = 'SUPERSEDED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum WorkflowAction {
  SUBMIT = 'SUBMIT',
  /** The unit leader passes a vetted submission on to the board. */
  VET = 'VET',
  /** The unit leader sends a submission back to its author (needs a note). */
  UNIT_RETURN = 'UNIT_RETURN',
  TAKE_FOR_REVIEW = 'TAKE_FOR_REVIEW',
  RETURN = 'RETURN',
  REFUSE = 'REFUSE',
  APPROVE = 'APPROVE',
  SCHEDULE = 'SCHEDULE',
  UNSCHEDULE = 'UNSCHEDULE',
  PUBLISH = 'PUBLISH',
  WITHDRAW = 'WITHDRAW',
}

/** Grounds on which a board refuses an item (1376/QĐ-SVHTT art. 12.3; 517/QĐ-SNV art. 6.3.b). */
export enum RefusalReason {
  AGAINST_POLICY_OR_LAW = 'AGAINST_POLICY_OR_LAW',
  STATE_SECRET = 'STATE_SECRET',
  NOT_AUTHORISED_FOR_RELEASE = 'NOT_AUTHORISED_FOR_RELEASE',
  INACCURATE_OR_LOW_QUALITY = 'INACCURATE_OR_LOW_QUALITY',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
  UNKNOWN_ORIGIN = 'UNKNOWN_ORIGIN',
}

export interface Transition {
  from: readonly RevisionStatus[];
  to: RevisionStatus;
  /** The CASL action the actor needs on the item. */
  ability: AppAction;
}

/**
 * The state machine, as data: which action moves a revision from which states to which, and what the
 * actor must be allowed. Who holds that permission is decided by the CASL rules (libs/access).
 */
export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  [WorkflowAction.SUBMIT]: {
    from: [RevisionStatus.DRAFT, RevisionStatus.RETURNED],
    to: RevisionStatus.SUBMITTED,
    ability: 'submit',
  },
  [WorkflowAction.VET]: {
    from: [RevisionStatus.UNIT_REVIEW],
    to: RevisionStatus.SUBMITTED,
    ability: 'vet',
  },
  [WorkflowAction.UNIT_RETURN]: {
    from: [RevisionStatus.UNIT_REVIEW],
    to: RevisionStatus.RETURNED,
    ability: 'vet',
  },
  [WorkflowAction.TAKE_FOR_REVIEW]: {
    from: [RevisionStatus.SUBMITTED],
    to: RevisionStatus.IN_REVIEW,
    ability: 'review',
  },
  [WorkflowAction.RETURN]: {
    from: [RevisionStatus.SUBMITTED, RevisionStatus.IN_REVIEW],
    to: RevisionStatus.RETURNED,
    ability: 'review',
  },
  [WorkflowAction.REFUSE]: {
    from: [RevisionStatus.SUBMITTED, RevisionStatus.IN_REVIEW],
    to: RevisionStatus.REFUSED,
    ability: 'review',
  },
  [WorkflowAction.APPROVE]: {
    from: [RevisionStatus.IN_REVIEW],
    to: RevisionStatus.APPROVED,
    ability: 'approve',
  },
  [WorkflowAction.SCHEDULE]: {
    from: [RevisionStatus.APPROVED],
    to: RevisionStatus.SCHEDULED,
    ability: 'publish',
  },
  [WorkflowAction.UNSCHEDULE]: {
    from: [RevisionStatus.SCHEDULED],
    to: RevisionStatus.APPROVED,
    ability: 'publish',
  },
  [WorkflowAction.PUBLISH]: {
    from: [RevisionStatus.APPROVED, RevisionStatus.SCHEDULED],
    to: RevisionStatus.PUBLISHED,
    ability: 'publish',
  },
  [WorkflowAction.WITHDRAW]: {
    from: [RevisionStatus.PUBLISHED],
    to: RevisionStatus.WITHDRAWN,
    ability: 'publish',
  },
};

/** The revision workflow as a state machine (the shape every workflow of the platform shares). */
export const REVISION_WORKFLOW = new StateMachine('revision', Object.values(RevisionStatus), TRANSITIONS);

/** States in which the revision in progress may be edited, and the ability that edit needs. */
export const EDITABLE: Partial<Record<RevisionStatus, AppAction>> = {
  [RevisionStatus.DRAFT]: 'update',
  [RevisionStatus.RETURNED]: 'update',
  [RevisionStatus.UNIT_REVIEW]: 'vet',
  [RevisionStatus.SUBMITTED]: 'review',
  [RevisionStatus.IN_REVIEW]: 'review',
};

import { StateMachine, type AppAction } from '@portal/platform';

/** What a citizen sends: a question (hỏi đáp) or feedback on administrative regulations (phản ánh, kiến nghị). */
export enum QuestionType {
  QUESTION = 'QUESTION',
  FEEDBACK = 'FEEDBACK',
}

/** Where a question stands (05/2024/QĐ-UBND art. 12.1.đ; 1376/QĐ-SVHTT art. 11.3). */
export enum QuestionStatus {
  /** Waiting for the board of the portal that holds it to classify and route it. */
  RECEIVED = 'RECEIVED',
  /** With a unit (an account group) or a child portal, which drafts the answer. */
  ROUTED = 'ROUTED',
  /** The unit's draft answer, waiting for the board head. */
  ANSWERED = 'ANSWERED',
  APPROVED = 'APPROVED',
  /** Question (as edited for publication) and answer are public. Final. */
  PUBLISHED = 'PUBLISHED',
  /** Outside the portal's scope; the asker was told so. Final. */
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
}

export enum QuestionAction {
  CLASSIFY = 'CLASSIFY',
  ROUTE = 'ROUTE',
  FORWARD = 'FORWARD',
  ANSWER_OUT_OF_SCOPE = 'ANSWER_OUT_OF_SCOPE',
  DRAFT_ANSWER = 'DRAFT_ANSWER',
  RETURN = 'RETURN',
  APPROVE = 'APPROVE',
  PUBLISH = 'PUBLISH',
}

export interface QuestionTransition {
  from: readonly QuestionStatus[];
  /** null: the status does not change (classification). */
  to: QuestionStatus | null;
  /** The CASL action the actor needs on the question's portal (DRAFT_ANSWER: on the answering portal). */
  ability: AppAction;
}

/**
 * The state machine, as data. Who holds each ability is the CASL rules' answer (libs/access,
 * `engagementRules`): the board routes, forwards and publishes, only its head approves, units draft.
 * FORWARD moves the question to another portal, where it starts again as RECEIVED.
 */
export const QUESTION_TRANSITIONS: Record<QuestionAction, QuestionTransition> = {
  [QuestionAction.CLASSIFY]: {
    from: [QuestionStatus.RECEIVED, QuestionStatus.ROUTED],
    to: null,
    ability: 'route',
  },
  [QuestionAction.ROUTE]: {
    from: [QuestionStatus.RECEIVED, QuestionStatus.ROUTED],
    to: QuestionStatus.ROUTED,
    ability: 'route',
  },
  [QuestionAction.FORWARD]: {
    from: [QuestionStatus.RECEIVED, QuestionStatus.ROUTED],
    to: QuestionStatus.RECEIVED,
    ability: 'route',
  },
  [QuestionAction.ANSWER_OUT_OF_SCOPE]: {
    from: [QuestionStatus.RECEIVED],
    to: QuestionStatus.OUT_OF_SCOPE,
    ability: 'route',
  },
  [QuestionAction.DRAFT_ANSWER]: {
    from: [QuestionStatus.ROUTED],
    to: QuestionStatus.ANSWERED,
    ability: 'answer',
  },
  [QuestionAction.RETURN]: {
    from: [QuestionStatus.ANSWERED],
    to: QuestionStatus.ROUTED,
    ability: 'approve',
  },
  [QuestionAction.APPROVE]: {
    from: [QuestionStatus.ANSWERED],
    to: QuestionStatus.APPROVED,
    ability: 'approve',
  },
  [QuestionAction.PUBLISH]: {
    from: [QuestionStatus.APPROVED],
    to: QuestionStatus.PUBLISHED,
    ability: 'publish',
  },
};

/** The question workflow as a state machine (the shape every workflow of the platform shares). */
export const QUESTION_WORKFLOW = new StateMachine(
  'question',
  Object.values(QuestionStatus),
  QUESTION_TRANSITIONS,
);

/** Statuses in which the question still waits for someone. */
export const OPEN_STATUSES = [
  QuestionStatus.RECEIVED,
  QuestionStatus.ROUTED,
  QuestionStatus.ANSWERED,
  QuestionStatus.APPROVED,
] as const;

/** The deadlines a question carries, and the statuses in which each one still runs. */
export const QUESTION_DEADLINES = {
  ROUTING: { column: 'routing_due_at', statuses: [QuestionStatus.RECEIVED] },
  ANSWER: { column: 'answer_due_at', statuses: [...OPEN_STATUSES] },
  UNIT_ANSWER: { column: 'unit_due_at', statuses: [QuestionStatus.ROUTED] },
  BOARD_PUBLISH: { column: 'board_due_at', statuses: [QuestionStatus.ANSWERED, QuestionStatus.APPROVED] },
} as const;

export type QuestionDeadline = keyof typeof QUESTION_DEADLINES;

/** What the asker sees: the internal steps between routing and publication are one "in progress". */
export enum QuestionPublicStatus {
  RECEIVED = 'RECEIVED',
  IN_PROGRESS = 'IN_PROGRESS',
  ANSWERED = 'ANSWERED',
  OUT_OF_SCOPE = 'OUT_OF_SCOPE',
}

export function publicStatusOf(status: QuestionStatus): QuestionPublicStatus {
  switch (status) {
    case QuestionStatus.RECEIVED:
      return QuestionPublicStatus.RECEIVED;
    case QuestionStatus.PUBLISHED:
      return QuestionPublicStatus.ANSWERED;
    case QuestionStatus.OUT_OF_SCOPE:
      return QuestionPublicStatus.OUT_OF_SCOPE;
    default:
      return QuestionPublicStatus.IN_PROGRESS;
  }
}

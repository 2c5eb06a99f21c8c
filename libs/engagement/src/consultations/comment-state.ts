import { StateMachine } from '@portal/platform';

/**
 * Lifecycle of a comment on a draft document. Every comment arrives PENDING and shows nowhere until
 * the board publishes it; the board may reject it (with a reason) before or after publishing.
 */
export enum DraftCommentState {
  PENDING = 'PENDING',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
}

export enum ModerationAction {
  PUBLISH = 'PUBLISH',
  REJECT = 'REJECT',
}

/** Whether a portal shows the comments its board published (the default) or none at all. */
export enum CommentVisibility {
  PUBLISHED_ONLY = 'PUBLISHED_ONLY',
  HIDDEN = 'HIDDEN',
}

/** Where a draft document stands at an instant: comments are accepted only while OPEN. */
export enum ConsultationStatus {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

interface Transition {
  from: DraftCommentState[];
  to: DraftCommentState;
  /** A reason is required (shown to nobody but the board and the audit log). */
  needsReason: boolean;
}

/** Who takes each step: the board of the item's portal (`moderate Comment`). */
export const MODERATION_TRANSITIONS: Record<ModerationAction, Transition> = {
  [ModerationAction.PUBLISH]: {
    from: [DraftCommentState.PENDING],
    to: DraftCommentState.PUBLISHED,
    needsReason: false,
  },
  // A published comment can still be taken down (e.g. personal data noticed late).
  [ModerationAction.REJECT]: {
    from: [DraftCommentState.PENDING, DraftCommentState.PUBLISHED],
    to: DraftCommentState.REJECTED,
    needsReason: true,
  },
};

/** Moderation as a state machine (the shape every workflow of the platform shares). */
export const COMMENT_MODERATION = new StateMachine(
  'comment',
  Object.values(DraftCommentState),
  MODERATION_TRANSITIONS,
);

/** The transition an action takes from a state, or null when the state machine does not allow it. */
export function moderationTransition(action: ModerationAction, state: DraftCommentState): Transition | null {
  return COMMENT_MODERATION.step(action, state);
}

/** Comments are accepted from the opening instant (inclusive) up to the closing instant (exclusive). */
export function consultationStatus(opensAt: Date, closesAt: Date, now: Date): ConsultationStatus {
  if (now.getTime() < opensAt.getTime()) return ConsultationStatus.UPCOMING;
  if (now.getTime() < closesAt.getTime()) return ConsultationStatus.OPEN;
  return ConsultationStatus.CLOSED;
}

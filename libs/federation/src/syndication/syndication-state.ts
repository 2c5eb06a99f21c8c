import { StateMachine } from '@portal/platform';

/** Which way an item travels: UP to an ancestor's board, DOWN pushed by an ancestor's board. */
export enum SyndicationDirection {
  UP = 'UP',
  DOWN = 'DOWN',
}

/**
 * Lifecycle of one item on one other portal. Proposals wait for the receiving board; accepted (and
 * pushed) copies show there until the receiving board drops them, the sending side retracts them,
 * or the source withdraws the item, which ends every copy at once.
 */
export enum SyndicationState {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  DROPPED = 'DROPPED',
  WITHDRAWN = 'WITHDRAWN',
  RETRACTED = 'RETRACTED',
}

export enum SyndicationAction {
  ACCEPT = 'ACCEPT',
  REFUSE = 'REFUSE',
  DROP = 'DROP',
  RETRACT = 'RETRACT',
  SOURCE_WITHDRAWN = 'SOURCE_WITHDRAWN',
}

/** Who acts: the receiving portal's board, the sending portal, or the system following the source. */
export type SyndicationSide = 'receiver' | 'sender' | 'system';

interface Transition {
  from: SyndicationState[];
  to: SyndicationState;
  side: SyndicationSide;
  directions: SyndicationDirection[];
}

const BOTH = [SyndicationDirection.UP, SyndicationDirection.DOWN];

export const SYNDICATION_TRANSITIONS: Record<SyndicationAction, Transition> = {
  [SyndicationAction.ACCEPT]: {
    from: [SyndicationState.PROPOSED],
    to: SyndicationState.ACCEPTED,
    side: 'receiver',
    directions: [SyndicationDirection.UP],
  },
  [SyndicationAction.REFUSE]: {
    from: [SyndicationState.PROPOSED],
    to: SyndicationState.REFUSED,
    side: 'receiver',
    directions: [SyndicationDirection.UP],
  },
  // The receiving board takes a copy it accepted off its portal; a pushed directive is not theirs to drop.
  [SyndicationAction.DROP]: {
    from: [SyndicationState.ACCEPTED],
    to: SyndicationState.DROPPED,
    side: 'receiver',
    directions: [SyndicationDirection.UP],
  },
  // The sending side takes back a proposal not yet decided, or a push.
  [SyndicationAction.RETRACT]: {
    from: [SyndicationState.PROPOSED, SyndicationState.ACCEPTED],
    to: SyndicationState.RETRACTED,
    side: 'sender',
    directions: BOTH,
  },
  [SyndicationAction.SOURCE_WITHDRAWN]: {
    from: [SyndicationState.PROPOSED, SyndicationState.ACCEPTED],
    to: SyndicationState.WITHDRAWN,
    side: 'system',
    directions: BOTH,
  },
};

/** A copy's lifecycle as a state machine (the shape every workflow of the platform shares). */
export const SYNDICATION_WORKFLOW = new StateMachine(
  'syndication',
  Object.values(SyndicationState),
  SYNDICATION_TRANSITIONS,
);

/** The transition an action takes from a state, or null when the state machine does not allow it. */
export function syndicationTransition(
  action: SyndicationAction,
  state: SyndicationState,
  direction: SyndicationDirection,
): Transition | null {
  return SYNDICATION_WORKFLOW.step(action, state, (t) => t.directions.includes(direction));
}

import {
  SYNDICATION_TRANSITIONS,
  SyndicationAction,
  SyndicationDirection,
  SyndicationState,
  syndicationTransition,
} from './syndication-state';

const { UP, DOWN } = SyndicationDirection;

describe('syndication state machine', () => {
  it('lets the receiving board decide proposals only, and drop only what it accepted', () => {
    expect(syndicationTransition(SyndicationAction.ACCEPT, SyndicationState.PROPOSED, UP)?.to).toBe(
      SyndicationState.ACCEPTED,
    );
    expect(syndicationTransition(SyndicationAction.REFUSE, SyndicationState.PROPOSED, UP)?.to).toBe(
      SyndicationState.REFUSED,
    );
    expect(syndicationTransition(SyndicationAction.ACCEPT, SyndicationState.REFUSED, UP)).toBeNull();
    expect(syndicationTransition(SyndicationAction.DROP, SyndicationState.ACCEPTED, UP)?.side).toBe(
      'receiver',
    );
    expect(syndicationTransition(SyndicationAction.DROP, SyndicationState.PROPOSED, UP)).toBeNull();
  });

  it('never lets a receiving portal decide or drop a push from above', () => {
    for (const action of [SyndicationAction.ACCEPT, SyndicationAction.REFUSE, SyndicationAction.DROP])
      for (const state of Object.values(SyndicationState))
        expect(syndicationTransition(action, state, DOWN)).toBeNull();
    expect(syndicationTransition(SyndicationAction.RETRACT, SyndicationState.ACCEPTED, DOWN)?.side).toBe(
      'sender',
    );
  });

  it('ends every open syndication when the source withdraws, and nothing closed comes back', () => {
    for (const direction of [UP, DOWN]) {
      expect(
        syndicationTransition(SyndicationAction.SOURCE_WITHDRAWN, SyndicationState.PROPOSED, direction)?.to,
      ).toBe(SyndicationState.WITHDRAWN);
      expect(
        syndicationTransition(SyndicationAction.SOURCE_WITHDRAWN, SyndicationState.ACCEPTED, direction)?.to,
      ).toBe(SyndicationState.WITHDRAWN);
    }
    const closed = [
      SyndicationState.REFUSED,
      SyndicationState.DROPPED,
      SyndicationState.WITHDRAWN,
      SyndicationState.RETRACTED,
    ];
    for (const t of Object.values(SYNDICATION_TRANSITIONS))
      for (const state of closed) expect(t.from).not.toContain(state);
  });
});

/** One step of a state machine: from which states an action leads to which (null: the state stays). */
export interface StateTransition<S extends string> {
  readonly from: readonly S[];
  readonly to: S | null;
}

/**
 * The one shape of the platform's workflows (revisions, citizens' questions, comments on drafts,
 * syndicated copies): the transitions as data, checked once when the machine is defined, and the
 * same questions asked of each (may this action be taken from this state, what can be done next,
 * which states are final). What a transition carries beyond `from`/`to` (the CASL action it needs,
 * the side that takes it) stays the machine's own.
 */
export class StateMachine<S extends string, A extends string, T extends StateTransition<S>> {
  constructor(
    readonly name: string,
    readonly states: readonly S[],
    readonly transitions: Readonly<Record<A, T>>,
  ) {
    const known = new Set<string>(states);
    for (const [action, t] of Object.entries(transitions) as Array<[A, T]>) {
      if (!t.from.length) throw new Error(`${name}: ${action} starts from no state`);
      for (const state of [...t.from, ...(t.to === null ? [] : [t.to])])
        if (!known.has(state)) throw new Error(`${name}: ${action} names the unknown state ${state}`);
    }
  }

  get actions(): A[] {
    return Object.keys(this.transitions) as A[];
  }

  /**
   * The transition `action` takes from `state`, or null when the machine does not allow it there
   * (or `applies`, the machine's own further condition, says no).
   */
  step(action: A, state: S, applies?: (t: T) => boolean): T | null {
    const t = this.transitions[action];
    if (!t || !t.from.includes(state)) return null;
    return !applies || applies(t) ? t : null;
  }

  /** The actions the machine allows from a state, in the order they were defined. */
  actionsFrom(state: S, applies?: (t: T) => boolean): A[] {
    return this.actions.filter((action) => this.step(action, state, applies) !== null);
  }

  /** The state a step leads to from `state` (a step with no `to` leaves it where it is). */
  target(t: T, state: S): S {
    return t.to ?? state;
  }

  /** The states no action leaves. */
  get finalStates(): S[] {
    return this.states.filter((state) => this.actionsFrom(state).length === 0);
  }
}

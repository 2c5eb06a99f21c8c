import { StateMachine } from './state-machine';

type Light = 'RED' | 'GREEN' | 'OFF';
type Switch = 'GO' | 'STOP' | 'CHECK' | 'BREAK';

const light = new StateMachine<Light, Switch, { from: Light[]; to: Light | null; night?: boolean }>(
  'light',
  ['RED', 'GREEN', 'OFF'],
  {
    GO: { from: ['RED'], to: 'GREEN' },
    STOP: { from: ['GREEN'], to: 'RED' },
    CHECK: { from: ['RED', 'GREEN'], to: null },
    BREAK: { from: ['RED', 'GREEN'], to: 'OFF', night: true },
  },
);

describe('StateMachine', () => {
  it('gives the transition an action takes from a state, or null', () => {
    expect(light.step('GO', 'RED')?.to).toBe('GREEN');
    expect(light.step('GO', 'GREEN')).toBeNull();
    expect(light.step('BREAK', 'RED', (t) => !t.night)).toBeNull();
    expect(light.step('BREAK', 'RED', (t) => !!t.night)?.to).toBe('OFF');
  });

  it('lists what can be done next, where a step leads, and the final states', () => {
    expect(light.actionsFrom('RED')).toEqual(['GO', 'CHECK', 'BREAK']);
    expect(light.actionsFrom('OFF')).toEqual([]);
    expect(light.target(light.transitions.CHECK, 'GREEN')).toBe('GREEN');
    expect(light.target(light.transitions.STOP, 'GREEN')).toBe('RED');
    expect(light.finalStates).toEqual(['OFF']);
  });

  it('refuses a definition naming an unknown state or starting nowhere', () => {
    // Typed machines cannot even say this; a machine built from loose strings is checked at run time.
    const loose = (to: string) =>
      new StateMachine<string, 'X', { from: string[]; to: string | null }>('bad', ['A'], {
        X: { from: ['A'], to },
      });
    expect(() => loose('B')).toThrow('bad: X names the unknown state B');
    expect(() => new StateMachine('bad', ['A'], { X: { from: [], to: 'A' } })).toThrow(
      'bad: X starts from no state',
    );
  });
});

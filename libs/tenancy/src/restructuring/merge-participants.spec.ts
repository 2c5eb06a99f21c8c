import { MergeParticipant, MergeParticipants } from './merge-participants';

const participant = (name: string, order?: number): MergeParticipant => ({
  name,
  order,
  preview: () => Promise.resolve({}),
  apply: () => Promise.resolve({}),
});

describe('MergeParticipants', () => {
  it('runs participants by order, then in registration order', () => {
    const registry = new MergeParticipants();
    registry.register(participant('content'));
    registry.register(participant('accounts'));
    registry.register(participant('categories', 0));
    registry.register(participant('late', 200));
    expect(registry.all().map((p) => p.name)).toEqual(['categories', 'content', 'accounts', 'late']);
  });

  it('refuses a second participant with the same name', () => {
    const registry = new MergeParticipants();
    registry.register(participant('content'));
    expect(() => registry.register(participant('content'))).toThrow(/registered twice/);
  });
});

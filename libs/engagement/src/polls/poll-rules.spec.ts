import { PollResultsVisibility } from './poll.entity';
import { PollState, checkPollDraft, pollStateAt } from './poll-rules';

const at = (s: string) => new Date(s);
const poll = {
  opensAt: at('2026-12-01T00:00:00Z'),
  closesAt: at('2026-12-10T00:00:00Z'),
  closedEarlyAt: null as Date | null,
  withdrawnAt: null as Date | null,
};
const draft = {
  questionVi: 'Bạn đánh giá thế nào?',
  options: [{ labelVi: 'Tốt' }, { labelVi: 'Chưa tốt' }],
  opensAt: at('2026-12-01T00:00:00Z'),
  closesAt: at('2026-12-10T00:00:00Z'),
  resultsVisibility: PollResultsVisibility.AFTER_VOTE,
};
const fieldOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { field: string }).field;
  }
};

describe('poll rules', () => {
  it('derives the state from the times, closing early and withdrawal', () => {
    expect(pollStateAt(poll, at('2026-11-30T23:59:59Z'))).toBe(PollState.UPCOMING);
    expect(pollStateAt(poll, at('2026-12-01T00:00:00Z'))).toBe(PollState.OPEN);
    expect(pollStateAt(poll, at('2026-12-10T00:00:00Z'))).toBe(PollState.CLOSED);
    expect(
      pollStateAt({ ...poll, closedEarlyAt: at('2026-12-05T00:00:00Z') }, at('2026-12-05T01:00:00Z')),
    ).toBe(PollState.CLOSED);
    expect(
      pollStateAt({ ...poll, withdrawnAt: at('2026-12-05T00:00:00Z') }, at('2026-12-02T00:00:00Z')),
    ).toBe(PollState.WITHDRAWN);
  });

  it('names the field of the first problem in a draft', () => {
    expect(fieldOf(() => checkPollDraft(draft))).toBeNull();
    expect(fieldOf(() => checkPollDraft({ ...draft, questionVi: ' ' }))).toBe('questionVi');
    expect(fieldOf(() => checkPollDraft({ ...draft, options: [{ labelVi: 'Một' }] }))).toBe('options');
    expect(fieldOf(() => checkPollDraft({ ...draft, options: [{ labelVi: 'Có' }, { labelVi: '' }] }))).toBe(
      'options.1.labelVi',
    );
    expect(fieldOf(() => checkPollDraft({ ...draft, options: [{ labelVi: 'Có' }, { labelVi: 'CÓ' }] }))).toBe(
      'options.1.labelVi',
    );
    expect(fieldOf(() => checkPollDraft({ ...draft, closesAt: draft.opensAt }))).toBe('closesAt');
    expect(fieldOf(() => checkPollDraft({ ...draft, opensAt: new Date('x') }))).toBe('opensAt');
  });
});

import { REVISION_WORKFLOW, RefusalReason, WorkflowAction } from './workflow';
import { STEP_RULES, StepOptions } from './workflow-steps';

describe('what a workflow step asks beyond its transition', () => {
  const input = (action: WorkflowAction, options: StepOptions, note: string | null = null) =>
    STEP_RULES[action]?.input?.(options, note)?.code ?? null;

  it('names only steps of the state machine', () => {
    for (const action of Object.keys(STEP_RULES)) expect(REVISION_WORKFLOW.actions).toContain(action);
  });

  it('a refusal needs one of the reasons, a return a note, a schedule a future time', () => {
    expect(input(WorkflowAction.REFUSE, {})).toBe('REASON_REQUIRED');
    expect(input(WorkflowAction.REFUSE, { reason: 'BORED' as RefusalReason })).toBe('REASON_REQUIRED');
    expect(input(WorkflowAction.REFUSE, { reason: RefusalReason.STATE_SECRET })).toBeNull();
    expect(input(WorkflowAction.RETURN, {})).toBe('NOTE_REQUIRED');
    expect(input(WorkflowAction.UNIT_RETURN, {}, null)).toBe('NOTE_REQUIRED');
    expect(input(WorkflowAction.RETURN, {}, 'Sửa tiêu đề')).toBeNull();
    expect(input(WorkflowAction.SCHEDULE, {})).toBe('SCHEDULE_IN_PAST');
    expect(input(WorkflowAction.SCHEDULE, { at: new Date('invalid') })).toBe('SCHEDULE_IN_PAST');
    expect(input(WorkflowAction.SCHEDULE, { at: new Date(Date.now() - 60_000) })).toBe('SCHEDULE_IN_PAST');
    expect(input(WorkflowAction.SCHEDULE, { at: new Date(Date.now() + 3_600_000) })).toBeNull();
    expect(STEP_RULES[WorkflowAction.SCHEDULE]?.input?.({}, null)?.field).toBe('publishAt');
    expect(input(WorkflowAction.APPROVE, {})).toBeNull();
  });

  it('withdrawing works on the live revision; publishing and withdrawing change the public site', () => {
    expect(STEP_RULES[WorkflowAction.WITHDRAW]?.onLive).toBe(true);
    expect(STEP_RULES[WorkflowAction.PUBLISH]?.onLive).toBeFalsy();
    const live = Object.entries(STEP_RULES)
      .filter(([, r]) => r?.changesLive)
      .map(([a]) => a);
    expect(live.sort()).toEqual([WorkflowAction.PUBLISH, WorkflowAction.WITHDRAW]);
  });
});

import type { DomainError } from '@portal/platform';
import { EditorialErrors } from '../errors/editorial-errors';
import { RefusalReason, WorkflowAction } from './workflow';

/** What a caller gives with a step. */
export interface StepOptions {
  reason?: RefusalReason | null;
  note?: string | null;
  at?: Date | null;
}

/** What a step is beyond its transition in the state machine (REVISION_WORKFLOW). */
export interface StepRule {
  /** The step works on the live revision, not the one in progress. */
  readonly onLive?: boolean;
  /** The step changes what the public site shows: listeners are told once it commits. */
  readonly changesLive?: boolean;
  /** What the step asks of its input (`note` already cleaned), as the typed error when it is missing. */
  readonly input?: (options: StepOptions, note: string | null) => DomainError | null;
}

const noteRequired = (_: StepOptions, note: string | null) => (note ? null : EditorialErrors.noteRequired());

/** The steps that are more than a change of state; every other step only moves the state. */
export const STEP_RULES: Partial<Record<WorkflowAction, StepRule>> = {
  [WorkflowAction.REFUSE]: {
    input: (o) =>
      o.reason && Object.values(RefusalReason).includes(o.reason) ? null : EditorialErrors.reasonRequired(),
  },
  [WorkflowAction.RETURN]: { input: noteRequired },
  [WorkflowAction.UNIT_RETURN]: { input: noteRequired },
  [WorkflowAction.SCHEDULE]: {
    input: (o) =>
      !o.at || Number.isNaN(o.at.getTime()) || o.at.getTime() <= Date.now()
        ? EditorialErrors.publishInPast()
        : null,
  },
  [WorkflowAction.PUBLISH]: { changesLive: true },
  [WorkflowAction.WITHDRAW]: { onLive: true, changesLive: true },
};

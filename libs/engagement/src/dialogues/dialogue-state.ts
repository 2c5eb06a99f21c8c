import { StateMachine, type AppAction, inputError } from '@portal/platform';
import { DialogueQuestionStatus, DialogueState } from './dialogue.entity';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** What the board does to a session (PUBLISH_TRANSCRIPT follows the transcript item's publication). */
export enum DialogueAction {
  EDIT = 'EDIT',
  OPEN_QUESTIONS = 'OPEN_QUESTIONS',
  START = 'START',
  END = 'END',
  PUBLISH_TRANSCRIPT = 'PUBLISH_TRANSCRIPT',
  CANCEL = 'CANCEL',
}

export interface DialogueTransition {
  from: readonly DialogueState[];
  to: DialogueState | null;
  /** The CASL action on the session's portal; null: taken by the platform, never by a caller. */
  ability: AppAction | null;
}

/**
 * A session's life: announced (SCHEDULED), open for questions before it (OPEN), on the air (LIVE),
 * over (ENDED: the transcript is a draft item going through the editorial workflow), and
 * TRANSCRIPT_PUBLISHED once that item is published. A session not yet live may be CANCELLED.
 */
export const DIALOGUE_WORKFLOW = new StateMachine<DialogueState, DialogueAction, DialogueTransition>(
  'dialogue',
  Object.values(DialogueState),
  {
    [DialogueAction.EDIT]: {
      from: [DialogueState.SCHEDULED, DialogueState.OPEN, DialogueState.LIVE],
      to: null,
      ability: 'update',
    },
    [DialogueAction.OPEN_QUESTIONS]: {
      from: [DialogueState.SCHEDULED],
      to: DialogueState.OPEN,
      ability: 'update',
    },
    [DialogueAction.START]: {
      from: [DialogueState.SCHEDULED, DialogueState.OPEN],
      to: DialogueState.LIVE,
      ability: 'update',
    },
    [DialogueAction.END]: { from: [DialogueState.LIVE], to: DialogueState.ENDED, ability: 'update' },
    [DialogueAction.PUBLISH_TRANSCRIPT]: {
      from: [DialogueState.ENDED],
      to: DialogueState.TRANSCRIPT_PUBLISHED,
      ability: null,
    },
    [DialogueAction.CANCEL]: {
      from: [DialogueState.SCHEDULED, DialogueState.OPEN],
      to: DialogueState.CANCELLED,
      ability: 'update',
    },
  },
);

/** The states in which citizens may send questions: before the session (once opened) and during it. */
export const ASKING_STATES: readonly DialogueState[] = [DialogueState.OPEN, DialogueState.LIVE];

export enum DialogueQuestionAction {
  SELECT = 'SELECT',
  REJECT = 'REJECT',
  ANSWER = 'ANSWER',
}

export interface DialogueQuestionTransition {
  from: readonly DialogueQuestionStatus[];
  to: DialogueQuestionStatus | null;
  ability: AppAction;
  /** The session states in which the board may take it. */
  during: readonly DialogueState[];
}

/**
 * A question in the board's queue: selected (with the displayed text and the guest it goes to) or
 * rejected with a reason; a selected question gets the guest's answer, recorded by the board and
 * published at once (a published answer may be corrected while the session is live).
 */
export const DIALOGUE_QUESTION_WORKFLOW = new StateMachine<
  DialogueQuestionStatus,
  DialogueQuestionAction,
  DialogueQuestionTransition
>('dialogueQuestion', Object.values(DialogueQuestionStatus), {
  [DialogueQuestionAction.SELECT]: {
    from: [DialogueQuestionStatus.RECEIVED, DialogueQuestionStatus.SELECTED, DialogueQuestionStatus.REJECTED],
    to: DialogueQuestionStatus.SELECTED,
    ability: 'moderate',
    during: ASKING_STATES,
  },
  [DialogueQuestionAction.REJECT]: {
    from: [DialogueQuestionStatus.RECEIVED, DialogueQuestionStatus.SELECTED],
    to: DialogueQuestionStatus.REJECTED,
    ability: 'moderate',
    during: ASKING_STATES,
  },
  [DialogueQuestionAction.ANSWER]: {
    from: [DialogueQuestionStatus.SELECTED, DialogueQuestionStatus.ANSWERED],
    to: DialogueQuestionStatus.ANSWERED,
    ability: 'answer',
    during: [DialogueState.LIVE],
  },
});

const STATE_NAMES: Record<DialogueState, [string, string]> = {
  SCHEDULED: ['đã lên lịch', 'scheduled'],
  OPEN: ['đang nhận câu hỏi', 'open for questions'],
  LIVE: ['đang diễn ra', 'live'],
  ENDED: ['đã kết thúc', 'ended'],
  TRANSCRIPT_PUBLISHED: ['đã đăng nội dung', 'transcript published'],
  CANCELLED: ['đã hủy', 'cancelled'],
};

export const invalidDialogueTransition = (action: string, state: DialogueState) =>
  inputError(
    EngagementErrorCode.INVALID_TRANSITION,
    'action',
    `Không thể thực hiện thao tác này khi buổi giao lưu ${STATE_NAMES[state][0]}.`,
    `This cannot be done while the dialogue is ${STATE_NAMES[state][1]} (${action}).`,
  );

export const dialogueNotTakingQuestions = (state: DialogueState) =>
  inputError(
    EngagementErrorCode.DIALOGUE_NOT_OPEN,
    'dialogueId',
    `Buổi giao lưu ${STATE_NAMES[state][0]}, không nhận câu hỏi.`,
    `The dialogue is ${STATE_NAMES[state][1]} and does not take questions.`,
  );

/** The steps a caller takes through `transitionDialogue` (the others are the platform's or an edit). */
export enum DialogueStep {
  OPEN_QUESTIONS = 'OPEN_QUESTIONS',
  START = 'START',
  END = 'END',
  CANCEL = 'CANCEL',
}

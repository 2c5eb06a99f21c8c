import { cleanDialogue, cleanDialogueAsk, normalizeDialogueCode } from './dialogue-input';
import {
  DIALOGUE_QUESTION_WORKFLOW,
  DIALOGUE_WORKFLOW,
  DialogueAction,
  DialogueQuestionAction,
} from './dialogue-state';
import { transcriptHtml } from './dialogue-transcript';
import {
  DialogueGuestEntity,
  DialogueGuestKind,
  DialogueQuestionEntity,
  DialogueQuestionStatus,
  DialogueSessionEntity,
  DialogueState,
} from './dialogue.entity';

const session = (extra: Record<string, unknown> = {}) => ({
  titleVi: ' Giao lưu  trực tuyến về cải cách hành chính ',
  topicVi: 'Chủ đề: dịch vụ công.\n\n\n\nMời gửi câu hỏi.',
  place: 'Hội trường',
  startsAt: new Date('2026-12-10T02:00:00Z'),
  endsAt: new Date('2026-12-10T04:00:00Z'),
  guests: [
    { kind: DialogueGuestKind.LEADER, name: 'Nguyễn Văn An', jobTitle: 'Chủ tịch', unit: 'UBND phường' },
  ],
  ...extra,
});

describe('online dialogues: rules', () => {
  it('the session workflow: announced, open, live, ended, transcript published; cancelled only before live', () => {
    expect(DIALOGUE_WORKFLOW.actionsFrom(DialogueState.SCHEDULED)).toEqual([
      DialogueAction.EDIT,
      DialogueAction.OPEN_QUESTIONS,
      DialogueAction.START,
      DialogueAction.CANCEL,
    ]);
    expect(DIALOGUE_WORKFLOW.step(DialogueAction.CANCEL, DialogueState.LIVE)).toBeNull();
    expect(DIALOGUE_WORKFLOW.step(DialogueAction.EDIT, DialogueState.ENDED)).toBeNull();
    expect(DIALOGUE_WORKFLOW.transitions.PUBLISH_TRANSCRIPT.ability).toBeNull();
    expect(DIALOGUE_WORKFLOW.finalStates.sort()).toEqual([
      DialogueState.CANCELLED,
      DialogueState.TRANSCRIPT_PUBLISHED,
    ]);
  });

  it('the question workflow: answers only while live, rejected ones may be selected again, answered ones not rejected', () => {
    expect(DIALOGUE_QUESTION_WORKFLOW.transitions.ANSWER.during).toEqual([DialogueState.LIVE]);
    expect(
      DIALOGUE_QUESTION_WORKFLOW.step(DialogueQuestionAction.SELECT, DialogueQuestionStatus.REJECTED),
    ).not.toBeNull();
    expect(
      DIALOGUE_QUESTION_WORKFLOW.step(DialogueQuestionAction.REJECT, DialogueQuestionStatus.ANSWERED),
    ).toBeNull();
    expect(
      DIALOGUE_QUESTION_WORKFLOW.step(DialogueQuestionAction.ANSWER, DialogueQuestionStatus.RECEIVED),
    ).toBeNull();
  });

  it('cleans a session and names the field of the first problem', () => {
    const clean = cleanDialogue(session());
    if ('error' in clean) throw clean.error;
    expect(clean.value.titleVi).toBe('Giao lưu trực tuyến về cải cách hành chính');
    expect(clean.value.topicVi).toBe('Chủ đề: dịch vụ công.\n\nMời gửi câu hỏi.');
    expect(clean.value.titleEn).toBeNull();
    const field = (extra: Record<string, unknown>) => {
      const r = cleanDialogue(session(extra));
      return 'error' in r ? [r.error.code, r.error.field] : null;
    };
    expect(field({ endsAt: new Date('2026-12-10T01:00:00Z') })).toEqual(['ENDS_BEFORE_START', 'endsAt']);
    expect(field({ endsAt: new Date('2026-12-12T01:00:00Z') })).toEqual(['TOO_LONG', 'endsAt']);
    expect(field({ startsAt: new Date('x') })).toEqual(['INVALID_DATE', 'startsAt']);
    expect(field({ guests: [] })).toEqual(['GUESTS_REQUIRED', 'guests']);
    expect(field({ guests: [{ kind: 'BOSS', name: 'A B', jobTitle: 'Chủ tịch', unit: 'UBND' }] })).toEqual([
      'INVALID_KIND',
      'guests.0.kind',
    ]);
    expect(
      field({
        guests: [{ kind: DialogueGuestKind.EXPERT, name: 'Trần Thị Bích', jobTitle: '', unit: 'Sở' }],
      }),
    ).toEqual(['JOB_TITLE_REQUIRED', 'guests.0.jobTitle']);
  });

  it('a citizen’s question: the contact is optional, checked when given; codes read as typed', () => {
    const ok = cleanDialogueAsk({
      name: 'Lê Văn Cường',
      phone: '0912 345 678',
      text: 'Câu hỏi đủ dài để gửi.',
    });
    expect(ok).toEqual({
      value: { name: 'Lê Văn Cường', email: null, phone: '0912345678', text: 'Câu hỏi đủ dài để gửi.' },
    });
    const bad = cleanDialogueAsk({ name: 'Lê Văn Cường', email: 'x@', text: 'Câu hỏi đủ dài để gửi.' });
    expect('error' in bad && [bad.error.code, bad.error.field]).toEqual(['INVALID_EMAIL', 'email']);
    expect(normalizeDialogueCode('gl 0123 4567 89ab cdef')).toBe('GL-0123-4567-89AB-CDEF');
    expect(normalizeDialogueCode('HD-0123-4567-89AB-CDEF')).toBeNull();
  });

  it('the transcript escapes what people wrote and names the guest of each answer, in the order given', () => {
    const s = Object.assign(new DialogueSessionEntity(), {
      ...session(),
      titleVi: 'Giao lưu',
      topicVi: 'Chủ đề <b>đậm</b>',
      startedAt: null,
      endedAt: null,
    }) as DialogueSessionEntity;
    const g = Object.assign(new DialogueGuestEntity(), {
      id: 'g1',
      kind: DialogueGuestKind.LEADER,
      name: 'Nguyễn Văn An',
      jobTitle: 'Chủ tịch',
      unit: 'UBND phường',
    });
    const q = (id: string, text: string, answer: string) =>
      Object.assign(new DialogueQuestionEntity(), {
        id,
        askerName: 'Cường',
        text,
        displayText: null,
        answer,
        guestId: 'g1',
      });
    const html = transcriptHtml(
      s,
      [g],
      [q('1', 'Hỏi <script>x</script>', 'Đáp một'), q('2', 'Hỏi hai', 'Đáp hai')],
      [g],
    );
    expect(html).toContain('Chủ đề &lt;b&gt;đậm&lt;/b&gt;');
    expect(html).toContain('Hỏi &lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<strong>Nguyễn Văn An, Chủ tịch trả lời:</strong>');
    expect(html.indexOf('Đáp một')).toBeLessThan(html.indexOf('Đáp hai'));
  });
});

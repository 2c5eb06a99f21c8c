import { cleanAsk, cleanText, newTrackingCode, normalizeTrackingCode } from './question-input';
import { QUESTION_TRANSITIONS, QuestionAction, QuestionStatus, QuestionType } from './question-state';

describe('tracking codes', () => {
  it('carry a readable prefix and 80 random bits, never repeating', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newTrackingCode(QuestionType.QUESTION)));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^HD-([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newTrackingCode(QuestionType.FEEDBACK).startsWith('PA-')).toBe(true);
  });

  it('are read back as people type them, and anything else is no code', () => {
    const code = 'HD-01AB-CD23-4EFG-H5JK';
    expect(normalizeTrackingCode(' hd 0lab cd23 4efg h5jk ')).toBe(code);
    expect(normalizeTrackingCode('HDO1ABCD234EFGH5JK')).toBe(code);
    for (const bad of ['', 'HD-01AB', 'XX-01AB-CD23-4EFG-H5JK', 'HD-01AB-CD23-4EFG-H5JU', 'a'.repeat(100)])
      expect(normalizeTrackingCode(bad)).toBeNull();
  });
});

describe('citizen input', () => {
  const base = {
    type: QuestionType.QUESTION,
    name: 'Trần Thị Bình',
    email: 'binh@example.vn',
    topic: 'Hộ tịch',
    text: 'Xin hỏi thủ tục khai sinh.',
  };

  it('keeps paragraphs, removes markup and control characters', () => {
    expect(cleanText('Dòng <b>một</b>\r\n\r\n\r\n\u0007Dòng hai')).toBe('Dòng một\n\nDòng hai');
  });

  it('names the field of the first problem', () => {
    const field = (input: object) => {
      const r = cleanAsk({ ...base, ...input });
      return 'error' in r ? `${r.error.code}:${r.error.field}` : 'ok';
    };
    expect(field({})).toBe('ok');
    expect(field({ email: null, phone: '0912 345 678' })).toBe('ok');
    expect(field({ email: null })).toBe('CONTACT_REQUIRED:email');
    expect(field({ phone: '0123' })).toBe('INVALID_PHONE:phone');
    expect(field({ topic: ' ' })).toBe('TOPIC_REQUIRED:topic');
    expect(field({ type: 'OTHER' })).toBe('INVALID_TYPE:type');
  });
});

describe('the question state machine', () => {
  it('closes published and out-of-scope questions for good', () => {
    for (const t of Object.values(QUESTION_TRANSITIONS)) {
      expect(t.from).not.toContain(QuestionStatus.PUBLISHED);
      expect(t.from).not.toContain(QuestionStatus.OUT_OF_SCOPE);
    }
  });

  it('lets only the head approve or return, and units draft only what was routed', () => {
    expect(QUESTION_TRANSITIONS[QuestionAction.APPROVE].ability).toBe('approve');
    expect(QUESTION_TRANSITIONS[QuestionAction.RETURN].ability).toBe('approve');
    expect(QUESTION_TRANSITIONS[QuestionAction.DRAFT_ANSWER].from).toEqual([QuestionStatus.ROUTED]);
  });
});

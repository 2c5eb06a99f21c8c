import { DomainError } from '@portal/platform';
import { plainParagraphs, validateComment } from './comment-input';
import {
  ConsultationStatus,
  DraftCommentState,
  ModerationAction,
  consultationStatus,
  moderationTransition,
} from './comment-state';

const codeOf = (f: () => unknown): [string, string | null] | null => {
  try {
    f();
  } catch (e) {
    return [(e as DomainError).code, (e as DomainError).field];
  }
  return null;
};

describe('consultation rules', () => {
  it('the period includes its opening instant and excludes its closing one', () => {
    const opens = new Date('2026-12-01T01:00:00Z');
    const closes = new Date('2026-12-31T10:00:00Z');
    const at = (ms: number) => consultationStatus(opens, closes, new Date(ms));
    expect(at(opens.getTime() - 1)).toBe(ConsultationStatus.UPCOMING);
    expect(at(opens.getTime())).toBe(ConsultationStatus.OPEN);
    expect(at(closes.getTime() - 1)).toBe(ConsultationStatus.OPEN);
    expect(at(closes.getTime())).toBe(ConsultationStatus.CLOSED);
  });

  it('moderation state machine', () => {
    expect(moderationTransition(ModerationAction.PUBLISH, DraftCommentState.PENDING)?.to).toBe(
      DraftCommentState.PUBLISHED,
    );
    expect(moderationTransition(ModerationAction.PUBLISH, DraftCommentState.REJECTED)).toBeNull();
    expect(moderationTransition(ModerationAction.PUBLISH, DraftCommentState.PUBLISHED)).toBeNull();
    expect(moderationTransition(ModerationAction.REJECT, DraftCommentState.PUBLISHED)?.needsReason).toBe(
      true,
    );
    expect(moderationTransition(ModerationAction.REJECT, DraftCommentState.REJECTED)).toBeNull();
  });

  it('plain paragraphs: markup removed, NFC, line breaks kept, blank runs collapsed', () => {
    expect(plainParagraphs('<p>Một</p>\r\n<script>x()</script>Hai\n\n\n\nBa\uE000')).toBe('Một\nHai\n\nBa');
    expect(plainParagraphs('Nguye\u0302\u0303n')).toBe('Nguyễn');
  });

  it('validates each field', () => {
    const base = { name: 'An', email: 'an@example.vn', text: 'Góp ý' };
    expect(validateComment({ ...base, organisation: '  ' })).toEqual({ ...base, organisation: null });
    expect(codeOf(() => validateComment({ ...base, email: 'an@example' }))).toEqual([
      'INVALID_EMAIL',
      'email',
    ]);
    expect(codeOf(() => validateComment({ ...base, name: '<i></i>' }))).toEqual(['REQUIRED', 'name']);
    expect(codeOf(() => validateComment({ ...base, text: 'x'.repeat(10_001) }))).toEqual([
      'TOO_LONG',
      'text',
    ]);
  });
});

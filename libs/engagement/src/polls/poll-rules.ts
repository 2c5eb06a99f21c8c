import { inputError } from '@portal/platform';
import type { PollEntity } from './poll.entity';
import { PollResultsVisibility } from './poll.entity';
import { EngagementErrorCode } from '../errors/engagement-error-code';

export enum PollState {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}

/** A poll's state follows from its times: closing early or withdrawing only records an instant. */
export function pollStateAt(
  poll: Pick<PollEntity, 'opensAt' | 'closesAt' | 'closedEarlyAt' | 'withdrawnAt'>,
  now: Date,
): PollState {
  if (poll.withdrawnAt) return PollState.WITHDRAWN;
  if (poll.closedEarlyAt || now >= poll.closesAt) return PollState.CLOSED;
  if (now < poll.opensAt) return PollState.UPCOMING;
  return PollState.OPEN;
}

export const POLL_LIMITS = { question: 500, option: 200, minOptions: 2, maxOptions: 12 } as const;

interface DraftShape {
  questionVi: string;
  questionEn?: string | null;
  options: Array<{ labelVi: string; labelEn?: string | null }>;
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: PollResultsVisibility;
}

/** Checks a cleaned draft; the first problem is a typed error naming its field. */
export function checkPollDraft<T extends DraftShape>(d: T): T {
  if (!d.questionVi.trim())
    throw inputError(
      EngagementErrorCode.REQUIRED,
      'questionVi',
      'Cần nhập câu hỏi thăm dò.',
      'The poll question is required.',
    );
  for (const [field, value] of [
    ['questionVi', d.questionVi],
    ['questionEn', d.questionEn ?? ''],
  ] as const)
    if (value.length > POLL_LIMITS.question)
      throw inputError(
        EngagementErrorCode.TOO_LONG,
        field,
        `Câu hỏi quá dài (tối đa ${POLL_LIMITS.question} ký tự).`,
        `The question is too long (${POLL_LIMITS.question} characters at most).`,
      );
  if (d.options.length < POLL_LIMITS.minOptions || d.options.length > POLL_LIMITS.maxOptions)
    throw inputError(
      EngagementErrorCode.INVALID_OPTIONS,
      'options',
      `Cuộc thăm dò cần từ ${POLL_LIMITS.minOptions} đến ${POLL_LIMITS.maxOptions} lựa chọn.`,
      `A poll needs ${POLL_LIMITS.minOptions} to ${POLL_LIMITS.maxOptions} options.`,
    );
  const seen = new Set<string>();
  d.options.forEach((o, i) => {
    const label = o.labelVi.trim();
    if (!label)
      throw inputError(
        EngagementErrorCode.REQUIRED,
        `options.${i}.labelVi`,
        'Lựa chọn không được để trống.',
        'An option cannot be empty.',
      );
    if (label.length > POLL_LIMITS.option || (o.labelEn ?? '').length > POLL_LIMITS.option)
      throw inputError(
        EngagementErrorCode.TOO_LONG,
        `options.${i}.labelVi`,
        `Lựa chọn quá dài (tối đa ${POLL_LIMITS.option} ký tự).`,
        `The option is too long (${POLL_LIMITS.option} characters at most).`,
      );
    const key = label.toLocaleLowerCase('vi');
    if (seen.has(key))
      throw inputError(
        EngagementErrorCode.DUPLICATE_OPTION,
        `options.${i}.labelVi`,
        'Hai lựa chọn trùng nhau.',
        'Two options are the same.',
      );
    seen.add(key);
  });
  if (!(d.opensAt instanceof Date) || Number.isNaN(d.opensAt.getTime()))
    throw inputError(
      EngagementErrorCode.INVALID_DATE,
      'opensAt',
      'Thời điểm mở không hợp lệ.',
      'The opening time is not valid.',
    );
  if (!(d.closesAt instanceof Date) || Number.isNaN(d.closesAt.getTime()) || d.closesAt <= d.opensAt)
    throw inputError(
      EngagementErrorCode.INVALID_DATE,
      'closesAt',
      'Thời điểm đóng phải sau thời điểm mở.',
      'The closing time must be after the opening time.',
    );
  return d;
}

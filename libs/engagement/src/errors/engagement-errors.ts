import { DomainError, ForbiddenError, inputError } from '@portal/platform';
import { EngagementErrorCode as Code } from './engagement-error-code';

/**
 * The refusals engagement's workflows share (a question's steps, a comment's moderation, the
 * answering units), their Vietnamese and English text in one place.
 */
export const EngagementErrors = {
  /** NOT_ALLOWED: a step of a question the caller's roles do not allow. */
  questionStepNotAllowed: (action: string) =>
    new DomainError(
      Code.NOT_ALLOWED,
      {
        vi: `Bạn không có quyền thực hiện bước “${action}” với câu hỏi này.`,
        en: `You may not ${action.toLowerCase().replace(/_/g, ' ')} this question.`,
      },
      null,
      403,
    ),
  questionInvalidTransition: (action: string, status: string) =>
    inputError(
      Code.INVALID_TRANSITION,
      'action',
      `Không thể thực hiện “${action}” khi câu hỏi đang ở trạng thái ${status}.`,
      `${action} is not possible while the question is ${status}.`,
    ),
  /** FORBIDDEN: only the board of the draft's portal moderates its comments. */
  moderationNotAllowed: () =>
    new ForbiddenError({
      vi: 'Chỉ Ban biên tập của cổng có dự thảo mới được kiểm duyệt góp ý.',
      en: "Only the board of the draft's portal moderates its comments.",
    }),
  commentInvalidTransition: (action: string, state: string) =>
    inputError(
      Code.INVALID_TRANSITION,
      'action',
      `Không thể thực hiện “${action}” khi góp ý đang ở trạng thái ${state}.`,
      `${action} is not possible while the comment is ${state}.`,
    ),
  /** NOT_ALLOWED: managing a portal's answering units. */
  unitsNotAllowed: () =>
    new DomainError(
      Code.NOT_ALLOWED,
      {
        vi: 'Bạn không có quyền quản lý đơn vị trả lời của cổng này.',
        en: 'You may not manage the answering units of this portal.',
      },
      null,
      403,
    ),
};

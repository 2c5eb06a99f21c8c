import { neededRoles } from '@portal/access';
import { AppAction, DomainError, inputError } from '@portal/platform';
import {
  EDITABLE,
  REVISION_WORKFLOW,
  RevisionStatus,
  TRANSITIONS,
  WorkflowAction,
} from '../workflow/workflow';
import { EditorialErrorCode as Code } from './editorial-error-code';

/*
 * Every typed error of editorial, its Vietnamese and English text in one place. The workflow's two
 * refusals (NOT_ALLOWED, INVALID_TRANSITION) name what would be needed or possible instead.
 */

/** The workflow's steps as an editor reads them. */
const STEP_NAMES: Record<string, string> = {
  CREATE: 'Tạo bài',
  EDIT: 'Sửa bài',
  SUBMIT: 'Gửi duyệt',
  TAKE_FOR_REVIEW: 'Nhận xử lý',
  RETURN: 'Trả lại',
  REFUSE: 'Từ chối',
  APPROVE: 'Phê duyệt',
  SCHEDULE: 'Hẹn giờ đăng',
  UNSCHEDULE: 'Hủy hẹn giờ',
  PUBLISH: 'Đăng',
  WITHDRAW: 'Gỡ bài',
  SCHEDULE_WITHDRAWAL: 'Hẹn giờ gỡ',
  PIN: 'Ghim',
  UNPIN: 'Bỏ ghim',
  DELEGATE: 'Ủy quyền phê duyệt',
};

/** The ability each step needs, beyond the state machine's own transitions. */
const STEP_ABILITY: Record<string, AppAction> = {
  CREATE: 'create',
  EDIT: 'update',
  SCHEDULE_WITHDRAWAL: 'publish',
  PIN: 'publish',
  UNPIN: 'publish',
  DELEGATE: 'delegate',
};

const named = (step: string) => `${step} (${STEP_NAMES[step] ?? step})`;

/** NOT_ALLOWED naming the roles that may take the step. */
export function notAllowed(action: string): DomainError {
  const ability = STEP_ABILITY[action] ?? TRANSITIONS[action as WorkflowAction]?.ability ?? 'publish';
  const needed = neededRoles(ability, 'Content');
  return new DomainError(
    Code.NOT_ALLOWED,
    {
      vi: `Bạn không có quyền thực hiện bước “${STEP_NAMES[action] ?? action}” với bài này. Cần vai trò: ${needed.vi}.`,
      en: `You may not ${action.toLowerCase().replace(/_/g, ' ')} this item. It needs the role ${needed.en}.`,
    },
    null,
    403,
  );
}

/** The steps the workflow allows from a state (editing included where the state is editable). */
export function nextSteps(status: string): string[] {
  const steps: string[] = REVISION_WORKFLOW.actionsFrom(status as RevisionStatus);
  return status in EDITABLE ? ['EDIT', ...steps] : steps;
}

/** INVALID_TRANSITION naming the steps that are possible from the item's state. */
export function invalidTransition(action: string, status: string): DomainError {
  const next = nextSteps(status);
  return inputError(
    Code.INVALID_TRANSITION,
    'action',
    `Không thể thực hiện “${STEP_NAMES[action] ?? action}” khi bài đang ở trạng thái ${status}. ${
      next.length
        ? `Bước có thể làm tiếp: ${next.map(named).join(', ')}.`
        : 'Từ trạng thái này không còn bước nào trong quy trình.'
    }`,
    `${action} is not possible while the item is ${status}. ${
      next.length
        ? `Possible next steps: ${next.join(', ')}.`
        : 'No workflow step is possible from this state.'
    }`,
  );
}

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

export const EditorialErrors = {
  notAllowed,
  invalidTransition,
  tenantNotFound: () =>
    input(Code.TENANT_NOT_FOUND, 'tenantId', 'Không tìm thấy cổng.', 'The portal does not exist.'),
  invalidKind: () => input(Code.INVALID_KIND, 'kind', 'Loại nội dung không hợp lệ.', 'Unknown content kind.'),
  revisionNotFound: (field: string) =>
    input(Code.REVISION_NOT_FOUND, field, 'Không có phiên bản này.', 'There is no such revision.'),
  reasonRequired: () =>
    input(
      Code.REASON_REQUIRED,
      'reason',
      'Cần chọn lý do từ chối.',
      'A refusal needs one of the refusal reasons.',
    ),
  noteRequired: () =>
    input(
      Code.NOTE_REQUIRED,
      'note',
      'Cần ghi nội dung yêu cầu chỉnh sửa.',
      'Returning an item needs a note saying what to change.',
    ),
  publishInPast: () =>
    input(
      Code.SCHEDULE_IN_PAST,
      'publishAt',
      'Thời điểm đăng phải ở tương lai.',
      'The publication time must be in the future.',
    ),
  withdrawInPast: () =>
    input(
      Code.SCHEDULE_IN_PAST,
      'withdrawAt',
      'Thời điểm gỡ phải ở tương lai.',
      'The withdrawal time must be in the future.',
    ),
  invalidDeputy: () =>
    input(
      Code.INVALID_DEPUTY,
      'deputyAccountId',
      'Người được ủy quyền không hợp lệ.',
      'The deputy is not valid.',
    ),
  invalidPeriod: () =>
    input(
      Code.INVALID_PERIOD,
      'validTo',
      'Thời hạn ủy quyền phải kết thúc sau khi bắt đầu.',
      'The delegation must end after it starts.',
    ),
  notADeputy: () =>
    input(
      Code.NOT_A_DEPUTY,
      'deputyAccountId',
      'Người này không phải Phó trưởng ban của cổng.',
      'This account is not a deputy head of this portal’s board.',
    ),
  invalidHours: () =>
    input(
      Code.INVALID_HOURS,
      'dueWithinHours',
      'Số giờ phải từ 1 đến 1440.',
      'dueWithinHours must be between 1 and 1440.',
    ),
  reviewNotAllowed: () =>
    new DomainError(
      Code.NOT_ALLOWED,
      { vi: 'Bạn không có quyền rà soát bài này.', en: 'You may not review this item.' },
      null,
      403,
    ),
  reviewNotPublished: () =>
    input(
      Code.NOT_PUBLISHED,
      'itemId',
      'Chỉ rà soát được bài đang đăng.',
      'Only a live item can be reviewed.',
    ),
  invalidPageSize: (max: number) =>
    input(
      Code.INVALID_PAGE_SIZE,
      'first',
      `Số mục mỗi trang phải từ 1 đến ${max}.`,
      `Page size must be between 1 and ${max}.`,
    ),
  invalidFilter: (field: string) =>
    input(Code.INVALID_FILTER, field, 'Bộ lọc không hợp lệ.', 'The filter is not valid.'),
};

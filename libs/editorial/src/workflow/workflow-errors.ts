import { neededRoles } from '@portal/access';
import { AppAction, DomainError, inputError } from '@portal/platform';
import { EDITABLE, REVISION_WORKFLOW, RevisionStatus, TRANSITIONS, WorkflowAction } from './workflow';

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
    'NOT_ALLOWED',
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
    'INVALID_TRANSITION',
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

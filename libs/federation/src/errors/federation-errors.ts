import { DomainError, ForbiddenError, inputError } from '@portal/platform';
import type { SyndicationAction, SyndicationState } from '../syndication/syndication-state';
import { FederationErrorCode as Code } from './federation-error-code';

const input = (code: Code, field: string, vi: string, en: string): DomainError =>
  inputError(code, field, vi, en);

/** Every typed error of federation, its Vietnamese and English text in one place. */
export const FederationErrors = {
  /** FORBIDDEN: a syndication step the caller's roles do not allow. */
  notAllowed: () =>
    new ForbiddenError({
      vi: 'Bạn không có quyền thực hiện thao tác chia sẻ này.',
      en: 'You may not take this syndication step.',
    }),
  /** FORBIDDEN: a subtree's aggregated feed for someone without a role over all of it. */
  subtreeDenied: () =>
    new ForbiddenError({
      vi: 'Chỉ người có vai trò phạm vi cả nhánh mới xem được nguồn tin tổng hợp của nhánh này.',
      en: 'Only roles held over the whole subtree may read its aggregated feed.',
    }),
  invalidStep: (action: SyndicationAction, state: SyndicationState) =>
    input(
      Code.INVALID_TRANSITION,
      'action',
      `Không thể thực hiện “${action}” khi bài chia sẻ đang ở trạng thái ${state}.`,
      `${action} is not possible while the syndication is ${state}.`,
    ),
  notAnAncestor: () =>
    input(
      Code.NOT_AN_ANCESTOR,
      'targetTenantId',
      'Chỉ có thể đề xuất lên cổng cấp trên của cổng nguồn.',
      'An item can only be proposed to an ancestor of its portal.',
    ),
  sourceRootNotBelow: () =>
    input(
      Code.NOT_A_DESCENDANT,
      'sourceRootId',
      'Phạm vi nguồn phải là một cổng cấp dưới.',
      'The source subtree must be below this portal.',
    ),
  targetNotBelow: (field: string) =>
    input(
      Code.NOT_A_DESCENDANT,
      field,
      'Cổng nhận phải là cổng cấp dưới đang hoạt động của cổng đăng.',
      'A receiving portal must be a live descendant of the pushing portal.',
    ),
  noTargets: () =>
    input(
      Code.NO_TARGETS,
      'targets',
      'Cần chọn các cổng nhận (tất cả, theo loại, theo nhánh hoặc theo danh sách).',
      'Choose the receiving portals (all, by kind, by subtree or by list).',
    ),
  reasonRequired: () =>
    input(Code.REASON_REQUIRED, 'reason', 'Cần ghi lý do từ chối.', 'A refusal needs a reason.'),
  titleRequired: () =>
    input(Code.REQUIRED, 'titleOverride', 'Tiêu đề không được để trống.', 'The title cannot be empty.'),
  titleTooLong: () =>
    input(
      Code.TOO_LONG,
      'titleOverride',
      'Tiêu đề quá dài (tối đa 500 ký tự).',
      'The title is too long (500 characters at most).',
    ),
  notPublished: (field: string) =>
    input(
      Code.NOT_PUBLISHED,
      field,
      'Chỉ chia sẻ được bài đang được đăng.',
      'Only a published item can be shared.',
    ),
  portalNotActive: (field: string) =>
    input(Code.PORTAL_NOT_ACTIVE, field, 'Cổng nguồn không hoạt động.', 'The source portal is not active.'),
  alreadySyndicated: (field: string) =>
    input(
      Code.ALREADY_SYNDICATED,
      field,
      'Bài này đã được đề xuất hoặc đang hiển thị trên cổng đó.',
      'This item is already proposed to, or shown on, that portal.',
    ),
  categoryNotOnPortal: (field: string) =>
    input(
      Code.CATEGORY_NOT_ON_PORTAL,
      field,
      'Chuyên mục không thuộc cổng nhận.',
      'The category does not belong to the receiving portal.',
    ),
  portalNotFound: () =>
    new DomainError(Code.NOT_FOUND, { vi: 'Không tìm thấy cổng.', en: 'Portal not found.' }, null, 404),
  categoryNotFound: () =>
    new DomainError(
      Code.CATEGORY_NOT_FOUND,
      { vi: 'Không có chuyên mục này trên cổng.', en: 'This portal has no such category.' },
      'category',
      404,
    ),
  invalidKind: () => input(Code.INVALID_KIND, 'kind', 'Loại nội dung không hợp lệ.', 'Not a content kind.'),
  invalidDate: (field: string) =>
    input(Code.INVALID_DATE, field, 'Ngày giờ không hợp lệ.', 'Not a valid date-time.'),
};

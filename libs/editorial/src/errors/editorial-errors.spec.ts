import { neededRoles, rolesAllowing } from '@portal/access';
import { forbidden } from '@portal/platform';
import { invalidTransition, nextSteps, notAllowed } from './editorial-errors';

describe('refusals say what is needed', () => {
  it('INVALID_TRANSITION names the steps possible from the state, in both languages', () => {
    const e = invalidTransition('APPROVE', 'DRAFT');
    expect(e.code).toBe('INVALID_TRANSITION');
    expect(e.field).toBe('action');
    expect(e.text.en).toBe(
      'APPROVE is not possible while the item is DRAFT. Possible next steps: EDIT, SUBMIT.',
    );
    expect(e.text.vi).toContain('Bước có thể làm tiếp: EDIT (Sửa bài), SUBMIT (Gửi duyệt).');
    expect(nextSteps('IN_REVIEW')).toEqual(['EDIT', 'RETURN', 'REFUSE', 'APPROVE']);
    expect(nextSteps('PUBLISHED')).toEqual(['WITHDRAW']);
    expect(invalidTransition('SUBMIT', 'WITHDRAWN').text).toEqual({
      vi: 'Không thể thực hiện “Gửi duyệt” khi bài đang ở trạng thái WITHDRAWN. Từ trạng thái này không còn bước nào trong quy trình.',
      en: 'SUBMIT is not possible while the item is WITHDRAWN. No workflow step is possible from this state.',
    });
  });

  it('NOT_ALLOWED names the roles whose rules grant the step', () => {
    const approve = notAllowed('APPROVE');
    expect(approve.code).toBe('NOT_ALLOWED');
    expect(approve.httpStatus).toBe(403);
    expect(approve.text.en).toMatch(
      /^You may not approve this item\. It needs the role .*board head.*\(.*BOARD_HEAD.*\)\.$/,
    );
    expect(approve.text.vi).toContain('Trưởng Ban biên tập');
    expect(approve.text.en).not.toContain('CONTRIBUTOR');
    expect(notAllowed('SUBMIT').text.en).toContain('CONTRIBUTOR');
  });

  it('FORBIDDEN names the roles, from the same rules as the abilities', () => {
    expect(rolesAllowing('provision', 'Tenant')).toEqual([{ role: 'OPERATOR', subtreeOnly: true }]);
    expect(forbidden('provision', 'Tenant').text).toEqual({
      vi: 'Bạn không có quyền thực hiện thao tác này. Cần vai trò: Đơn vị vận hành (phạm vi cả nhánh) (OPERATOR).',
      en: 'You are not allowed to do this. It needs the role operator (held over the subtree) (OPERATOR).',
    });
    expect(forbidden('read', 'Report').code).toBe('FORBIDDEN');
    expect(neededRoles('read', 'Report').en).toContain('BOARD_HEAD');
    // An action no portal role grants: only a platform administrator.
    expect(neededRoles('manage', 'all').en).toMatch(/^platform administrator/);
  });
});

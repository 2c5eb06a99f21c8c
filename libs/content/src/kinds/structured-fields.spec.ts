import { isEmailAddress, isPhoneNumber, projectStatusFromText } from './structured-fields';

describe('structured fields', () => {
  it('reads the status a project’s free text meant, or none', () => {
    expect(projectStatusFromText('Đang thi công')).toBe('IN_PROGRESS');
    expect(projectStatusFromText('đang triển khai')).toBe('IN_PROGRESS');
    expect(projectStatusFromText('Đang chuẩn bị đầu tư')).toBe('PREPARING');
    expect(projectStatusFromText('Chưa khởi công')).toBe('PREPARING');
    expect(projectStatusFromText('Tạm dừng thi công')).toBe('SUSPENDED');
    expect(projectStatusFromText('Đã hoàn thành, bàn giao')).toBe('COMPLETED');
    expect(projectStatusFromText('Chưa hoàn thành')).toBe('IN_PROGRESS');
    expect(projectStatusFromText('COMPLETED')).toBe('COMPLETED');
    expect(projectStatusFromText('Theo kế hoạch vốn năm')).toBeNull();
  });

  it('tells telephone numbers and e-mail addresses from other text', () => {
    for (const ok of ['028 3829 6052', '+84 28 3823 2045', '(028) 3829.6052', '1022', '0913-123-456'])
      expect([ok, isPhoneNumber(ok)]).toEqual([ok, true]);
    for (const bad of ['', '12', 'gọi 1022', '028 3829 6052 máy lẻ 12', '+84 1234567890123456'])
      expect([bad, isPhoneNumber(bad)]).toEqual([bad, false]);
    expect(isEmailAddress('vpub@tphcm.gov.vn')).toBe(true);
    for (const bad of ['vpub@tphcm', 'a b@x.vn', 'a@x.vn, b@x.vn', '<a@x.vn>', 'vpub'])
      expect([bad, isEmailAddress(bad)]).toEqual([bad, false]);
  });
});

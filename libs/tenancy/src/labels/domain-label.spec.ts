import { TenantKind } from '../tenants/tenant-kind';
import { foldVietnamese, labelProblem, proposeDomainLabel } from './domain-label';

describe('proposeDomainLabel', () => {
  it.each([
    ['Phường Bến Nghé', TenantKind.WARD, 'bennghe'],
    ['Phường Đa Kao', TenantKind.WARD, 'dakao'],
    ['PHƯỜNG ĐỐNG ĐA', TenantKind.WARD, 'dongda'],
    ['Phường 01', TenantKind.WARD, 'phuong1'],
    ['Phường 1', TenantKind.WARD, 'phuong1'],
    ['Phường 10', TenantKind.WARD, 'phuong10'],
    ['Phường 007', TenantKind.WARD, 'phuong7'],
    ['Quận 1', TenantKind.DISTRICT, 'quan1'],
    ['Quận 03', TenantKind.DISTRICT, 'quan3'],
    ['Quận Bình Thạnh', TenantKind.DISTRICT, 'binhthanh'],
    ['Huyện Củ Chi', TenantKind.DISTRICT, 'cuchi'],
    ['Thị xã Hà Tiên', TenantKind.DISTRICT, 'hatien'],
    ['Thành phố Thủ Đức', TenantKind.DISTRICT, 'thuduc'],
    ['Xã Đông Thạnh', TenantKind.COMMUNE, 'dongthanh'],
    ['Xã 3', TenantKind.COMMUNE, 'xa3'],
    ['Thị trấn Minh Lương', TenantKind.TOWNSHIP, 'minhluong'],
    ['Đặc khu Côn Đảo', TenantKind.SPECIAL_ZONE, 'condao'],
    ['Sở Tư pháp', TenantKind.DEPARTMENT, 'stp'],
    ['Sở Giáo dục và Đào tạo', TenantKind.DEPARTMENT, 'sgddt'],
    ['Sở Thông tin và Truyền thông', TenantKind.DEPARTMENT, 'stttt'],
    ['Sở Khoa học và Công nghệ', TenantKind.DEPARTMENT, 'skhcn'],
    ['Tỉnh Kiên Giang', TenantKind.PROVINCE, 'kiengiang'],
    ['Cải cách hành chính', TenantKind.THEMATIC, 'caicachhanhchinh'],
  ])('%s (%s) → %s', (name, kind, expected) => {
    expect(proposeDomainLabel(name, kind)).toBe(expected);
  });

  it('gives the same label for NFC and NFD input', () => {
    const nfd = 'Phường Bến Nghé'.normalize('NFD');
    expect(proposeDomainLabel(nfd, TenantKind.WARD)).toBe('bennghe');
  });

  it('keeps a bare unit word rather than returning nothing', () => {
    expect(proposeDomainLabel('Phường', TenantKind.WARD)).toBe('phuong');
  });

  it('drops punctuation and never exceeds 63 characters', () => {
    expect(proposeDomainLabel('Xã An-Phú (mới)', TenantKind.COMMUNE)).toBe('anphumoi');
    expect(proposeDomainLabel('Chủ đề '.repeat(20), TenantKind.THEMATIC)).toHaveLength(63);
  });
});

describe('foldVietnamese', () => {
  it('maps đ and Đ, which NFD alone does not', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldVietnamese('Đường Điện Biên Phủ')).toBe('duong dien bien phu');
  });
});

describe('labelProblem', () => {
  it.each([
    ['bennghe', null],
    ['quan-1', null],
    ['', 'EMPTY'],
    ['a'.repeat(64), 'TOO_LONG'],
    ['-abc', 'INVALID_CHARACTERS'],
    ['abc-', 'INVALID_CHARACTERS'],
    ['bến', 'INVALID_CHARACTERS'],
    ['Ben', 'INVALID_CHARACTERS'],
    ['a.b', 'INVALID_CHARACTERS'],
  ])('%p → %p', (label, problem) => {
    expect(labelProblem(label)).toBe(problem);
  });
});

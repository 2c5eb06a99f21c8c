import type { PublicCategoryRow } from '@portal/content';
import { citizenLinks } from './citizen-links';
import { categoryPaths } from './site-paths';

const row = (
  id: string,
  slug: string,
  kind: string | null,
  parent: string | null = null,
  nameEn: string | null = null,
): PublicCategoryRow => ({
  id,
  parent_id: parent,
  slug,
  name_vi: `Mục ${slug}`,
  name_en: nameEn,
  content_kind: kind,
  position: 0,
});

describe('citizenLinks', () => {
  const categories = [
    row('1', 'chi-dao-dieu-hanh', 'DIRECTIVE'),
    row('2', 'lich-tiep-cong-dan', 'CITIZEN_RECEPTION', '1', 'Reception'),
    row('3', 'van-ban', 'LEGAL_DOCUMENT'),
    // A subsection of the same kind is a listing, not the kind's page: never linked twice.
    row('4', 'van-ban-cu', 'LEGAL_DOCUMENT', '3'),
    row('5', 'hoi-dap', 'QA_ITEM'),
    row('6', 'tin-tuc', 'NEWS'),
  ];
  const paths = categoryPaths(categories);

  it('links the kinds’ pages the portal has sections of, then the pages of every portal', () => {
    expect(citizenLinks('vi', categories, paths, [])).toEqual([
      { label: 'Mục lich-tiep-cong-dan', href: '/lich-tiep-cong-dan' },
      { label: 'Mục van-ban', href: '/van-ban' },
      { label: 'Mục hoi-dap', href: '/hoi-dap' },
      { label: 'Gửi thông tin đến cổng', href: '/gui-thong-tin' },
      { label: 'Thăm dò ý kiến', href: '/tham-do' },
      { label: 'Đánh giá cổng thông tin', href: '/danh-gia' },
    ]);
  });

  it('speaks English under /en (the Vietnamese name when a section has no English one) and skips what the footer menu has', () => {
    expect(citizenLinks('en', categories, paths, [{ label: 'Q&A', href: '/en/hoi-dap' }])).toEqual([
      { label: 'Reception', href: '/en/lich-tiep-cong-dan' },
      { label: 'Mục van-ban', href: '/en/van-ban' },
      { label: 'Send information', href: '/en/gui-thong-tin' },
      { label: 'Polls', href: '/en/tham-do' },
      { label: 'Rate this portal', href: '/en/danh-gia' },
    ]);
  });
});

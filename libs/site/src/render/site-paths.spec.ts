import type { PublicCategoryRow } from '@portal/content';
import { categoryPaths } from './site-paths';

const row = (
  id: string,
  slug: string,
  kind: string | null,
  parent: string | null = null,
): PublicCategoryRow => ({
  id,
  parent_id: parent,
  slug,
  name_vi: slug,
  name_en: null,
  content_kind: kind,
  position: 0,
});

describe('categoryPaths', () => {
  // A province template's shape: sections, a kind's subsection under a section of another kind.
  const categories = [
    row('1', 'gioi-thieu', 'ORGANISATION_PAGE'),
    row('2', 'co-cau-to-chuc', 'ORGANISATION_PAGE', '1'),
    row('3', 'lanh-dao', 'LEADER_PROFILE', '1'),
    row('4', 'tin-tuc-su-kien', 'NEWS'),
    row('5', 'chi-dao-dieu-hanh', 'DIRECTIVE'),
    row('6', 'lich-cong-tac', 'WORK_SCHEDULE', '5'),
    row('7', 'thong-bao', 'ANNOUNCEMENT', '5'),
    row('8', 'van-ban', 'LEGAL_DOCUMENT'),
    row('9', 'du-thao-lay-y-kien', 'DRAFT_DOCUMENT'),
    row('10', 'hoi-dap', 'QA_ITEM'),
    row('11', 'lien-he', 'CONTACT_ENTRY'),
    row('12', 'cong-bao', 'GAZETTE_ISSUE'),
    row('13', 'du-an-dau-tu', 'PROJECT'),
    row('14', 'thu-tuc-hanh-chinh', 'ADMINISTRATIVE_PROCEDURE'),
    row('15', 'thong-ke', 'STATISTICS_REPORT'),
    row('16', 'tuyen-dung', 'ANNOUNCEMENT'),
    row('17', 'muc-rieng', null),
    row('18', 'lich-tiep-cong-dan', 'CITIZEN_RECEPTION', '5'),
  ];
  const paths = categoryPaths(categories);

  it('links the outermost category of a kind with a page of its own to that page', () => {
    expect(
      Object.fromEntries(
        ['1', '3', '6', '8', '9', '10', '11', '12', '13', '14', '15', '18'].map((id) => [id, paths.get(id)]),
      ),
    ).toEqual({
      '1': '/gioi-thieu',
      '3': '/lanh-dao',
      '6': '/lich-cong-tac',
      '8': '/van-ban',
      '9': '/gop-y-du-thao',
      '10': '/hoi-dap',
      '11': '/lien-he',
      '12': '/cong-bao',
      '13': '/du-an',
      '14': '/thu-tuc-hanh-chinh',
      '15': '/thong-ke',
      '18': '/lich-tiep-cong-dan',
    });
  });

  it('links every other category to its listing, a subsection of the same kind included', () => {
    expect(paths.get('2')).toBe('/chuyen-muc/gioi-thieu/co-cau-to-chuc');
    expect(paths.get('4')).toBe('/chuyen-muc/tin-tuc-su-kien');
    expect(paths.get('5')).toBe('/chuyen-muc/chi-dao-dieu-hanh');
    expect(paths.get('7')).toBe('/chuyen-muc/chi-dao-dieu-hanh/thong-bao');
    expect(paths.get('16')).toBe('/chuyen-muc/tuyen-dung');
    expect(paths.get('17')).toBe('/chuyen-muc/muc-rieng');
  });
});

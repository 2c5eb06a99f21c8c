import type { TestApp } from './test-app';
import { publishSiteItem } from './site-content';

export const SITE_CITY = 'hochiminhcity.gov.vn';
export const SITE_WARD = 'saigon.hochiminhcity.gov.vn';

const THEME = `mutation($input: SiteThemeInput!, $tenantId: ID) {
  setSiteTheme(input: $input, tenantId: $tenantId) { __typename ... on InputError { errorCode field } }
}`;

/**
 * A ward portal that looks like a real one: its look and footer, pinned news, news in several
 * sections, legal documents, an announcement, a draft open for comment, the English translation of
 * the pinned article.
 * Returns the slugs the browser tests open.
 */
export async function seedSitePortal(
  t: TestApp,
  operatorToken: string,
): Promise<{ article: string; legal: string; english: string }> {
  const set = await t.gql(
    SITE_WARD,
    THEME,
    {
      input: {
        ownerVi: 'Ủy ban nhân dân Phường Sài Gòn',
        ownerEn: "Saigon Ward People's Committee",
        address: '45 Lê Duẩn, Phường Sài Gòn, Thành phố Hồ Chí Minh',
        phone: '028 3829 1234',
        email: 'ubnd.saigon@tphcm.gov.vn',
        editorInChief: 'Nguyễn Thị Lan, Chủ tịch UBND phường',
        licence: 'Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 10/01/2026',
      },
    },
    { token: operatorToken },
  );
  if (set.body.data?.setSiteTheme?.__typename !== 'SiteTheme') throw new Error(JSON.stringify(set.body));
  const article = await publishSiteItem(t, SITE_WARD, {
    title: 'Phường Sài Gòn ra quân chỉnh trang vỉa hè, lòng đường trước Tết Nguyên đán',
    summary:
      'Sáng 05/12, UBND phường phối hợp Công an phường tổ chức lễ ra quân lập lại trật tự đô thị trên các tuyến đường Lê Duẩn, Đồng Khởi và Nguyễn Huệ.',
    bodyHtml:
      '<p>Theo kế hoạch, từ nay đến hết tháng 01/2027, các tổ công tác sẽ kiểm tra, nhắc nhở và xử lý các trường hợp lấn chiếm vỉa hè, lòng đường để kinh doanh.</p>' +
      '<h2>Ba nhóm nhiệm vụ trọng tâm</h2><ul><li>Tuyên truyền, vận động hộ kinh doanh ký cam kết;</li><li>Sắp xếp lại điểm giữ xe, bảng hiệu;</li><li>Trồng bổ sung cây xanh trên các tuyến đi bộ.</li></ul>' +
      '<p>Người dân có thể phản ánh qua đường dây nóng của phường hoặc chuyên mục Hỏi đáp trên cổng thông tin.</p>',
    category: 'tin-tuc-su-kien',
    authorName: 'Trần Minh Khoa',
    source: 'Văn phòng HĐND và UBND phường',
    pinned: true,
  });
  await publishSiteItem(t, SITE_WARD, {
    title: 'Hội nghị tổng kết công tác năm 2026 và triển khai nhiệm vụ năm 2027',
    summary:
      'UBND phường tổ chức hội nghị tổng kết, đánh giá kết quả thực hiện các chỉ tiêu kinh tế – xã hội.',
    category: 'tin-tuc-su-kien',
    pinned: true,
  });
  for (const title of [
    'Phát động phong trào “Ngày Chủ nhật xanh” tại khu phố 3',
    'Tiếp nhận hồ sơ đăng ký hộ kinh doanh trực tuyến từ ngày 15/12',
    'Ra mắt mô hình “Khu phố an toàn, văn minh”',
  ])
    await publishSiteItem(t, SITE_WARD, { title, category: 'tin-tuc-su-kien' });
  await publishSiteItem(t, SITE_WARD, {
    kind: 'ANNOUNCEMENT',
    title: 'Thông báo lịch tiếp công dân tháng 12/2026',
    category: 'chi-dao-dieu-hanh/thong-bao',
  });
  const legal = await publishSiteItem(t, SITE_WARD, {
    kind: 'LEGAL_DOCUMENT',
    title: 'Quyết định ban hành Quy chế quản lý, sử dụng vỉa hè trên địa bàn phường',
    category: 'van-ban',
    fields: {
      form: 'QUYET_DINH',
      issuer: 'Ủy ban nhân dân Phường Sài Gòn',
      number: '15/2026/QĐ-UBND',
      issueDate: '2026-03-15',
      effectiveDate: '2026-04-01',
      excerpt: 'Ban hành Quy chế quản lý, sử dụng tạm thời một phần vỉa hè ngoài mục đích giao thông.',
      field: 'Giao thông, đô thị',
    },
  });
  await publishSiteItem(t, SITE_WARD, {
    kind: 'LEGAL_DOCUMENT',
    title: 'Kế hoạch cải cách hành chính năm 2027',
    category: 'van-ban',
    fields: {
      form: 'KE_HOACH',
      issuer: 'Ủy ban nhân dân Phường Sài Gòn',
      number: '210/KH-UBND',
      issueDate: '2026-11-20',
      excerpt: 'Kế hoạch cải cách hành chính năm 2027 của phường.',
      field: 'Cải cách hành chính',
    },
  });
  const english = await publishSiteItem(t, SITE_WARD, {
    language: 'en',
    translationOf: article.id,
    title: 'Saigon Ward tidies up its pavements before the Lunar New Year',
    summary: "The ward's task forces will check pavements on Le Duan, Dong Khoi and Nguyen Hue streets.",
    bodyHtml:
      '<p>Until the end of January 2027, task forces will remind and fine shops that occupy the pavement.</p>',
    category: 'tin-tuc-su-kien',
    pinned: true,
  });
  return { article: article.slug, legal: legal.slug, english: english.slug };
}

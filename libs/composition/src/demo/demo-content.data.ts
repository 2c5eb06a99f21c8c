import type { DemoPicture } from './demo-images';

/**
 * What the demo portals publish (the embedded default): a city, two wards and a department, with
 * the sections a newcomer expects on a Vietnamese government portal. Dates are days before the
 * seeding, so that the demo always looks current. Names of people are illustrative.
 */
export interface DemoItem {
  kind: string;
  category: string;
  slug: string;
  title: string;
  summary?: string;
  bodyHtml: string;
  fields?: Record<string, unknown>;
  authorName?: string;
  source?: string;
  language?: 'vi' | 'en';
  /** The slug of the Vietnamese item this one translates. */
  translationOf?: string;
  picture?: DemoPicture & { alt: string };
  /** Lines of the attached PDF (legal documents, drafts). */
  pdf?: string[];
  pinned?: boolean;
}

export interface DemoQuestion {
  topic: string;
  name: string;
  text: string;
  /** Left unanswered when absent (still being handled). */
  answer?: string;
}

export interface DemoPortal {
  host: string;
  /** Prefix of the demo editors' user names. */
  label: string;
  items: DemoItem[];
  questions: DemoQuestion[];
  /** Comments sent on the portal's open draft (published by the board). */
  comments?: Array<{ name: string; email: string; organisation?: string; text: string }>;
}

const p = (text: string) => `<p>${text}</p>`;
const sky = (
  seed: number,
  sky: [number, number, number],
  ground: [number, number, number],
  alt: string,
): DemoPicture & { alt: string } => ({
  sky,
  ground,
  sun: [250, 214, 90],
  sunX: 0.15 + (seed % 7) / 10,
  seed,
  alt,
});

/** The Monday of the week containing `d` (local date, YYYY-MM-DD). */
export function mondayOf(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekSchedule(monday: string, leaders: [string, string, string]): Record<string, unknown> {
  const [chair, vice1, vice2] = leaders;
  return {
    weekStart: monday,
    entries: [
      {
        date: monday,
        time: '07:30',
        place: 'Phòng họp số 1',
        leader: chair,
        content: 'Họp giao ban Thường trực Ủy ban nhân dân đầu tuần.',
      },
      {
        date: monday,
        time: '14:00',
        place: 'Hội trường A',
        leader: vice1,
        content: 'Hội nghị triển khai kế hoạch chuyển đổi số năm 2027.',
      },
      {
        date: addDays(monday, 1),
        time: '08:00',
        place: 'Trụ sở tiếp công dân',
        leader: chair,
        content: 'Tiếp công dân định kỳ.',
      },
      {
        date: addDays(monday, 1),
        time: '14:00',
        place: 'Phòng họp số 2',
        leader: vice2,
        content: 'Làm việc với các đơn vị về tiến độ giải ngân vốn đầu tư công.',
      },
      {
        date: addDays(monday, 2),
        time: '08:30',
        place: 'Khu phố 3',
        leader: vice1,
        content: 'Kiểm tra công tác vệ sinh môi trường, phòng chống sốt xuất huyết.',
      },
      {
        date: addDays(monday, 3),
        time: '09:00',
        place: 'Phòng họp trực tuyến',
        leader: chair,
        content: 'Dự hội nghị trực tuyến của Ủy ban nhân dân Thành phố về cải cách hành chính.',
      },
      {
        date: addDays(monday, 4),
        time: '15:00',
        place: 'Phòng họp số 1',
        leader: chair,
        content: 'Họp Thường trực, đánh giá kết quả công tác tuần và kế hoạch tuần sau.',
      },
    ],
  };
}

export function demoPortals(now: Date): DemoPortal[] {
  const monday = mondayOf(now);
  const day = (n: number) => addDays(now.toISOString().slice(0, 10), -n);
  const closes = new Date(now.getTime() + 20 * 86_400_000).toISOString();
  const opened = new Date(now.getTime() - 5 * 86_400_000).toISOString();
  const closedOpened = new Date(now.getTime() - 60 * 86_400_000).toISOString();
  const closedClosed = new Date(now.getTime() - 20 * 86_400_000).toISOString();
  return [
    {
      host: 'hochiminhcity.gov.vn',
      label: 'hcm',
      items: [
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'thanh-pho-khanh-thanh-tuyen-metro-so-2',
          title: 'Thành phố khởi công xây dựng tuyến metro số 2 Bến Thành – Tham Lương',
          summary: 'Tuyến dài 11,3 km với 10 nhà ga ngầm và 1 nhà ga trên cao, dự kiến hoàn thành năm 2030.',
          bodyHtml:
            p(
              'Sáng nay, Ủy ban nhân dân Thành phố Hồ Chí Minh tổ chức lễ khởi công dự án tuyến đường sắt đô thị số 2 (Bến Thành – Tham Lương). Tuyến có chiều dài khoảng 11,3 km, đi qua các phường trung tâm và khu vực Tân Bình.',
            ) +
            p(
              'Phát biểu tại buổi lễ, lãnh đạo Thành phố đề nghị chủ đầu tư và các nhà thầu bảo đảm an toàn lao động, hạn chế ảnh hưởng đến giao thông và sinh hoạt của người dân; các phường có công trình đi qua phối hợp tuyên truyền, vận động người dân.',
            ) +
            p(
              'Người dân có thể theo dõi phương án phân luồng giao thông trong mục Thông báo của Cổng thông tin điện tử Thành phố.',
            ),
          fields: { eventDate: day(1) },
          authorName: 'Minh Anh',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
          picture: sky(
            3,
            [120, 170, 220],
            [110, 110, 118],
            'Công trường tuyến metro số 2 tại khu vực Bến Thành',
          ),
          pinned: true,
        },
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'trien-khai-dich-vu-cong-truc-tuyen-toan-trinh',
          title: 'Đẩy mạnh dịch vụ công trực tuyến toàn trình trên địa bàn Thành phố',
          summary: 'Tỷ lệ hồ sơ nộp trực tuyến đạt trên 80 %, nhiều thủ tục được giải quyết trong ngày.',
          bodyHtml:
            p(
              'Theo báo cáo của Sở Khoa học và Công nghệ, trong 11 tháng qua, các cơ quan, đơn vị trên địa bàn Thành phố đã tiếp nhận hơn 2,1 triệu hồ sơ trực tuyến, chiếm trên 80 % tổng số hồ sơ thủ tục hành chính.',
            ) +
            p(
              'Thành phố tiếp tục rà soát, tái cấu trúc quy trình, bảo đảm người dân, doanh nghiệp chỉ cung cấp thông tin một lần; kết quả giải quyết được trả qua tài khoản định danh điện tử.',
            ),
          fields: { eventDate: day(2) },
          authorName: 'Thanh Tâm',
          source: 'Sở Khoa học và Công nghệ',
          picture: sky(
            11,
            [150, 190, 230],
            [96, 140, 96],
            'Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công',
          ),
        },
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'le-hoi-duong-hoa-nguyen-hue',
          title: 'Đường hoa Nguyễn Huệ Tết Bính Ngọ mở cửa đón khách từ ngày 26 tháng Chạp',
          summary: 'Đường hoa năm nay có chủ đề "Thành phố mang tên Bác – Vươn mình phát triển".',
          bodyHtml:
            p(
              'Ban tổ chức cho biết đường hoa Nguyễn Huệ dài khoảng 700 m, được chia thành ba phân khu với nhiều tiểu cảnh tái hiện thành tựu phát triển của Thành phố.',
            ) +
            p(
              'Người dân và du khách tham quan miễn phí, đề nghị giữ gìn vệ sinh chung và không hái hoa, bẻ cành.',
            ),
          fields: { eventDate: day(3) },
          authorName: 'Hoàng Yến',
          source: 'Sở Văn hóa và Thể thao',
          picture: sky(23, [240, 170, 150], [196, 80, 88], 'Đường hoa Nguyễn Huệ về đêm'),
        },
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'ra-quan-chien-dich-lam-sach-kenh-rach',
          title: 'Ra quân chiến dịch làm sạch kênh rạch, bảo vệ môi trường',
          bodyHtml:
            p(
              'Hơn 3.000 đoàn viên, thanh niên và người dân đã tham gia thu gom rác trên kênh Nhiêu Lộc – Thị Nghè và kênh Tàu Hủ – Bến Nghé.',
            ) + p('Chiến dịch kéo dài đến hết tháng 12, kết hợp tuyên truyền phân loại rác tại nguồn.'),
          fields: { eventDate: day(5) },
          authorName: 'Quốc Bảo',
          source: 'Sở Nông nghiệp và Môi trường',
          picture: sky(
            31,
            [140, 200, 210],
            [70, 120, 150],
            'Thanh niên thu gom rác trên kênh Nhiêu Lộc – Thị Nghè',
          ),
        },
        {
          kind: 'ANNOUNCEMENT',
          category: 'thong-bao',
          slug: 'thong-bao-phan-luong-giao-thong-thi-cong-metro',
          title: 'Thông báo phân luồng giao thông phục vụ thi công tuyến metro số 2',
          bodyHtml:
            p(
              'Từ ngày 15 tháng này, xe cơ giới lưu thông trên đường Cách Mạng Tháng Tám (đoạn từ Nguyễn Thị Minh Khai đến Võ Văn Tần) đi theo làn đường được rào chắn; xe tải trên 5 tấn không được đi vào đoạn này.',
            ) +
            p('Đề nghị người tham gia giao thông chú ý biển báo và sự hướng dẫn của lực lượng chức năng.'),
          fields: { eventDate: day(1) },
          authorName: 'Phòng Quản lý giao thông',
          source: 'Sở Xây dựng',
        },
        {
          kind: 'LEGAL_DOCUMENT',
          category: 'van-ban',
          slug: 'quyet-dinh-quy-che-cong-thong-tin-dien-tu',
          title: 'Quyết định ban hành Quy chế hoạt động của Cổng thông tin điện tử Thành phố',
          bodyHtml: p(
            'Quy chế quy định về quản lý, cung cấp thông tin và vận hành Cổng thông tin điện tử Thành phố Hồ Chí Minh và các cổng thành phần.',
          ),
          fields: {
            form: 'QUYET_DINH',
            issuer: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
            number: '05/2024/QĐ-UBND',
            issueDate: '2024-02-20',
            effectiveDate: '2024-03-01',
            excerpt: 'Ban hành Quy chế hoạt động của Cổng thông tin điện tử Thành phố Hồ Chí Minh.',
            field: 'Thông tin và truyền thông',
            scope: 'OWN',
          },
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
          pdf: [
            'QUYET DINH 05/2024/QD-UBND',
            'Ban hanh Quy che hoat dong cua Cong thong tin dien tu Thanh pho Ho Chi Minh',
            'Ngay 20 thang 02 nam 2024',
          ],
        },
        {
          kind: 'LEGAL_DOCUMENT',
          category: 'van-ban',
          slug: 'ke-hoach-cai-cach-hanh-chinh-nam-2027',
          title: 'Kế hoạch cải cách hành chính năm 2027',
          bodyHtml: p(
            'Kế hoạch xác định các nhiệm vụ trọng tâm về cải cách thể chế, thủ tục hành chính, tổ chức bộ máy và chuyển đổi số.',
          ),
          fields: {
            form: 'KE_HOACH',
            issuer: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
            number: '412/KH-UBND',
            issueDate: day(12),
            excerpt: 'Kế hoạch cải cách hành chính năm 2027 trên địa bàn Thành phố.',
            field: 'Cải cách hành chính',
            scope: 'OWN',
          },
          authorName: 'Sở Nội vụ',
          source: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
          pdf: ['KE HOACH 412/KH-UBND', 'Cai cach hanh chinh nam 2027'],
        },
        {
          kind: 'DRAFT_DOCUMENT',
          category: 'du-thao-lay-y-kien',
          slug: 'du-thao-quy-dinh-via-he-su-dung-tam-thoi',
          title: 'Dự thảo Quyết định quy định về quản lý, sử dụng tạm thời một phần lòng đường, vỉa hè',
          summary:
            'Lấy ý kiến người dân, tổ chức về điều kiện, thời gian và mức thu phí sử dụng tạm thời vỉa hè.',
          bodyHtml:
            p(
              'Dự thảo quy định các trường hợp được sử dụng tạm thời một phần vỉa hè ngoài mục đích giao thông, bề rộng tối thiểu dành cho người đi bộ là 1,5 m, và thủ tục cấp phép tại Ủy ban nhân dân phường.',
            ) + p('Người dân, tổ chức góp ý bằng biểu mẫu trên trang này trong thời gian lấy ý kiến.'),
          fields: { commentOpensAt: opened, commentClosesAt: closes, issuer: 'Sở Xây dựng' },
          authorName: 'Sở Xây dựng',
          source: 'Sở Xây dựng',
          pdf: ['DU THAO QUYET DINH', 'Quan ly, su dung tam thoi mot phan long duong, via he'],
        },
        {
          kind: 'DRAFT_DOCUMENT',
          category: 'du-thao-lay-y-kien',
          slug: 'du-thao-ke-hoach-phat-trien-cay-xanh',
          title: 'Dự thảo Kế hoạch phát triển cây xanh đô thị giai đoạn 2026 – 2030',
          bodyHtml: p(
            'Dự thảo đặt mục tiêu trồng mới 100.000 cây xanh đường phố và 200 ha công viên đến năm 2030.',
          ),
          fields: { commentOpensAt: closedOpened, commentClosesAt: closedClosed, issuer: 'Sở Xây dựng' },
          authorName: 'Sở Xây dựng',
          source: 'Sở Xây dựng',
        },
        {
          kind: 'WORK_SCHEDULE',
          category: 'lich-cong-tac',
          slug: `lich-cong-tac-tuan-${monday}`,
          title: `Lịch công tác tuần của lãnh đạo Ủy ban nhân dân Thành phố (từ ngày ${monday.split('-').reverse().join('/')})`,
          bodyHtml: p('Lịch có thể thay đổi; thông tin điều chỉnh được cập nhật hằng ngày.'),
          fields: weekSchedule(monday, [
            'Chủ tịch UBND Thành phố',
            'Phó Chủ tịch Thường trực',
            'Phó Chủ tịch phụ trách đô thị',
          ]),
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'ORGANISATION_PAGE',
          category: 'chuc-nang-nhiem-vu',
          slug: 'chuc-nang-nhiem-vu-ubnd-thanh-pho',
          title: 'Chức năng, nhiệm vụ của Ủy ban nhân dân Thành phố',
          bodyHtml:
            p(
              'Ủy ban nhân dân Thành phố Hồ Chí Minh do Hội đồng nhân dân Thành phố bầu, là cơ quan chấp hành của Hội đồng nhân dân, cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước Nhân dân Thành phố, Hội đồng nhân dân Thành phố và cơ quan hành chính nhà nước cấp trên.',
            ) +
            p(
              'Ủy ban nhân dân Thành phố tổ chức thi hành Hiến pháp, pháp luật; quản lý nhà nước về kinh tế, văn hóa, xã hội, quốc phòng, an ninh trên địa bàn.',
            ),
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'ORGANISATION_PAGE',
          category: 'chuc-nang-nhiem-vu',
          slug: 'functions-and-duties',
          language: 'en',
          translationOf: 'chuc-nang-nhiem-vu-ubnd-thanh-pho',
          title: "Functions and duties of the City People's Committee",
          bodyHtml:
            p(
              "The People's Committee of Ho Chi Minh City is elected by the City People's Council. It is the executive body of the Council and the local state administrative body, accountable to the people of the City, the People's Council and the state administrative bodies above it.",
            ) +
            p(
              'It enforces the Constitution and the law and manages the economy, culture, society, defence and security of the City.',
            ),
          authorName: "Office of the City People's Committee",
          source: "Office of the City People's Committee",
        },
        {
          kind: 'LEADER_PROFILE',
          category: 'lanh-dao',
          slug: 'chu-tich-ubnd-thanh-pho',
          title: 'Chủ tịch Ủy ban nhân dân Thành phố',
          bodyHtml: p(
            'Phụ trách chung; lãnh đạo, điều hành toàn diện các mặt công tác của Ủy ban nhân dân Thành phố.',
          ),
          fields: { position: 'Chủ tịch' },
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'LEADER_PROFILE',
          category: 'lanh-dao',
          slug: 'pho-chu-tich-thuong-truc',
          title: 'Phó Chủ tịch Thường trực Ủy ban nhân dân Thành phố',
          bodyHtml: p(
            'Phụ trách lĩnh vực kinh tế, tài chính, ngân sách, đầu tư công và cải cách hành chính.',
          ),
          fields: { position: 'Phó Chủ tịch Thường trực' },
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'CONTACT_ENTRY',
          category: 'lien-he',
          slug: 'van-phong-ubnd-thanh-pho',
          title: 'Văn phòng Ủy ban nhân dân Thành phố',
          bodyHtml: p('86 Lê Thánh Tôn, phường Sài Gòn, Thành phố Hồ Chí Minh.'),
          fields: {
            unit: 'Văn phòng Ủy ban nhân dân Thành phố',
            position: 'Chánh Văn phòng',
            phone: '028 3829 6052',
            fax: '028 3829 6053',
            email: 'vpub@tphcm.gov.vn',
          },
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'CONTACT_ENTRY',
          category: 'lien-he',
          slug: 'ban-bien-tap-cong-thong-tin',
          title: 'Ban Biên tập Cổng thông tin điện tử Thành phố',
          bodyHtml: p('Tiếp nhận tin bài, phản ánh về nội dung đăng trên Cổng.'),
          fields: {
            unit: 'Cổng thông tin điện tử Thành phố',
            position: 'Trưởng Ban Biên tập',
            phone: '028 3823 2045',
            email: 'bbt@tphcm.gov.vn',
          },
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'CONTACT_ENTRY',
          category: 'lien-he',
          slug: 'editorial-board',
          language: 'en',
          translationOf: 'ban-bien-tap-cong-thong-tin',
          title: 'Editorial Board of the City Portal',
          bodyHtml: p('Receives news and comments on the content published on the portal.'),
          fields: {
            position: 'Head of the Editorial Board',
            phone: '+84 28 3823 2045',
            email: 'bbt@tphcm.gov.vn',
          },
          authorName: "Office of the City People's Committee",
          source: "Office of the City People's Committee",
        },
        {
          kind: 'ADMINISTRATIVE_PROCEDURE',
          category: 'thu-tuc-hanh-chinh',
          slug: 'cap-phieu-ly-lich-tu-phap',
          title: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
          bodyHtml: p(
            'Nộp hồ sơ trực tuyến trên Cổng dịch vụ công; nhận kết quả qua bưu chính hoặc tại Sở Tư pháp. Thời hạn giải quyết: 10 ngày làm việc.',
          ),
          fields: {
            code: '2.000488',
            field: 'Lý lịch tư pháp',
            serviceLevel: 'FULL_ONLINE',
            usageCount: 48210,
          },
          authorName: 'Sở Tư pháp',
          source: 'Sở Tư pháp',
        },
        {
          kind: 'ADMINISTRATIVE_PROCEDURE',
          category: 'thu-tuc-hanh-chinh',
          slug: 'cap-giay-phep-xay-dung-nha-o-rieng-le',
          title: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
          bodyHtml: p(
            'Nộp hồ sơ trực tuyến, nhận kết quả tại Ủy ban nhân dân phường nơi có công trình. Thời hạn giải quyết: 15 ngày.',
          ),
          fields: { code: '1.009994', field: 'Xây dựng', serviceLevel: 'PARTIAL_ONLINE', usageCount: 12754 },
          authorName: 'Sở Xây dựng',
          source: 'Sở Xây dựng',
        },
        {
          kind: 'PROJECT',
          category: 'du-an-dau-tu',
          slug: 'du-an-cai-tao-kenh-xuyen-tam',
          title: 'Dự án cải tạo môi trường nước và xây dựng hạ tầng kênh Xuyên Tâm',
          bodyHtml: p(
            'Nạo vét, kè bờ kênh dài 6,4 km, xây dựng đường hai bên bờ và hệ thống thu gom nước thải.',
          ),
          fields: {
            name: 'Cải tạo môi trường nước và xây dựng hạ tầng kênh Xuyên Tâm',
            objective: 'Cải thiện môi trường, chống ngập, chỉnh trang đô thị dọc tuyến kênh.',
            field: 'Hạ tầng đô thị',
            projectType: 'Dự án nhóm A',
            periodFrom: '2024-01-01',
            periodTo: '2027-12-31',
            budget: 8200000000000,
            fundingType: 'Vốn ngân sách Thành phố',
            sponsor: 'Ban Quản lý dự án đầu tư xây dựng các công trình giao thông',
            status: 'IN_PROGRESS',
            statusNote: 'Đang thi công gói thầu kè bờ kênh',
            approvalDate: '2023-09-15',
            procurement: 'YES',
            tenderStatus: 'AWARDED',
          },
          authorName: 'Sở Tài chính',
          source: 'Sở Tài chính',
        },
        {
          kind: 'GAZETTE_ISSUE',
          category: 'cong-bao',
          slug: `cong-bao-so-${day(7)}`,
          title: 'Công báo Thành phố số 45 + 46',
          bodyHtml: p(
            'Công báo đăng các văn bản quy phạm pháp luật do Hội đồng nhân dân và Ủy ban nhân dân Thành phố ban hành.',
          ),
          fields: {
            issueNumber: '45 + 46',
            issueDate: day(7),
            documents: [
              {
                number: '05/2024/QĐ-UBND',
                title: 'Quy chế hoạt động của Cổng thông tin điện tử Thành phố',
                excerpt: 'Quy định quản lý, cung cấp thông tin trên Cổng.',
              },
              { number: '412/KH-UBND', title: 'Kế hoạch cải cách hành chính năm 2027' },
            ],
          },
          authorName: 'Văn phòng Ủy ban nhân dân Thành phố',
          source: 'Văn phòng Ủy ban nhân dân Thành phố',
        },
        {
          kind: 'STATISTICS_REPORT',
          category: 'thong-ke',
          slug: 'tinh-hinh-kinh-te-xa-hoi-11-thang',
          title: 'Tình hình kinh tế – xã hội 11 tháng năm 2026',
          bodyHtml: p(
            'Chỉ số sản xuất công nghiệp tăng 7,2 %; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tăng 12,4 % so với cùng kỳ; thu ngân sách đạt 94 % dự toán năm.',
          ),
          fields: { decisionDate: day(4), period: '11 tháng năm 2026' },
          authorName: 'Thống kê Thành phố',
          source: 'Thống kê Thành phố Hồ Chí Minh',
        },
      ],
      questions: [
        {
          topic: 'Thủ tục cấp Phiếu lý lịch tư pháp trực tuyến',
          name: 'Nguyễn Văn Hùng',
          text: 'Tôi đang làm việc ở nước ngoài, có thể nộp hồ sơ cấp Phiếu lý lịch tư pháp trực tuyến và nhận kết quả qua bưu điện không?',
          answer:
            'Công dân có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia, xác thực bằng tài khoản định danh điện tử mức 2, và đăng ký nhận kết quả qua dịch vụ bưu chính đến địa chỉ trong nước hoặc ủy quyền cho người thân nhận thay. Thời hạn giải quyết là 10 ngày làm việc.',
        },
        {
          topic: 'Phí sử dụng tạm thời vỉa hè',
          name: 'Trần Thị Mai',
          text: 'Hộ kinh doanh nhỏ trước nhà có phải đóng phí sử dụng vỉa hè không, và đăng ký ở đâu?',
          answer:
            'Hộ kinh doanh sử dụng tạm thời một phần vỉa hè phải đăng ký tại Ủy ban nhân dân phường và nộp phí theo quy định hiện hành. Mức phí và điều kiện cụ thể đang được lấy ý kiến trong dự thảo đăng tại mục Dự thảo văn bản lấy ý kiến.',
        },
        {
          topic: 'Giờ tham quan đường hoa Nguyễn Huệ',
          name: 'Lê Minh Khoa',
          text: 'Đường hoa Nguyễn Huệ mở cửa đến mấy giờ mỗi đêm và có thu phí không?',
        },
      ],
      comments: [
        {
          name: 'Phạm Quốc Việt',
          email: 'viet.pham@example.vn',
          text: 'Đề nghị quy định rõ bề rộng tối thiểu 1,5 m cho người đi bộ được đo từ mép ngoài bó vỉa, và xử phạt nghiêm các trường hợp lấn chiếm.',
        },
        {
          name: 'Hội Doanh nghiệp quận 1 cũ',
          email: 'hoidoanhnghiep@example.vn',
          organisation: 'Hội Doanh nghiệp',
          text: 'Đề nghị cho phép nộp phí trực tuyến theo tháng và công khai danh sách tuyến đường được phép sử dụng tạm thời vỉa hè.',
        },
      ],
    },
    {
      host: 'saigon.hochiminhcity.gov.vn',
      label: 'saigon',
      items: [
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'phuong-sai-gon-ra-mat-mo-hinh-khu-pho-so',
          title: 'Phường Sài Gòn ra mắt mô hình "Khu phố số"',
          summary: 'Người dân phản ánh hiện trường, nhận thông báo và làm thủ tục ngay trên điện thoại.',
          bodyHtml:
            p(
              'Ủy ban nhân dân phường Sài Gòn tổ chức ra mắt mô hình "Khu phố số" tại khu phố 5. Mỗi hộ gia đình được hướng dẫn cài đặt ứng dụng, kích hoạt tài khoản định danh điện tử và nhận thông báo của phường.',
            ) +
            p(
              'Tổ công nghệ số cộng đồng sẽ hỗ trợ người cao tuổi sử dụng dịch vụ công trực tuyến vào sáng thứ Bảy hằng tuần tại nhà văn hóa khu phố.',
            ),
          fields: { eventDate: day(1) },
          authorName: 'Ngọc Hân',
          source: 'Ủy ban nhân dân phường Sài Gòn',
          picture: sky(
            41,
            [130, 180, 235],
            [150, 130, 110],
            'Cán bộ phường hướng dẫn người dân cài đặt ứng dụng',
          ),
        },
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'phuong-sai-gon-phun-thuoc-phong-sot-xuat-huyet',
          title: 'Phun thuốc diệt muỗi phòng chống sốt xuất huyết tại các khu phố',
          bodyHtml: p(
            'Trạm Y tế phường phối hợp các khu phố tổ chức phun thuốc diệt muỗi, vận động người dân loại bỏ vật chứa nước đọng quanh nhà.',
          ),
          fields: { eventDate: day(4) },
          authorName: 'Trạm Y tế phường',
          source: 'Ủy ban nhân dân phường Sài Gòn',
          picture: sky(53, [170, 200, 220], [90, 150, 90], 'Tổ phun thuốc diệt muỗi tại khu phố 2'),
        },
        {
          kind: 'CITIZEN_RECEPTION',
          category: 'lich-tiep-cong-dan',
          slug: 'lich-tiep-cong-dan-thang-nay',
          title: 'Lịch tiếp công dân của Chủ tịch Ủy ban nhân dân phường Sài Gòn trong tháng',
          bodyHtml: p(
            'Chủ tịch Ủy ban nhân dân phường tiếp công dân vào sáng thứ Năm tuần thứ hai và thứ tư của tháng tại Trụ sở Ủy ban nhân dân phường, 45 Lê Duẩn.',
          ),
          fields: {
            eventDate: day(3),
            sessions: [
              {
                type: 'REGULAR',
                place: 'Bộ phận tiếp công dân, 45 Lê Duẩn',
                recurrence: 'Thứ Hai đến thứ Sáu hằng tuần',
                from: '07:30',
                to: '17:00',
                note: 'Công chức tiếp công dân thường xuyên tiếp nhận đơn, hướng dẫn thủ tục.',
              },
              {
                type: 'PERIODIC',
                leader: 'Chủ tịch Ủy ban nhân dân phường',
                place: 'Trụ sở Ủy ban nhân dân phường, 45 Lê Duẩn',
                recurrence: 'Sáng thứ Năm tuần thứ hai và thứ tư của tháng',
                from: '08:00',
                to: '11:30',
              },
              {
                type: 'AD_HOC',
                leader: 'Phó Chủ tịch Ủy ban nhân dân phường',
                place: 'Nhà văn hóa khu phố 3',
                date: day(-5),
                from: '14:00',
                to: '16:30',
                note: 'Tiếp công dân về dự án chỉnh trang tuyến đường trong khu phố.',
              },
            ],
          },
          authorName: 'Văn phòng HĐND và UBND phường',
          source: 'Ủy ban nhân dân phường Sài Gòn',
        },
        {
          kind: 'LEGAL_DOCUMENT',
          category: 'van-ban',
          slug: 'quyet-dinh-quy-che-lam-viec-ubnd-phuong',
          title: 'Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân phường Sài Gòn',
          bodyHtml: p(
            'Quy chế quy định nguyên tắc, chế độ trách nhiệm, lề lối làm việc của Ủy ban nhân dân phường nhiệm kỳ 2026 – 2031.',
          ),
          fields: {
            form: 'QUYET_DINH',
            issuer: 'Ủy ban nhân dân phường Sài Gòn',
            number: '15/QĐ-UBND',
            issueDate: day(20),
            effectiveDate: day(20),
            excerpt: 'Ban hành Quy chế làm việc của Ủy ban nhân dân phường Sài Gòn.',
            field: 'Tổ chức bộ máy',
            scope: 'OWN',
          },
          authorName: 'Văn phòng HĐND và UBND phường',
          source: 'Ủy ban nhân dân phường Sài Gòn',
          pdf: ['QUYET DINH 15/QD-UBND', 'Ban hanh Quy che lam viec cua Uy ban nhan dan phuong Sai Gon'],
        },
        {
          kind: 'WORK_SCHEDULE',
          category: 'lich-cong-tac',
          slug: `lich-cong-tac-tuan-${monday}`,
          title: `Lịch công tác tuần của lãnh đạo phường Sài Gòn (từ ngày ${monday.split('-').reverse().join('/')})`,
          bodyHtml: p('Lịch có thể thay đổi theo chỉ đạo của Ủy ban nhân dân Thành phố.'),
          fields: weekSchedule(monday, [
            'Chủ tịch UBND phường',
            'Phó Chủ tịch phụ trách kinh tế',
            'Phó Chủ tịch phụ trách văn hóa – xã hội',
          ]),
          authorName: 'Văn phòng HĐND và UBND phường',
          source: 'Ủy ban nhân dân phường Sài Gòn',
        },
        {
          kind: 'ORGANISATION_PAGE',
          category: 'lich-su',
          slug: 'qua-trinh-hinh-thanh-phuong-sai-gon',
          title: 'Quá trình hình thành phường Sài Gòn',
          bodyHtml: p(
            'Phường Sài Gòn được thành lập từ ngày 1 tháng 7 năm 2025 trên cơ sở sắp xếp các phường Bến Nghé, Đa Kao và một phần phường Nguyễn Thái Bình của quận 1 cũ.',
          ),
          authorName: 'Văn phòng HĐND và UBND phường',
          source: 'Ủy ban nhân dân phường Sài Gòn',
        },
        {
          kind: 'CONTACT_ENTRY',
          category: 'lien-he',
          slug: 'bo-phan-mot-cua-phuong-sai-gon',
          title: 'Bộ phận tiếp nhận và trả kết quả',
          bodyHtml: p('45 Lê Duẩn, phường Sài Gòn. Làm việc từ thứ Hai đến sáng thứ Bảy.'),
          fields: { position: 'Tổ trưởng', phone: '028 3822 5117', email: 'motcua.saigon@tphcm.gov.vn' },
          authorName: 'Văn phòng HĐND và UBND phường',
          source: 'Ủy ban nhân dân phường Sài Gòn',
        },
        {
          kind: 'ADMINISTRATIVE_PROCEDURE',
          category: 'thu-tuc-hanh-chinh',
          slug: 'dang-ky-khai-sinh',
          title: 'Đăng ký khai sinh',
          bodyHtml: p(
            'Nộp trực tuyến hoặc tại Bộ phận tiếp nhận và trả kết quả; giải quyết trong ngày làm việc.',
          ),
          fields: { code: '1.001193', field: 'Hộ tịch', serviceLevel: 'FULL_ONLINE', usageCount: 1830 },
          authorName: 'Công chức Tư pháp – Hộ tịch',
          source: 'Ủy ban nhân dân phường Sài Gòn',
        },
      ],
      questions: [
        {
          topic: 'Đăng ký khai sinh cho con',
          name: 'Đỗ Thu Trang',
          text: 'Vợ chồng tôi tạm trú tại phường Sài Gòn, thường trú ở tỉnh khác. Có đăng ký khai sinh cho con tại phường được không?',
          answer:
            'Được. Cha hoặc mẹ có thể đăng ký khai sinh cho con tại Ủy ban nhân dân phường nơi cha hoặc mẹ cư trú (thường trú hoặc tạm trú). Anh chị nộp hồ sơ trực tuyến trên Cổng dịch vụ công hoặc trực tiếp tại Bộ phận tiếp nhận và trả kết quả; kết quả được trả trong ngày.',
        },
        {
          topic: 'Chiếu sáng hẻm 12 Lê Thánh Tôn',
          name: 'Võ Thanh Phong',
          text: 'Đèn chiếu sáng trong hẻm 12 Lê Thánh Tôn bị hỏng hơn một tuần, đề nghị phường kiểm tra sửa chữa.',
          answer:
            'Ủy ban nhân dân phường đã phối hợp đơn vị quản lý chiếu sáng thay thế bóng đèn hỏng trong ngày tiếp nhận phản ánh. Cảm ơn ông đã thông tin.',
        },
      ],
    },
    {
      host: 'benthanh.hochiminhcity.gov.vn',
      label: 'benthanh',
      items: [
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'cho-ben-thanh-don-khach-dip-cuoi-nam',
          title: 'Chợ Bến Thành chuẩn bị phục vụ khách dịp cuối năm',
          bodyHtml: p(
            'Ban Quản lý chợ tăng cường kiểm tra vệ sinh an toàn thực phẩm, niêm yết giá và phòng cháy chữa cháy trước cao điểm mua sắm cuối năm.',
          ),
          fields: { eventDate: day(2) },
          authorName: 'Bảo Ngọc',
          source: 'Ủy ban nhân dân phường Bến Thành',
          picture: sky(61, [245, 200, 140], [170, 110, 70], 'Cổng chính chợ Bến Thành'),
        },
        {
          kind: 'CONTACT_ENTRY',
          category: 'lien-he',
          slug: 'van-phong-ubnd-phuong-ben-thanh',
          title: 'Văn phòng HĐND và UBND phường Bến Thành',
          bodyHtml: p('Trụ sở: 92 Nguyễn Trãi, phường Bến Thành.'),
          fields: { position: 'Chánh Văn phòng', phone: '028 3832 2424', email: 'benthanh@tphcm.gov.vn' },
          authorName: 'Văn phòng HĐND và UBND phường',
          source: 'Ủy ban nhân dân phường Bến Thành',
        },
      ],
      questions: [
        {
          topic: 'Giấy phép kinh doanh hộ cá thể',
          name: 'Lý Gia Huy',
          text: 'Tôi muốn mở quầy bán hàng lưu niệm gần chợ Bến Thành, cần đăng ký hộ kinh doanh ở đâu?',
          answer:
            'Ông nộp hồ sơ đăng ký hộ kinh doanh tại Ủy ban nhân dân phường Bến Thành (trực tuyến hoặc trực tiếp). Thời hạn cấp giấy chứng nhận là 3 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ.',
        },
      ],
    },
    {
      host: 'stp.hochiminhcity.gov.vn',
      label: 'stp',
      items: [
        {
          kind: 'NEWS',
          category: 'tin-tuc-su-kien',
          slug: 'ngay-phap-luat-viet-nam',
          title: 'Hưởng ứng Ngày Pháp luật Việt Nam: tư vấn pháp luật miễn phí cho người dân',
          bodyHtml: p(
            'Sở Tư pháp tổ chức 20 điểm tư vấn pháp luật miễn phí tại các phường, xã, tập trung vào đất đai, hôn nhân gia đình và lao động.',
          ),
          fields: { eventDate: day(3) },
          authorName: 'Phòng Phổ biến, giáo dục pháp luật',
          source: 'Sở Tư pháp',
          picture: sky(71, [160, 190, 240], [120, 100, 150], 'Luật sư tư vấn pháp luật cho người dân'),
        },
        {
          kind: 'LEGAL_DOCUMENT',
          category: 'van-ban',
          slug: 'huong-dan-chung-thuc-ban-sao-dien-tu',
          title: 'Hướng dẫn chứng thực bản sao điện tử từ bản chính',
          bodyHtml: p(
            'Hướng dẫn các phường, xã thực hiện chứng thực bản sao điện tử từ bản chính trên hệ thống thông tin giải quyết thủ tục hành chính.',
          ),
          fields: {
            form: 'CONG_VAN',
            issuer: 'Sở Tư pháp',
            number: '3124/STP-HCTP',
            issueDate: day(9),
            excerpt: 'Hướng dẫn chứng thực bản sao điện tử từ bản chính.',
            field: 'Chứng thực',
            scope: 'OWN',
          },
          authorName: 'Phòng Hành chính tư pháp',
          source: 'Sở Tư pháp',
          pdf: ['CONG VAN 3124/STP-HCTP', 'Huong dan chung thuc ban sao dien tu tu ban chinh'],
        },
        {
          kind: 'DRAFT_DOCUMENT',
          category: 'du-thao-lay-y-kien',
          slug: 'du-thao-quy-che-phoi-hop-tro-giup-phap-ly',
          title: 'Dự thảo Quy chế phối hợp thực hiện trợ giúp pháp lý trong hoạt động tố tụng',
          bodyHtml: p(
            'Dự thảo quy định trách nhiệm phối hợp giữa cơ quan tiến hành tố tụng và Trung tâm Trợ giúp pháp lý nhà nước.',
          ),
          fields: { commentOpensAt: opened, commentClosesAt: closes, issuer: 'Sở Tư pháp' },
          authorName: 'Trung tâm Trợ giúp pháp lý nhà nước',
          source: 'Sở Tư pháp',
        },
      ],
      questions: [],
    },
  ];
}

/** Closing summary of the city's closed consultation. */
export const CLOSED_CONSULTATION_SUMMARY =
  '<p>Trong thời gian lấy ý kiến, Sở Xây dựng nhận được 37 ý kiến góp ý của người dân và 6 ý kiến của tổ chức. Các ý kiến tập trung vào chủng loại cây, khoảng cách trồng và trách nhiệm chăm sóc; Sở đã tiếp thu và chỉnh lý dự thảo trình Ủy ban nhân dân Thành phố.</p>';

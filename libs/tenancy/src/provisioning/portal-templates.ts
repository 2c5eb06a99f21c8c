import { TenantKind } from '../tenants/tenant-kind';

export interface TemplateCategory {
  slug: string;
  nameVi: string;
  nameEn: string;
  contentKind: string | null;
  children?: TemplateCategory[];
}

export interface PortalTemplate {
  name: string;
  categories: TemplateCategory[];
  /** Slugs of top-level categories shown in the main menu, in order. */
  mainMenu: string[];
  footerMenu: string[];
}

const c = (
  slug: string,
  nameVi: string,
  nameEn: string,
  contentKind: string | null,
  children?: TemplateCategory[],
): TemplateCategory => ({
  slug,
  nameVi,
  nameEn,
  contentKind,
  children,
});

// The sections a portal must carry (Decree 42/2022 art. 4; 641/QĐ-UBND art. 14; 1376/QĐ-SVHTT art. 7), docs/domain.md.
const introduction = c('gioi-thieu', 'Giới thiệu', 'Introduction', 'ORGANISATION_PAGE', [
  c('co-cau-to-chuc', 'Sơ đồ tổ chức', 'Organisation chart', 'ORGANISATION_PAGE'),
  c('chuc-nang-nhiem-vu', 'Chức năng, nhiệm vụ', 'Functions and duties', 'ORGANISATION_PAGE'),
  c('lich-su', 'Quá trình hình thành và phát triển', 'History', 'ORGANISATION_PAGE'),
  c('lanh-dao', 'Lãnh đạo', 'Leaders', 'LEADER_PROFILE'),
]);
const news = c('tin-tuc-su-kien', 'Tin tức, sự kiện', 'News and events', 'NEWS');
const direction = c('chi-dao-dieu-hanh', 'Chỉ đạo, điều hành', 'Direction and administration', 'DIRECTIVE', [
  c('lich-cong-tac', 'Lịch công tác của lãnh đạo', "Leaders' work schedule", 'WORK_SCHEDULE'),
  c('lich-tiep-cong-dan', 'Lịch tiếp công dân', 'Citizen reception schedule', 'CITIZEN_RECEPTION'),
  c('thong-bao', 'Thông báo', 'Announcements', 'ANNOUNCEMENT'),
]);
const lawDissemination = c(
  'pho-bien-phap-luat',
  'Phổ biến, giáo dục pháp luật',
  'Policy and law dissemination',
  'LAW_DISSEMINATION',
);
const strategies = c(
  'chien-luoc-quy-hoach',
  'Chiến lược, quy hoạch, kế hoạch',
  'Strategies, master plans and plans',
  'GENERIC_PAGE',
);
const legalDocuments = c('van-ban', 'Văn bản quy phạm pháp luật', 'Legal documents', 'LEGAL_DOCUMENT');
const drafts = c(
  'du-thao-lay-y-kien',
  'Dự thảo văn bản lấy ý kiến',
  'Draft documents for comment',
  'DRAFT_DOCUMENT',
);
const gazette = c('cong-bao', 'Công báo', 'Official gazette', 'GAZETTE_ISSUE');
const projects = c(
  'du-an-dau-tu',
  'Dự án, đầu tư, đấu thầu, mua sắm công',
  'Projects, investment, tenders and procurement',
  'PROJECT',
);
const procedures = c(
  'thu-tuc-hanh-chinh',
  'Thủ tục hành chính và dịch vụ công trực tuyến',
  'Administrative procedures and online public services',
  'ADMINISTRATIVE_PROCEDURE',
);
const statistics = c(
  'thong-ke',
  'Thông tin thống kê, báo cáo',
  'Statistics and reports',
  'STATISTICS_REPORT',
);
const science = c(
  'khoa-hoc-cong-nghe',
  'Chương trình, đề tài khoa học',
  'Science programmes',
  'SCIENCE_PROGRAMME',
);
const recruitment = c('tuyen-dung', 'Thông tin tuyển dụng', 'Recruitment', 'ANNOUNCEMENT');
const qa = c('hoi-dap', 'Hỏi đáp', 'Questions and answers', 'QA_ITEM');
const contacts = c('lien-he', 'Thông tin liên hệ', 'Contacts', 'CONTACT_ENTRY');

function template(name: string, categories: TemplateCategory[]): PortalTemplate {
  return {
    name,
    categories,
    mainMenu: categories.map((cat) => cat.slug).filter((slug) => slug !== 'lien-he'),
    footerMenu: ['lien-he', 'hoi-dap'].filter((slug) => categories.some((cat) => cat.slug === slug)),
  };
}

export const PORTAL_TEMPLATES: Record<string, PortalTemplate> = {
  province: template('province', [
    introduction,
    news,
    direction,
    lawDissemination,
    strategies,
    legalDocuments,
    drafts,
    gazette,
    projects,
    procedures,
    statistics,
    science,
    recruitment,
    qa,
    contacts,
  ]),
  department: template('department', [
    introduction,
    news,
    direction,
    lawDissemination,
    strategies,
    legalDocuments,
    drafts,
    projects,
    procedures,
    statistics,
    science,
    recruitment,
    qa,
    contacts,
  ]),
  district: template('district', [
    introduction,
    news,
    direction,
    lawDissemination,
    strategies,
    legalDocuments,
    drafts,
    projects,
    procedures,
    statistics,
    qa,
    contacts,
  ]),
  commune: template('commune', [
    introduction,
    news,
    direction,
    lawDissemination,
    legalDocuments,
    procedures,
    statistics,
    qa,
    contacts,
  ]),
  thematic: template('thematic', [introduction, news, legalDocuments, qa, contacts]),
};

export const DEFAULT_TEMPLATE_BY_KIND: Record<TenantKind, string> = {
  [TenantKind.PROVINCE]: 'province',
  [TenantKind.DEPARTMENT]: 'department',
  [TenantKind.DISTRICT]: 'district',
  [TenantKind.COMMUNE]: 'commune',
  [TenantKind.WARD]: 'commune',
  [TenantKind.TOWNSHIP]: 'commune',
  [TenantKind.SPECIAL_ZONE]: 'district',
  [TenantKind.THEMATIC]: 'thematic',
};

/** A template category's key: its slug path in the template (`chi-dao-dieu-hanh/lich-cong-tac`). */
export function templateCategoryKeys(template: PortalTemplate): string[] {
  return flattenTemplate(template).map((c) => c.key);
}

/** A template's categories, parents before children, with their keys, parents' keys and positions. */
export function flattenTemplate(
  template: PortalTemplate,
): Array<TemplateCategory & { key: string; parentKey: string | null; position: number }> {
  const out: Array<TemplateCategory & { key: string; parentKey: string | null; position: number }> = [];
  const walk = (list: TemplateCategory[], parentKey: string | null) =>
    list.forEach((cat, position) => {
      const key = parentKey ? `${parentKey}/${cat.slug}` : cat.slug;
      out.push({ ...cat, key, parentKey, position });
      if (cat.children) walk(cat.children, key);
    });
  walk(template.categories, null);
  return out;
}

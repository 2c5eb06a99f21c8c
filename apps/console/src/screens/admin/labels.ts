// Labels of the administration screens (Vietnamese first, English by the switch).

export const TENANT_KINDS: Record<string, [string, string]> = {
  PROVINCE: ['Tỉnh, thành phố', 'Province or city'],
  DEPARTMENT: ['Sở, ban, ngành', 'Department'],
  DISTRICT: ['Quận, huyện', 'District'],
  COMMUNE: ['Xã', 'Commune'],
  WARD: ['Phường', 'Ward'],
  TOWNSHIP: ['Thị trấn', 'Township'],
  SPECIAL_ZONE: ['Đặc khu', 'Special zone'],
  THEMATIC: ['Trang chuyên đề', 'Thematic site'],
};

export const TENANT_STATUS: Record<string, [string, string]> = {
  ACTIVE: ['Đang hoạt động', 'Active'],
  SUSPENDED: ['Tạm ngừng', 'Suspended'],
  MERGED: ['Đã hợp nhất', 'Merged'],
  RETIRED: ['Đã giải thể', 'Retired'],
};

export const HOST_ROLES: Record<string, [string, string]> = {
  PRIMARY: ['Tên miền chính', 'Primary host'],
  ALIAS: ['Tên miền phụ', 'Alias'],
  REDIRECT: ['Chuyển hướng 301', 'Redirects (301)'],
};

export const TEMPLATES: Record<string, [string, string]> = {
  '': ['Theo loại cổng', 'By kind'],
  province: ['Cổng tỉnh, thành phố', 'Province portal'],
  department: ['Cổng sở, ngành', 'Department portal'],
  district: ['Cổng quận, huyện', 'District portal'],
  commune: ['Cổng xã, phường, thị trấn', 'Commune or ward portal'],
  thematic: ['Trang chuyên đề', 'Thematic site'],
};

export const ACCOUNT_STATUS: Record<string, [string, string]> = {
  ACTIVE: ['Đang hoạt động', 'Active'],
  SUSPENDED: ['Đã khóa', 'Suspended'],
};

export const SCOPES: Record<string, [string, string]> = {
  TENANT: ['Chỉ cổng này', 'This portal only'],
  SUBTREE: ['Cổng này và các cổng trực thuộc', 'This portal and every portal below'],
};

export const MERGE_PARTICIPANTS: Record<string, [string, string]> = {
  categories: ['Chuyên mục', 'Categories'],
  accounts: ['Tài khoản', 'Accounts'],
  roles: ['Vai trò', 'Roles'],
  content: ['Nội dung', 'Content'],
  editorial: ['Biên tập', 'Editorial'],
  calendar: ['Lịch làm việc', 'Calendar'],
  syndication: ['Chia sẻ liên thông', 'Syndication'],
  royalties: ['Nhuận bút', 'Royalties'],
  consultations: ['Lấy ý kiến dự thảo', 'Consultations'],
  questions: ['Hỏi đáp', 'Questions'],
  polls: ['Thăm dò ý kiến', 'Polls'],
  dialogues: ['Giao lưu trực tuyến', 'Online dialogues'],
};

/** What the dry run counts (names the server uses; others are shown as given). */
export const MERGE_COUNTS: Record<string, [string, string]> = {
  items: ['bài viết', 'items'],
  revisions: ['phiên bản', 'revisions'],
  attachments: ['tệp đính kèm', 'attachments'],
  slugChanges: ['đổi đường dẫn', 'slug changes'],
  accounts: ['tài khoản', 'accounts'],
  categories: ['chuyên mục', 'categories'],
  copied: ['sao chép', 'copied'],
  mapped: ['ánh xạ', 'mapped'],
  moved: ['chuyển', 'moved'],
  revoked: ['thu hồi', 'revoked'],
  dialogues: ['buổi giao lưu', 'dialogues'],
  dialogueQuestions: ['câu hỏi giao lưu', 'dialogue questions'],
  dialogueGuests: ['khách mời', 'guests'],
};

/** Tình trạng hiệu lực (as the national database of legal documents names them). */
export const VALIDITY: Record<string, [string, string]> = {
  IN_FORCE: ['Còn hiệu lực', 'In force'],
  PARTLY_IN_FORCE: ['Hết hiệu lực một phần', 'Partly in force'],
  EXPIRED: ['Hết hiệu lực toàn bộ', 'Expired'],
  NOT_YET_EFFECTIVE: ['Chưa có hiệu lực', 'Not yet effective'],
};

/** A relation as read from the document shown. */
export const RELATION: Record<string, [string, string]> = {
  REPLACES: ['Thay thế', 'Replaces'],
  REPLACED_BY: ['Bị thay thế bởi', 'Replaced by'],
  AMENDS: ['Sửa đổi, bổ sung', 'Amends'],
  AMENDED_BY: ['Được sửa đổi, bổ sung bởi', 'Amended by'],
  GUIDES: ['Hướng dẫn', 'Guides'],
  GUIDED_BY: ['Được hướng dẫn bởi', 'Guided by'],
};

/** How far a service is online. */
export const LEVEL: Record<string, [string, string]> = {
  FULL_ONLINE: ['Toàn trình', 'Fully online'],
  PARTIAL_ONLINE: ['Một phần', 'Partly online'],
  OFFLINE: ['Trực tiếp', 'In person'],
};

/** `YYYY-MM-DD` as dd/mm/yyyy. */
export const dmy = (d: string | null | undefined) => (d ? d.split('-').reverse().join('/') : '—');

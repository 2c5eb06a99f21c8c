import { KIND_LABELS, label } from '../report-labels';
import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Items published” of the report file. */
export const publishedSheet: SheetBuilder = ({ perPortal, who }) => ({
  key: 'published',
  titleVi: 'Tin bài đã đăng',
  titleEn: 'Items published',
  legalBasis: 'Điều 24 khoản 2',
  columns: [
    ...PORTAL_COLUMNS,
    col('dimension', 'Phân loại theo', 'By', 'text'),
    col('value', 'Giá trị', 'Value', 'text'),
    col('count', 'Số tin bài', 'Items'),
  ],
  rows: perPortal((t, { published: v }) => {
    return [
      [...who(t), 'Tổng / Total', null, v.total],
      ...v.byKind.map((c) => [...who(t), 'Loại tin / Kind', label(KIND_LABELS, c.key, '—'), c.count]),
      ...v.byCategory.map((c) => [
        ...who(t),
        'Chuyên mục / Category',
        c.key ?? '(không có) / (none)',
        c.count,
      ]),
      ...v.byUnit.map((c) => [
        ...who(t),
        'Đơn vị / Unit',
        c.key ?? '(không thuộc đơn vị) / (no unit)',
        c.count,
      ]),
      ...v.byLanguage.map((c) => [...who(t), 'Ngôn ngữ / Language', c.key, c.count]),
    ];
  }),
});

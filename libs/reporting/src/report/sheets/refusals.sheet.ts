import { REFUSAL_LABELS, label } from '../report-labels';
import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Refusals and returns” of the report file. */
export const refusalsSheet: SheetBuilder = ({ perPortal, who }) => ({
  key: 'refusals',
  titleVi: 'Tin bài bị từ chối, trả lại',
  titleEn: 'Refusals and returns',
  legalBasis: 'Điều 9',
  columns: [...PORTAL_COLUMNS, col('reason', 'Lý do', 'Reason', 'text'), col('count', 'Số lượt', 'Count')],
  rows: perPortal((t, { refusals: v }) =>
    v
      ? [
          ...v.byReason.map((r) => [
            ...who(t),
            `Từ chối / Refused: ${label(REFUSAL_LABELS, r.key, '—')}`,
            r.count,
          ]),
          ...(v.returned ? [[...who(t), 'Trả lại để sửa / Returned for changes', v.returned]] : []),
        ]
      : [],
  ),
});

import { ROLE_LABELS, label } from '../report-labels';
import { col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Accounts per role” of the report file. */
export const accountsSheet: SheetBuilder = ({ perPortal, who }) => ({
  key: 'accounts',
  titleVi: 'Tài khoản theo vai trò',
  titleEn: 'Accounts per role',
  legalBasis: 'Điều 8',
  columns: [
    ...PORTAL_COLUMNS,
    col('role', 'Vai trò', 'Role', 'text'),
    col('holders', 'Số tài khoản', 'Holders'),
    col('active', 'Có hoạt động trong kỳ', 'Active in the period'),
  ],
  rows: perPortal((t, { accounts: v }) =>
    v.map((r) => [...who(t), label(ROLE_LABELS, r.role, '—'), r.holders, r.active]),
  ),
});

import { OUTCOME_LABELS } from '../report-labels';
import { BATCH, col, PORTAL_COLUMNS, SheetBuilder } from './report-sheet-context';

/** The sheet “Rule checks” of the report file. */
export const rulesSheet: SheetBuilder = ({ ctx, who, portals, period, rules, now }) => ({
  key: 'rules',
  titleVi: 'Kiểm tra theo quy định',
  titleEn: 'Rule checks',
  legalBasis: 'theo từng quy định / as each rule names',
  columns: [
    ...PORTAL_COLUMNS,
    col('rule', 'Quy định', 'Rule', 'text'),
    col('source', 'Căn cứ', 'Source', 'text'),
    col('outcome', 'Kết quả', 'Outcome', 'text'),
    col('findings', 'Chi tiết', 'Findings', 'text'),
  ],
  rows: async function* () {
    for (let i = 0; i < portals.length; i += BATCH) {
      const batch = portals.slice(i, i + BATCH);
      const checks = await rules.check(ctx, batch, period, now);
      for (const t of batch)
        for (const c of checks.get(t.id) ?? [])
          yield [
            ...who(t),
            c.titleEn ? `${c.titleVi} / ${c.titleEn}` : c.titleVi,
            `${c.document}, ${c.article}`,
            OUTCOME_LABELS[c.outcome],
            c.findings.join('; '),
          ];
    }
  },
});

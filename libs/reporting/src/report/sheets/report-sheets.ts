import type { SheetBuilder } from './report-sheet-context';
import { summarySheet } from './summary.sheet';
import { publishedSheet } from './published.sheet';
import { syndicationSheet } from './syndication.sheet';
import { timelinessSheet } from './timeliness.sheet';
import { lateItemsSheet } from './late-items.sheet';
import { boardSheet } from './board.sheet';
import { questionsSheet } from './questions.sheet';
import { consultationsRatingsSheet } from './consultations-ratings.sheet';
import { refusalsSheet } from './refusals.sheet';
import { throughputSheet } from './throughput.sheet';
import { accountsSheet } from './accounts.sheet';
import { rulesSheet } from './rules.sheet';

/** The report file's own sheets, in order (sections of other libs go before the rule checks). */
export const REPORT_SHEETS: SheetBuilder[] = [
  summarySheet,
  publishedSheet,
  syndicationSheet,
  timelinessSheet,
  lateItemsSheet,
  boardSheet,
  questionsSheet,
  consultationsRatingsSheet,
  refusalsSheet,
  throughputSheet,
  accountsSheet,
  rulesSheet,
];

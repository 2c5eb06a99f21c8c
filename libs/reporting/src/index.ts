export * from './reporting.module';
export * from './export/report-export.types';
export * from './export/report-sheet';
export * from './period/report-period';
export * from './figures/figures.types';
export * from './report/report-scope';
export * from './report/report.service';
export * from './report/report-sections';
export * from './report/report-export.service';
export * from './jobs/report-export-job.service';
export * from './jobs/report-download-link';
// The report's GraphQL types, for libs downstream that add fields to it (royalties).
export { ReportType, ReportPortalType } from './graphql/reporting.types';
export * from './errors/reporting-error-code';

export enum ReportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}

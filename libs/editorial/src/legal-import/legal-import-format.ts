import type { TabularSpec } from '@portal/content';

/** The columns of a legal-document import (docs/editorial.md, "Importing a list of documents"). */
export const RELATION_COLUMNS = ['replaces', 'amends', 'guides'] as const;

export const LEGAL_IMPORT: TabularSpec = {
  columns: [
    'number',
    'title',
    'form',
    'issuer',
    'issueDate',
    'effectiveDate',
    'excerpt',
    'field',
    'validity',
    'expiryDate',
    'nationalDbUrl',
    ...RELATION_COLUMNS,
  ],
  listColumns: RELATION_COLUMNS,
  required: ['number', 'validity'],
  jsonKey: 'documents',
  maxRows: 2000,
};

import { createTranslator } from './translate';

/** Text of the shared components (tables, states, dates, dialogs). */
export const commonMessages = {
  'common.retry': 'Retry',
  'common.requestId': 'Request id: {requestId}',
  'common.loading': 'Loading {what}…',
  'common.none': '—',
  'common.never': 'never',
  'common.unsavedChanges.title': 'Leave without saving?',
  'common.unsavedChanges.body': 'Your changes to this form have not been saved. They will be lost if you leave.',
  'common.unsavedChanges.stay': 'Stay on this page',
  'common.unsavedChanges.leave': 'Leave and discard',
  'common.discardChanges.title': 'Discard your changes?',
  'common.discardChanges.body': 'What you entered here has not been saved and will be lost.',
  'common.discardChanges.keep': 'Keep editing',
  'common.discardChanges.discard': 'Discard changes',
  'common.table.columns': 'Columns',
  'common.table.columnsLabel': 'Choose the columns of {table}',
  'common.table.density': 'Row density',
  'common.table.density.comfortable': 'Comfortable',
  'common.table.density.compact': 'Compact',
  'common.table.csv': 'CSV of this view',
  'common.table.csvPreparing': 'Preparing CSV…',
  'common.table.csvFailed': 'The CSV could not be made',
  'common.table.sortBy': 'Sort by {column}',
  'common.table.sortedAscending': '{column}, sorted ascending',
  'common.table.sortedDescending': '{column}, sorted descending',
  'common.table.scrollable': '{table}, scrollable',
  'common.table.shown_one': 'Showing {shown} of {count} row',
  'common.table.shown_other': 'Showing {shown} of {count} rows',
  'common.table.loadingMore': 'Loading more rows…',
  'common.date.relativeTitle': '{absolute} ({zone})',
} as const;

export const t = createTranslator(commonMessages);

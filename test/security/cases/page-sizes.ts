import type { Who } from '../victim';

/** A call of each operation with a page-size argument, `$n` where the size goes. */
export const PAGED: Record<string, [Who, string]> = {
      'Query.dialogues(first)': ['sibling', '{ dialogues(first: $n) { nodes { id } } }'],
  'Query.accounts(filter.first)': ['sibling', '{ accounts(filter: { first: $n }) { nodes { id } } }'],
  'Query.auditLog(filter.first)': ['sibling', '{ auditLog(filter: { first: $n }) { nodes { id } } }'],
  'Query.contentItems(filter.first)': [
    'sibling',
    '{ contentItems(filter: { first: $n }) { nodes { id } } }',
  ],
  'Query.draftCommentQueue(filter.first)': [
    'sibling',
    '{ draftCommentQueue(filter: { first: $n }) { nodes { id } } }',
  ],
  'Query.draftComments(first)': [
    'anonymous',
    `{ draftComments(itemId: "${'$ct'}", first: $n) { nodes { id } } }`,
  ],
  'Query.editorialReminders(first)': ['sibling', '{ editorialReminders(first: $n) { id } }'],
  'Query.homePage(perSection)': [
    'anonymous',
    '{ homePage(perSection: $n) { pinned { id } sections { items { id } } } }',
  ],
  'Query.legalDocuments(filter.first)': ['anonymous', '{ legalDocuments(filter: { first: $n }) { id } }'],
  'Query.polls(first)': ['anonymous', '{ polls(first: $n) { id } }'],
  'Query.sentInformation(first)': ['sibling', '{ sentInformation(first: $n) { nodes { id } } }'],
  'Query.publicItems(filter.first)': [
    'anonymous',
    '{ publicItems(filter: { first: $n }) { nodes { id } } }',
  ],
  'Query.publishedQuestions(first)': ['anonymous', '{ publishedQuestions(first: $n) { nodes { id } } }'],
  'Query.questionEscalations(first)': ['sibling', '{ questionEscalations(first: $n) { id } }'],
  'Query.questionQueue(filter.first)': ['sibling', '{ questionQueue(filter: { first: $n }) { id } }'],
  'Query.receivedSyndications(first)': ['sibling', '{ receivedSyndications(first: $n) { id } }'],
  'Query.reportLateItems(first)': [
    'sibling',
    '{ reportLateItems(period: "2026", first: $n) { itemId } }',
  ],
  'Query.search(first)': ['anonymous', '{ search(query: "lut", first: $n) { id } }'],
  'Query.subtreeFeed(filter.first)': [
    'sibling',
    '{ subtreeFeed(filter: { first: $n }) { nodes { id } } }',
  ],
  'Query.subtreeSearch(first)': ['sibling', '{ subtreeSearch(query: "lut", first: $n) { id } }'],
};

/** Lists that clamp a size outside their range instead of refusing it (documented behaviour, no SQL reached). */
export const CLAMPED = ['Query.homePage(perSection)', 'Query.questionEscalations(first)'];

import type { SchemaObject } from 'ajv';
import {
  DeadlineAnchor,
  DeadlineRuleType,
  InformationKind,
  ReportRuleType,
  type Weekday,
} from './deadline-policy.types';

/** A profile key, e.g. `hcmc-2024`: lowercase letters and digits in groups joined by single "-". */
export const POLICY_KEY_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** A 24-hour clock time `HH:MM`, 00:00 to 23:59. */
export const POLICY_TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

export const WEEKDAYS: readonly Weekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

// `description`s complete "must be ..." so the loader turns a failed `pattern` or a forbidden
// field (`not: {}`) into a readable message without a second table of texts.
const forbiddenUnless = (field: string, type: DeadlineRuleType) => ({
  not: {},
  description: `left out: "${field}" is only allowed when type is ${type}`,
});

const otherTypes = (type: DeadlineRuleType): DeadlineRuleType[] =>
  Object.values(DeadlineRuleType).filter((other) => other !== type);

const rule: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'type', 'anchor', 'article'],
  properties: {
    kind: { type: 'string', enum: Object.values(InformationKind) },
    type: { type: 'string', enum: Object.values(DeadlineRuleType) },
    workingDays: { type: 'integer', minimum: 1, maximum: 365 },
    weekday: { type: 'string', enum: WEEKDAYS },
    time: {
      type: 'string',
      pattern: POLICY_TIME_PATTERN,
      description: 'a 24-hour time "HH:MM" such as "11:00" (quoted in YAML)',
    },
    anchor: { type: 'string', enum: Object.values(DeadlineAnchor) },
    article: {
      type: 'string',
      pattern: '^Điều \\d+',
      description: 'an article of the document, such as "Điều 12 khoản 1 điểm a"',
    },
    quote: { type: 'string', minLength: 1, maxLength: 600 },
  },
  // Each condition tests only valid `type` values, so a misspelt type yields its enum error alone.
  allOf: [
    {
      if: { required: ['type'], properties: { type: { const: DeadlineRuleType.WITHIN_WORKING_DAYS } } },
      then: { required: ['workingDays'] },
    },
    {
      if: {
        required: ['type'],
        properties: { type: { enum: otherTypes(DeadlineRuleType.WITHIN_WORKING_DAYS) } },
      },
      then: {
        properties: { workingDays: forbiddenUnless('workingDays', DeadlineRuleType.WITHIN_WORKING_DAYS) },
      },
    },
    {
      if: {
        required: ['type'],
        properties: { type: { const: DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK } },
      },
      then: { required: ['weekday', 'time'] },
    },
    {
      if: {
        required: ['type'],
        properties: { type: { enum: otherTypes(DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK) } },
      },
      then: {
        properties: {
          weekday: forbiddenUnless('weekday', DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK),
          time: forbiddenUnless('time', DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK),
        },
      },
    },
  ],
};

const reportRule: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'type', 'titleVi', 'article'],
  properties: {
    key: {
      type: 'string',
      pattern: POLICY_KEY_PATTERN,
      description: 'a key of lowercase letters and digits joined by single "-", such as "unit-news-monthly"',
    },
    type: { type: 'string', enum: Object.values(ReportRuleType) },
    titleVi: { type: 'string', minLength: 1, maxLength: 300 },
    titleEn: { type: 'string', minLength: 1, maxLength: 300 },
    kinds: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'string',
        pattern: '^[A-Z][A-Z_]*$',
        description: 'a content kind in capitals, such as "NEWS"',
      },
    },
    minimum: { type: 'integer', minimum: 1, maximum: 1000 },
    language: { type: 'string', enum: ['vi', 'en'] },
    document: { type: 'string', minLength: 1, maxLength: 1000 },
    article: {
      type: 'string',
      pattern: '^Điều \\d+',
      description: 'an article of the document, such as "Điều 18 khoản 3"',
    },
    quote: { type: 'string', minLength: 1, maxLength: 600 },
    disabled: { type: 'boolean' },
  },
  allOf: [
    {
      if: {
        required: ['type'],
        properties: { type: { const: ReportRuleType.MIN_ITEMS_PER_UNIT_PER_MONTH } },
      },
      then: { required: ['kinds', 'minimum'] },
    },
    {
      if: {
        required: ['type'],
        properties: {
          type: { enum: [ReportRuleType.REQUIRED_LIVE_ITEMS, ReportRuleType.WEEKLY_ITEM_ON_TIME] },
        },
      },
      then: { required: ['kinds'] },
    },
  ],
};

const freshnessRule: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'titleVi', 'scope', 'kinds', 'reviewWithinWorkingDays', 'article'],
  properties: {
    key: {
      type: 'string',
      pattern: POLICY_KEY_PATTERN,
      description:
        'a key of lowercase letters and digits joined by single "-", such as "introduction-contacts"',
    },
    titleVi: { type: 'string', minLength: 1, maxLength: 300 },
    titleEn: { type: 'string', minLength: 1, maxLength: 300 },
    scope: { type: 'string', enum: ['ITEM', 'SECTION'] },
    kinds: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'string',
        pattern: '^[A-Z][A-Z_]*$',
        description: 'a content kind in capitals, such as "ORGANISATION_PAGE"',
      },
    },
    language: { type: 'string', enum: ['vi', 'en'] },
    reviewWithinWorkingDays: { type: 'integer', minimum: 1, maximum: 365 },
    monthlyReminder: { type: 'boolean' },
    document: { type: 'string', minLength: 1, maxLength: 1000 },
    article: {
      type: 'string',
      pattern: '^Điều \\d+',
      description: 'an article of the document, such as "Điều 16 khoản 1 điểm a"',
    },
    quote: { type: 'string', minLength: 1, maxLength: 600 },
    disabled: { type: 'boolean' },
  },
};

const workflowChoice: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['enabled', 'article'],
  properties: {
    enabled: { type: 'boolean' },
    workingDays: { type: 'integer', minimum: 1, maximum: 365 },
    document: { type: 'string', minLength: 1, maxLength: 1000 },
    article: {
      type: 'string',
      pattern: '^Điều \\d+',
      description: 'an article of the document, such as "Điều 11 khoản 2"',
    },
    quote: { type: 'string', minLength: 1, maxLength: 600 },
  },
};

/**
 * JSON Schema (draft-07, for Ajv 8) of a deadline policy profile, see `DeadlinePolicyProfile`. It
 * checks the shape of one file; rules spanning rules or files (one rule per kind, `extends` pointing
 * at a known profile, no cycles, unique keys) are checked by the loader.
 */
export const DEADLINE_POLICY_SCHEMA: SchemaObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'DeadlinePolicyProfile',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'key', 'nameVi', 'document', 'rules'],
  properties: {
    apiVersion: { const: 'portal/v1' },
    kind: { const: 'DeadlinePolicy' },
    key: {
      type: 'string',
      pattern: POLICY_KEY_PATTERN,
      description: 'a key of lowercase letters and digits joined by single "-", such as "hcmc-2024"',
    },
    nameVi: { type: 'string', minLength: 1, maxLength: 255 },
    nameEn: { type: 'string', minLength: 1, maxLength: 255 },
    document: { type: 'string', minLength: 1, maxLength: 1000 },
    regulationFile: { type: 'string', minLength: 1, maxLength: 255 },
    extends: {
      type: 'string',
      pattern: POLICY_KEY_PATTERN,
      description: 'the key of another profile, such as "hcmc-2024"',
    },
    rules: { type: 'array', items: rule },
    reportRules: { type: 'array', items: reportRule },
    freshnessRules: { type: 'array', items: freshnessRule },
    workflow: {
      type: 'object',
      additionalProperties: false,
      properties: {
        boardMembersApproveInFields: workflowChoice,
        unitPreVetting: workflowChoice,
        boardEditsSiteStructure: workflowChoice,
      },
    },
  },
};

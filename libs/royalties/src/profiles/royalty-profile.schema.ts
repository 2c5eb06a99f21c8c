import type { SchemaObject } from 'ajv';
import { REMUNERATED_ROLES, UnitBasis } from './royalty-profile.types';

/** A profile key, e.g. `national-18-2014`. */
export const ROYALTY_KEY_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

const text = { type: 'string', minLength: 1, maxLength: 600 };
// Coefficients and percentages: at most two decimals (checked by the loader, which says so).
const coefficient = { type: 'number', minimum: 0, maximum: 1000 };
const percent = { type: 'number', minimum: 0, maximum: 100 };
const date = {
  type: 'string',
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  description: 'a date "YYYY-MM-DD" such as "2024-07-01" (quoted in YAML)',
};

const range: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['min', 'max', 'article'],
  properties: { min: coefficient, max: coefficient, article: text },
};

const percentRule: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['percent', 'article'],
  properties: { percent, article: text },
};

export const ROYALTY_PROFILE_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'key', 'nameVi', 'document'],
  properties: {
    apiVersion: { const: 'portal/v1' },
    kind: { const: 'RoyaltyProfile' },
    key: {
      type: 'string',
      pattern: ROYALTY_KEY_PATTERN,
      description: 'lowercase letters and digits joined by "-", such as "national-18-2014"',
    },
    extends: { type: 'string', pattern: ROYALTY_KEY_PATTERN, description: 'the key of another profile' },
    nameVi: text,
    nameEn: text,
    document: text,
    unverified: {
      ...text,
      description:
        'what of the profile has not been checked against the published text (statements then warn)',
    },
    unitValue: {
      type: 'object',
      additionalProperties: false,
      required: ['basis', 'article', 'values'],
      properties: {
        basis: { type: 'string', enum: Object.values(UnitBasis) },
        percent,
        article: text,
        values: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'amount', 'document', 'article'],
            properties: {
              from: date,
              amount: { type: 'integer', minimum: 1, maximum: 1_000_000_000 },
              document: text,
              article: text,
            },
          },
        },
      },
    },
    eligibleKinds: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Z][A-Z_]*$', description: 'a content kind such as NEWS' },
    },
    genres: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'nameVi', 'nameEn', 'min', 'max', 'article'],
        properties: {
          key: {
            type: 'string',
            pattern: '^[A-Z][A-Z0-9_]*$',
            description: 'an upper-case key such as NEWS_WITH_PHOTO',
          },
          nameVi: text,
          nameEn: text,
          min: coefficient,
          max: coefficient,
          article: text,
        },
      },
    },
    photo: range,
    lowerLevelShare: percentRule,
    repostFactor: percentRule,
    remuneration: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'nameVi', 'coefficient', 'article'],
        properties: {
          role: { type: 'string', enum: [...REMUNERATED_ROLES] },
          nameVi: text,
          coefficient,
          article: text,
        },
      },
    },
  },
};

import type { SchemaObject } from 'ajv';
import { TENANT_KINDS, TenantStatus } from '../tenants/tenant-kind';

/** One DNS label: what a tenant contributes to its host under the parent's host (docs/domain.md). */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$';

/** A lowercase DNS hostname of at least two labels, e.g. `hochiminhcity.gov.vn`. */
export const DNS_HOSTNAME_PATTERN =
  '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$';

// `description`s are phrased to complete "must be ..." so the loader can turn a failed `pattern`
// into a readable message without a second table of texts.
const hostname = {
  type: 'string',
  maxLength: 253,
  pattern: DNS_HOSTNAME_PATTERN,
  description: 'a lowercase DNS hostname such as "hochiminhcity.gov.vn"',
};

/**
 * JSON Schema (draft-07, for Ajv 8) of a tenant tree manifest, see `TenantManifest`. It checks
 * shape only; rules spanning several nodes (root host/label, unique sibling labels, `host` only on
 * the root) are checked by the loader.
 */
export const TENANT_MANIFEST_SCHEMA: SchemaObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'TenantManifest',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'root'],
  properties: {
    apiVersion: { const: 'portal/v1' },
    kind: { const: 'TenantTree' },
    root: { $ref: '#/definitions/node' },
  },
  definitions: {
    node: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'nameVi'],
      properties: {
        kind: { type: 'string', enum: TENANT_KINDS },
        nameVi: { type: 'string', minLength: 1, maxLength: 255 },
        nameEn: { type: 'string', maxLength: 255 },
        label: {
          type: 'string',
          pattern: DNS_LABEL_PATTERN,
          description:
            'a DNS label: 1 to 63 lowercase letters, digits or "-", not starting or ending with "-"',
        },
        host: hostname,
        unitCode: {
          type: 'string',
          pattern: '^[0-9]{1,10}$',
          description: '1 to 10 digits (an administrative unit code, quoted in YAML)',
        },
        aliases: { type: 'array', uniqueItems: true, items: hostname },
        status: { type: 'string', enum: [TenantStatus.ACTIVE, TenantStatus.SUSPENDED] },
        template: { type: 'string', minLength: 1 },
        deadlinePolicy: {
          type: 'string',
          pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
          description:
            'the key of a deadline policy profile in tenants/policies, such as "kiengiang-641-2017"',
        },
        children: { type: 'array', items: { $ref: '#/definitions/node' } },
      },
    },
  },
};

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLInputType, buildSchema, getNamedType, isInputObjectType } from 'graphql';
import { ACCOUNT_AND_PORTAL_CASES } from './graphql-accounts-and-portals';
import { CONTENT_CASES } from './graphql-content';
import { ENGAGEMENT_CASES } from './graphql-engagement';
import { FEDERATION_CASES } from './graphql-federation';
import { REPORT_AND_ROYALTY_CASES } from './graphql-reports-and-royalties';
import type { IdorCase } from './types';

export { EXCLUDED_ARGS, TARGET_CASES } from './graphql-foreign-targets';
export { HTTP_CASES } from './http-routes';
export { CLAMPED, PAGED } from './page-sizes';
export type { HttpCase, IdorCase } from './types';

/**
 * The security suite's registry of cases, one file a topic, and what the schema and the endpoint
 * list say must be covered: the completeness tests compare the union of the case files with these.
 */

/** Every id-taking operation, called with the victim's ids (the union of the topic files). */
export const IDOR_CASES: IdorCase[] = [
  ...ACCOUNT_AND_PORTAL_CASES,
  ...CONTENT_CASES,
  ...ENGAGEMENT_CASES,
  ...FEDERATION_CASES,
  ...REPORT_AND_ROYALTY_CASES,
];

export const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema.gql'), 'utf8'));

/** Arguments (and input fields) that name an object: ID, or a String called like an id, a code or a slug. */
const ID_NAME = /^(id|ids|[a-z]+Ids?|code|trackingCode|slug)$/;

/** Every `Query.x` / `Mutation.x` with the paths of its id-taking arguments (`input.tenantId`, …). */
export function idTakingFields(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (type: GraphQLInputType, prefix: string, out: string[], seen: Set<string>) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    const next = new Set(seen).add(named.name);
    for (const field of Object.values(named.getFields())) {
      const inner = getNamedType(field.type);
      if (inner.name === 'ID' || (inner.name === 'String' && ID_NAME.test(field.name)))
        out.push(`${prefix}${field.name}`);
      walk(field.type, `${prefix}${field.name}.`, out, next);
    }
  };
  for (const root of [SCHEMA.getQueryType()!, SCHEMA.getMutationType()!]) {
    for (const field of Object.values(root.getFields())) {
      const paths: string[] = [];
      for (const arg of field.args) {
        const inner = getNamedType(arg.type);
        if (inner.name === 'ID' || (inner.name === 'String' && ID_NAME.test(arg.name))) paths.push(arg.name);
        walk(arg.type, `${arg.name}.`, paths, new Set());
      }
      if (paths.length) found.set(`${root.name}.${field.name}`, paths);
    }
  }
  return found;
}

/** The HTTP endpoints of test/endpoint-access.txt whose path names an object (`:id`, `:slug`). */
export function idTakingEndpoints(): string[] {
  return readFileSync(join(__dirname, '..', '..', 'endpoint-access.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))
    .filter((endpoint) => /^(GET|POST|PUT|PATCH|DELETE) \S*\/:/.test(endpoint));
}

/** Every page-size argument of the schema (`Query.x(filter.first)`, …). */
export function pageSizeArguments(): string[] {
  const found: string[] = [];
  const walk = (type: GraphQLInputType, prefix: string, op: string) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return;
    for (const f of Object.values(named.getFields())) {
      if (/^(first|last|limit|perSection|pageSize)$/.test(f.name))
        found.push(`${op}(${prefix}${f.name})`);
      walk(f.type, `${prefix}${f.name}.`, op);
    }
  };
  for (const root of [SCHEMA.getQueryType()!, SCHEMA.getMutationType()!])
    for (const field of Object.values(root.getFields()))
      for (const arg of field.args) {
        const op = `${root.name}.${field.name}`;
        if (/^(first|last|limit|perSection|pageSize)$/.test(arg.name)) found.push(`${op}(${arg.name})`);
        walk(arg.type, `${arg.name}.`, op);
      }
  return found;
}

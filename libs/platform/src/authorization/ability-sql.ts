import { rulesToCondition } from '@casl/ability/extra';
import type { CompoundCondition, Condition, FieldCondition } from '@ucast/mongo2js';
import type { AppAbility, AppAction, AppSubjectType } from './app-ability';

export interface SqlFragment {
  sql: string;
  params: Record<string, unknown>;
}

/** Maps a condition field (e.g. `tenantPath`) to a SQL column expression. */
export type FieldResolver = (field: string) => string;

let paramSeq = 0;
function param(params: Record<string, unknown>, value: unknown): string {
  const name = `casl_${++paramSeq}`;
  params[name] = value;
  return `:${name}`;
}

function fieldToSql(node: FieldCondition, column: FieldResolver, params: Record<string, unknown>): string {
  const col = column(node.field);
  switch (node.operator) {
    case 'eq':
      return node.value === null ? `${col} IS NULL` : `${col} = ${param(params, node.value)}`;
    case 'ne':
      return node.value === null
        ? `${col} IS NOT NULL`
        : `${col} IS DISTINCT FROM ${param(params, node.value)}`;
    case 'in':
      return `${col} = ANY(${param(params, node.value)})`;
    case 'nin':
      return `NOT (${col} = ANY(${param(params, node.value)}))`;
    case 'lt':
      return `${col} < ${param(params, node.value)}`;
    case 'lte':
      return `${col} <= ${param(params, node.value)}`;
    case 'gt':
      return `${col} > ${param(params, node.value)}`;
    case 'gte':
      return `${col} >= ${param(params, node.value)}`;
    case 'under':
      return `${col} <@ CAST(${param(params, node.value)} AS ltree)`;
    default:
      // Deny rather than guess: an operator without a SQL translation must not widen access.
      throw new Error(`No SQL translation for CASL operator "${node.operator}"`);
  }
}

function conditionToSql(node: Condition, column: FieldResolver, params: Record<string, unknown>): string {
  if ('field' in node) return fieldToSql(node as FieldCondition, column, params);
  const compound = node as CompoundCondition;
  const parts = compound.value.map((child) => conditionToSql(child, column, params));
  switch (compound.operator) {
    case 'and':
      return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
    case 'or':
      return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
    case 'not':
      return `NOT (${parts.join(' AND ')})`;
    default:
      throw new Error(`No SQL translation for CASL compound "${compound.operator}"`);
  }
}

/**
 * Translates the rules the ability holds for (action, subject) into one SQL predicate, so that
 * "may I see this row" and "which rows may I list" are answered by the same rules.
 */
export function abilityToSql(
  ability: AppAbility,
  action: AppAction,
  subjectType: AppSubjectType,
  column: FieldResolver,
): SqlFragment {
  const params: Record<string, unknown> = {};
  const rules = ability.rulesFor(action, subjectType as never);
  const sql = rulesToCondition(
    rules,
    (rule) => {
      const ast = (rule as unknown as { ast: Condition }).ast;
      const sqlPart = conditionToSql(ast, column, params);
      return rule.inverted ? `NOT ${sqlPart}` : sqlPart;
    },
    {
      and: (parts: string[]) => `(${parts.join(' AND ')})`,
      or: (parts: string[]) => `(${parts.join(' OR ')})`,
      empty: () => 'TRUE',
    },
  );
  return { sql: sql ?? 'FALSE', params };
}

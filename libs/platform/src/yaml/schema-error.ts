import type { ErrorObject } from 'ajv';

/**
 * A schema error (Ajv) in words a clerk editing a YAML file understands: the reason only, the
 * caller prefixes where. Patterns are explained by the schema's own `description`.
 */
export function describeSchemaError({ keyword, params, parentSchema, data, message }: ErrorObject): string {
  switch (keyword) {
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'type': {
      const expected = String(params.type);
      // YAML reads `unitCode: 79` or `regulationFile: 004` as numbers; quoting keeps them text.
      const hint = expected === 'string' && typeof data !== 'object' ? ' (put the value in quotes)' : '';
      return `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}${hint}`;
    }
    case 'minimum':
      return `must be at least ${params.limit}`;
    case 'maximum':
      return `must be at most ${params.limit}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${params.limit} characters long`;
    case 'pattern':
    case 'not':
      // The schema's `description` says in words what is expected.
      return typeof parentSchema?.description === 'string'
        ? `must be ${parentSchema.description}`
        : `must match ${params.pattern}`;
    default:
      return message ?? 'is invalid';
  }
}

import {
  buildMongoQueryMatcher,
  createMongoAbility,
  MongoAbility,
  RawRuleOf,
  subject as caslSubject,
} from '@casl/ability';
import type { FieldCondition, FieldInstruction, JsInterpreter } from '@ucast/mongo2js';

/**
 * The actions and subjects of the platform's authorization vocabulary. Roles (libs/access) are
 * turned into CASL rules over these; resolvers declare which one they need.
 */
export type AppAction =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'suspend'
  | 'provision'
  | 'restructure'
  | 'grant'
  | 'revoke'
  | 'submit'
  | 'vet'
  | 'review'
  | 'approve'
  | 'publish'
  | 'delegate'
  | 'propose'
  | 'push'
  | 'decide'
  | 'configure'
  | 'aggregate'
  | 'route'
  | 'answer'
  | 'moderate'
  | 'grade'
  | 'lock';

export type AppSubjectType =
  | 'Tenant'
  | 'Account'
  | 'RoleAssignment'
  | 'AuditEntry'
  | 'SiteStructure'
  | 'Calendar'
  | 'DeadlinePolicy'
  | 'Content'
  | 'Syndication'
  | 'Question'
  | 'Comment'
  | 'Rating'
  | 'Poll'
  | 'SentInformation'
  | 'Dialogue'
  | 'Report'
  | 'Royalty'
  | 'RoyaltyStatement'
  | 'RoyaltyPayment'
  | 'RoyaltyProfile'
  | 'Collaborator'
  | 'all';

/** Fields every tenant-owned subject exposes to conditions. */
export interface TenantScopedFields {
  tenantId: string;
  /** ltree path of the owning tenant. */
  tenantPath: string;
}

export type AppAbility = MongoAbility<
  [AppAction, AppSubjectType | (TenantScopedFields & { __caslSubjectType__?: string })]
>;
export type AppRule = RawRuleOf<AppAbility>;

/** `{ tenantPath: { $under: 'a.b' } }`: the path is `a.b` or below it (ltree `<@`). */
const $under: FieldInstruction<string> = {
  type: 'field',
  validate(instruction, value) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(value)) {
      throw new Error(`"${instruction.name}" expects an ltree path`);
    }
  },
};

const under: JsInterpreter<FieldCondition<string>> = (condition, object, { get }) => {
  const path: unknown = get(object, condition.field);
  return typeof path === 'string' && (path === condition.value || path.startsWith(`${condition.value}.`));
};

const conditionsMatcher = buildMongoQueryMatcher({ $under }, { under });

export function createAppAbility(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules, {
    conditionsMatcher,
    detectSubjectType: (object: object) =>
      (object as { __caslSubjectType__?: string }).__caslSubjectType__ ??
      (object.constructor as { name: string }).name,
  } as never);
}

/** An ability that allows nothing: anonymous visitors and accounts without roles. */
export const NO_ABILITY = (): AppAbility => createAppAbility([]);

/** Tags a plain object as a subject for `ability.can`. */
export function asSubject<T extends object>(type: Exclude<AppSubjectType, 'all'>, fields: T): T {
  return caslSubject(type, { ...fields });
}

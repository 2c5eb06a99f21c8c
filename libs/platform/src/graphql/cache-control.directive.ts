import { Directive } from '@nestjs/graphql';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';

/**
 * Apollo's `@cacheControl` directive, declared for the code-first schema. Object types that the
 * public reads return carry it, so that a response made only of them is cacheable as a whole
 * (otherwise fields returning objects default to max-age 0 and nothing is shared).
 */
export const CacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: new GraphQLEnumType({ name: 'CacheControlScope', values: { PUBLIC: {}, PRIVATE: {} } }) },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** Marks an object type as part of public, shareable answers: its fields inherit the parent's max-age. */
export const PublicCacheable = () => Directive('@cacheControl(inheritMaxAge: true)');

/** Apollo's cache-hint API, present on a resolver's `info` when the cache control plugin runs. */
export type CacheableInfo = {
  cacheControl?: { setCacheHint(hint: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' }): void };
};

/** Marks a root field's answer as shareable by caches for `maxAge` seconds (edits invalidate it). */
export function publicFor(info: CacheableInfo, maxAge = 60): void {
  info.cacheControl?.setCacheHint({ maxAge, scope: 'PUBLIC' });
}

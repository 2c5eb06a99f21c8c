import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';

/** GraphQL arguments (`GqlParamtype.ARGS`) and a route's body, query and path parameters. */
const CHECKED: ReadonlySet<unknown> = new Set([3, 'body', 'query', 'param']);

// eslint-disable-next-line no-control-regex -- matching U+0000 is the point
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- as above
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text as PostgreSQL can keep it: without U+0000, unpaired surrogates as U+FFFD. */
export function storableText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** Makes every string (and key) inside arrays and objects storable, in place, without recursion. */
function makeStorable(root: object): void {
  const stack: object[] = [root];
  const seen = new WeakSet<object>();
  while (stack.length) {
    const container = stack.pop()! as Record<string, unknown>;
    if (seen.has(container)) continue;
    seen.add(container);
    for (const key of Object.keys(container)) {
      const value = container[key];
      const fixed = typeof value === 'string' ? storableText(value) : value;
      const fixedKey = storableText(key);
      if (fixedKey !== key) {
        delete container[key];
        container[fixedKey] = fixed;
      } else if (fixed !== value) container[key] = fixed;
      if (fixed !== null && typeof fixed === 'object') stack.push(fixed);
    }
  }
}

/**
 * PostgreSQL text cannot hold U+0000 and jsonb no unpaired surrogate, so either one in an argument
 * (a search term, a filter, a slug, a title, a username the audit log records) reached SQL as a
 * database error and answered 500. Every GraphQL argument and route parameter is made storable
 * here, once, as text columns already store it: NUL (a control character, never meaningful in
 * text; citizens' writes drop control characters anyway) removed, a lone surrogate as U+FFFD.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED.has(metadata.type as unknown)) return value;
    if (typeof value === 'string') return storableText(value);
    if (value !== null && typeof value === 'object') makeStorable(value);
    return value;
  }
}

import { HOSTS } from '../support/fixtures';
import type { GqlResponse } from '../support/test-app';

/**
 * The victim and its attackers, named once for every file of the security suite. The victim is the
 * district portal of Rạch Giá (with two wards below it) in the Kiên Giang tree; the attackers are
 * anonymous callers, an officer of the sibling district Châu Thành holding every role there with
 * SUBTREE scope, an officer of another province (Hồ Chí Minh City), and the victim portal's own
 * officer using its token through another portal's host. Every private thing of the victim carries
 * the marker `rgsecret` (titles, texts, emails, usernames, unit names), so a leak anywhere in an
 * answer is caught by one string search.
 */

export const { KG, RG, RG_WARD, RG_WARD2, CT, CT_TOWN } = HOSTS;
export const HCM = HOSTS.CITY;

/** Every private string of the victim contains it; an answer to an attacker never may. */
export const MARK = 'rgsecret';
export const DAY = 24 * 3600 * 1000;
export const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
/** The victim's unpublished video: an MP4 (`ftyp` isom) carrying the marker. */
export const VICTIM_VIDEO = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom\0\0\x02\0isommp41', 'latin1'),
  Buffer.from(`${MARK} video bytes `.repeat(40)),
]);

export type Who = 'anonymous' | 'sibling' | 'foreignTree' | 'victimOfficer';

export interface AttackContext {
  label: string;
  who: Who;
  host: string;
}

/** Who attacks from where: outsiders, other portals' officers, and a token of portal A on portal B's host. */
export const CONTEXTS: AttackContext[] = [
  { label: 'anonymous, on its own portal (Châu Thành)', who: 'anonymous', host: CT },
  { label: 'anonymous, on the victim portal', who: 'anonymous', host: RG },
  { label: 'sibling officer (every role on Châu Thành, SUBTREE), on its own host', who: 'sibling', host: CT },
  { label: 'sibling officer, on the victim portal’s host', who: 'sibling', host: RG },
  {
    label: 'officer of another province (HCM city, SUBTREE), on its own host',
    who: 'foreignTree',
    host: HCM,
  },
  { label: 'the victim portal’s own officer, through the sibling’s host', who: 'victimOfficer', host: CT },
];

/**
 * Refusal codes: a typed "no" that says nothing about the object (GraphQL error codes and InputError
 * codes alike). A validation or state error (INVALID_TRANSITION, …) for a foreign object would tell
 * its state, so it does not count as a refusal.
 */
export const REFUSAL = /^(UNAUTHENTICATED|FORBIDDEN|NOT_FOUND|NOT_ALLOWED|[A-Z_]+_NOT_FOUND|NOT_AN?_[A-Z_]+)$/;

/** Ids of the victim's objects (and of the sibling's own, for the foreign-target cases), filled in by the world's set-up. */
export const v: Record<string, string> = {};

/** Why an answer is not a clean refusal (null when it is one). */
export function notRefused(res: GqlResponse, options: { emptyRequired: boolean }): string | null {
  if (res.status >= 500 || res.status === 0) return `HTTP ${res.status}`;
  if (res.text.toLowerCase().includes(MARK)) return `leaks a private marker: ${res.text.slice(0, 400)}`;
  for (const e of res.body.errors ?? []) {
    const code = String(e.extensions?.code ?? '');
    if (!REFUSAL.test(code)) return `error ${code}: ${e.message}`;
  }
  if (!options.emptyRequired) return null;
  for (const [field, value] of Object.entries(res.body.data ?? {})) {
    const problem = nonEmpty(value);
    if (problem) return `${field} answered ${problem}: ${JSON.stringify(value).slice(0, 400)}`;
  }
  return null;
}

/** An InputError about one of the given argument paths (`plan.categoryMapping.0.sourceCategoryId` → `input.plan…`). */
export function namesForeignArgument(value: unknown, paths: string[]): boolean {
  const e = value as { __typename?: string; field?: string | null } | null;
  if (e?.__typename !== 'InputError' || !e.field) return false;
  const field = e.field.replace(/\.\d+(?=\.|$)/g, '');
  return paths.some((p) => p === field || p.endsWith(`.${field}`));
}

/** A field value that gives nothing: null, [], a connection without nodes, a refusal InputError. */
export function nonEmpty(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : `${value.length} rows`;
  if (typeof value !== 'object') return `the value ${JSON.stringify(value)}`;
  const obj = value as Record<string, unknown>;
  if (obj.__typename === 'InputError')
    return REFUSAL.test(String(obj.errorCode)) ? null : `InputError ${String(obj.errorCode)}`;
  if (Array.isArray(obj.nodes)) return obj.nodes.length === 0 ? null : `${obj.nodes.length} nodes`;
  return `a ${String(obj.__typename ?? 'value')}`;
}

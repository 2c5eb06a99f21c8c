import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { describeSchemaError, escapePointer, isRecord, yamlOffset } from '@portal/platform';
import { ROYALTY_PROFILE_SCHEMA } from './royalty-profile.schema';
import { ResolvedRoyaltyProfile, RoyaltyProfile, UnitBasis } from './royalty-profile.types';

/** A problem in one profile text, at its 1-based line and column; `path` is a JSON pointer. */
export interface RoyaltyProfileIssue {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type RoyaltyProfileParse =
  { ok: true; profile: RoyaltyProfile } | { ok: false; issues: RoyaltyProfileIssue[] };

export interface RoyaltyProfileDirectory {
  profiles: Map<string, RoyaltyProfile>;
  issues: Array<RoyaltyProfileIssue & { file: string }>;
}

const validate = new Ajv({ allErrors: true, verbose: true }).compile<RoyaltyProfile>(ROYALTY_PROFILE_SCHEMA);

const TEXT_FIELDS = new Set(['nameVi', 'nameEn', 'document', 'article', 'unverified']);

interface Finding {
  pointer: string;
  at: 'key' | 'value';
  message: string;
  subject?: string;
}

/**
 * Parses and validates one royalty profile (YAML). Every issue names its 1-based line and column;
 * strings come back in NFC, free-text fields trimmed.
 */
export function parseRoyaltyProfile(text: string): RoyaltyProfileParse {
  return parseLocated(text).result;
}

/**
 * Loads every `*.yaml` file of `dir` in file-name order. Beyond each file's own issues it reports a
 * key used twice and an `extends` naming no loaded profile (or a cycle); such profiles are left out.
 */
export function loadRoyaltyProfiles(dir: string): RoyaltyProfileDirectory {
  const issues: RoyaltyProfileDirectory['issues'] = [];
  const loaded = new Map<string, { profile: RoyaltyProfile; file: string; locate: Locate }>();
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => e.name)
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    const { result, locate } = parseLocated(readFileSync(file, 'utf8'));
    if (!result.ok) {
      issues.push(...result.issues.map((i) => ({ ...i, file })));
      continue;
    }
    const first = loaded.get(result.profile.key);
    if (first) {
      issues.push({
        file,
        ...locate('/key'),
        path: '/key',
        message: `/key: key "${result.profile.key}" is already used by ${first.file}; this file is ignored`,
      });
      continue;
    }
    loaded.set(result.profile.key, { profile: result.profile, file, locate });
  }
  const profiles = new Map<string, RoyaltyProfile>();
  for (const [key, entry] of loaded) {
    const seen = new Set<string>([key]);
    let parent = entry.profile.extends;
    let problem: string | null = null;
    while (parent !== undefined) {
      if (seen.has(parent)) {
        problem = `extends cycle through "${parent}"`;
        break;
      }
      const next = loaded.get(parent);
      if (!next) {
        problem = `extends "${parent}", which is not a loaded profile`;
        break;
      }
      seen.add(parent);
      parent = next.profile.extends;
    }
    if (problem)
      issues.push({
        file: entry.file,
        ...entry.locate('/extends'),
        path: '/extends',
        message: `/extends: ${problem}`,
      });
    else profiles.set(key, entry.profile);
  }
  issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { profiles, issues };
}

/** Profile `key` with its `extends` chain applied; throws when the chain does not resolve or has no unit value. */
export function resolveRoyaltyProfile(
  profiles: Map<string, RoyaltyProfile>,
  key: string,
): ResolvedRoyaltyProfile {
  const chain: RoyaltyProfile[] = [];
  for (let next: string | undefined = key; next !== undefined;) {
    const p = profiles.get(next);
    if (!p) throw new Error(`Unknown royalty profile "${next}" (resolving "${key}")`);
    if (chain.includes(p)) throw new Error(`Royalty profile "${key}" has an extends cycle`);
    chain.push(p);
    next = p.extends;
  }
  const sources: Record<string, string> = {};
  const pick = <K extends keyof RoyaltyProfile>(field: K): RoyaltyProfile[K] | undefined => {
    const from = chain.find((p) => p[field] !== undefined);
    if (from) sources[field] = from.key;
    return from?.[field];
  };
  const unitValue = pick('unitValue');
  if (!unitValue) throw new Error(`Royalty profile "${key}" has no unit value in its chain`);
  return {
    key,
    nameVi: chain[0].nameVi,
    document: chain[0].document,
    unverified: chain.find((p) => p.unverified)?.unverified ?? null,
    sources,
    unitValue,
    eligibleKinds: pick('eligibleKinds') ?? [],
    genres: pick('genres') ?? [],
    photo: pick('photo') ?? null,
    lowerLevelShare: pick('lowerLevelShare') ?? null,
    repostFactor: pick('repostFactor') ?? null,
    remuneration: pick('remuneration') ?? [],
  };
}

type Locate = (pointer: string, at?: 'key' | 'value') => { line: number; column: number };

function parseLocated(text: string): { result: RoyaltyProfileParse; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locate = (pointer, at = 'value') => position(yamlOffset(doc, pointer, at));
  const fail = (issues: RoyaltyProfileIssue[]) => ({
    result: {
      ok: false as const,
      issues: issues.sort((a, b) => a.line - b.line || a.column - b.column),
    },
    locate,
  });
  if (doc.errors.length > 0)
    return fail(doc.errors.map((e) => ({ ...position(e.pos[0]), path: '', message: e.message })));
  let data: unknown;
  try {
    data = normalise(doc.toJS());
  } catch (error) {
    return fail([
      { ...position(0), path: '', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const findings = validate(data) ? [] : (validate.errors ?? []).map(schemaFinding);
  findings.push(...semanticFindings(data));
  if (findings.length === 0) return { result: { ok: true, profile: data as RoyaltyProfile }, locate };
  return fail(
    findings.map((f) => {
      const path = f.pointer || '/';
      return {
        ...position(yamlOffset(doc, f.pointer, f.at)),
        path,
        message: `${f.subject ?? path}: ${f.message}`,
      };
    }),
  );
}

function normalise(value: unknown, field?: string): unknown {
  if (typeof value === 'string') {
    const nfc = value.normalize('NFC');
    return field !== undefined && TEXT_FIELDS.has(field) ? nfc.trim() : nfc;
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, k)]));
  return value;
}

function schemaFinding(error: ErrorObject): Finding {
  const { instancePath: pointer, params } = error;
  if (error.keyword === 'additionalProperties') {
    const field = String(params.additionalProperty);
    return {
      pointer: `${pointer}/${escapePointer(field)}`,
      at: 'key',
      message: `unknown field "${field}"`,
      subject: pointer || '/',
    };
  }
  if (error.keyword === 'required')
    return { pointer, at: 'value', message: `missing required field "${String(params.missingProperty)}"` };
  return { pointer, at: 'value', message: describeSchemaError(error) };
}

/** More than two decimals cannot be held in hundredths without rounding a rule. */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

function semanticFindings(data: unknown): Finding[] {
  const out: Finding[] = [];
  if (!isRecord(data)) return out;
  const decimals = (pointer: string, value: unknown) => {
    if (typeof value === 'number' && !hasAtMostTwoDecimals(value))
      out.push({ pointer, at: 'value', message: 'must have at most two decimals' });
  };
  const range = (pointer: string, r: unknown) => {
    if (!isRecord(r)) return;
    decimals(`${pointer}/min`, r.min);
    decimals(`${pointer}/max`, r.max);
    if (typeof r.min === 'number' && typeof r.max === 'number' && r.min > r.max)
      out.push({ pointer: `${pointer}/max`, at: 'value', message: `must be at least min (${r.min})` });
  };
  const genres = Array.isArray(data.genres) ? data.genres : [];
  const firstGenre = new Map<string, number>();
  genres.forEach((g: unknown, i) => {
    range(`/genres/${i}`, g);
    if (!isRecord(g) || typeof g.key !== 'string') return;
    const first = firstGenre.get(g.key);
    if (first === undefined) firstGenre.set(g.key, i);
    else
      out.push({
        pointer: `/genres/${i}/key`,
        at: 'value',
        message: `genre ${g.key} already defined at /genres/${first}`,
      });
  });
  range('/photo', data.photo);
  for (const field of ['lowerLevelShare', 'repostFactor'])
    if (isRecord(data[field]))
      decimals(`/${field}/percent`, (data[field] as Record<string, unknown>).percent);
  const unit = data.unitValue;
  if (isRecord(unit)) {
    decimals('/unitValue/percent', unit.percent);
    if (unit.basis === UnitBasis.BASE_SALARY_SHARE && unit.percent === undefined)
      out.push({
        pointer: '/unitValue/basis',
        at: 'value',
        message: 'missing required field "percent" (basis BASE_SALARY_SHARE needs it)',
      });
    if (unit.basis === UnitBasis.FIXED && unit.percent !== undefined)
      out.push({
        pointer: '/unitValue/percent',
        at: 'key',
        message: 'left out: "percent" is only allowed when basis is BASE_SALARY_SHARE',
      });
    const values = Array.isArray(unit.values) ? unit.values : [];
    values.forEach((v: unknown, i) => {
      const prev: unknown = values[i - 1];
      if (
        i > 0 &&
        isRecord(v) &&
        isRecord(prev) &&
        typeof v.from === 'string' &&
        typeof prev.from === 'string' &&
        v.from <= prev.from
      )
        out.push({
          pointer: `/unitValue/values/${i}/from`,
          at: 'value',
          message: `must be after ${prev.from} (values are listed oldest first)`,
        });
    });
  }
  const roles = new Map<string, number>();
  (Array.isArray(data.remuneration) ? data.remuneration : []).forEach((r: unknown, i) => {
    if (!isRecord(r)) return;
    decimals(`/remuneration/${i}/coefficient`, r.coefficient);
    if (typeof r.role !== 'string') return;
    const first = roles.get(r.role);
    if (first === undefined) roles.set(r.role, i);
    else
      out.push({
        pointer: `/remuneration/${i}/role`,
        at: 'value',
        message: `role ${r.role} already has a line at /remuneration/${first}`,
      });
  });
  if (typeof data.key === 'string' && data.extends === data.key)
    out.push({ pointer: '/extends', at: 'value', message: 'a profile cannot extend itself' });
  return out;
}

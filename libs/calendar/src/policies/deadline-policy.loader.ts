import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { describeSchemaError, escapePointer, isRecord, yamlOffset } from '@portal/platform';
import { DEADLINE_POLICY_SCHEMA } from './deadline-policy.schema';
import {
  InformationKind,
  type DeadlinePolicyProfile,
  type DeadlineRule,
  type FreshnessRule,
  type ReportRule,
  type WorkflowChoice,
} from './deadline-policy.types';

/** A problem in one profile text, at its 1-based line and column; `path` is a JSON pointer. */
export interface PolicyIssue {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type PolicyParseResult =
  { ok: true; profile: DeadlinePolicyProfile } | { ok: false; issues: PolicyIssue[] };

/** A problem found while loading a directory of profiles; `file` is the path of the file it is in. */
export interface PolicyDirectoryIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface PolicyDirectory {
  /** Profiles by key: only those that loaded without issues and whose `extends` chain resolves. */
  profiles: Map<string, DeadlinePolicyProfile>;
  issues: PolicyDirectoryIssue[];
}

/** A rule in force for a profile, with the profile (and legal document) it was taken from. */
export interface ResolvedReportRule {
  rule: ReportRule;
  profileKey: string;
  /** The rule's own document, or the profile's. */
  document: string;
}

/**
 * The report rules in force for profile `key`: its own, then those of the profiles it extends that
 * it does not override (by key); a `disabled` rule switches its key off. The chain must resolve
 * (see `resolveRules`).
 */
export function resolveReportRules(
  profiles: Map<string, DeadlinePolicyProfile>,
  key: string,
): ResolvedReportRule[] {
  const seen = new Set<string>();
  const out: ResolvedReportRule[] = [];
  const visited = new Set<string>();
  for (let next: string | undefined = key; next !== undefined && !visited.has(next);) {
    visited.add(next);
    const profile = profiles.get(next);
    if (!profile) break;
    for (const rule of profile.reportRules ?? []) {
      if (seen.has(rule.key)) continue;
      seen.add(rule.key);
      if (!rule.disabled)
        out.push({ rule, profileKey: profile.key, document: rule.document ?? profile.document });
    }
    next = profile.extends;
  }
  return out;
}

/** A freshness rule in force for a profile, with the profile (and legal document) it was taken from. */
export interface ResolvedFreshnessRule {
  rule: FreshnessRule;
  profileKey: string;
  document: string;
}

/** The freshness rules in force for profile `key`, inherited by key like the report rules. */
export function resolveFreshnessRules(
  profiles: Map<string, DeadlinePolicyProfile>,
  key: string,
): ResolvedFreshnessRule[] {
  const seen = new Set<string>();
  const out: ResolvedFreshnessRule[] = [];
  const visited = new Set<string>();
  for (let next: string | undefined = key; next !== undefined && !visited.has(next);) {
    visited.add(next);
    const profile = profiles.get(next);
    if (!profile) break;
    for (const rule of profile.freshnessRules ?? []) {
      if (seen.has(rule.key)) continue;
      seen.add(rule.key);
      if (!rule.disabled)
        out.push({ rule, profileKey: profile.key, document: rule.document ?? profile.document });
    }
    next = profile.extends;
  }
  return out;
}

/** A workflow choice in force for a profile, with the profile (and document) it was taken from. */
export interface ResolvedWorkflowChoice {
  choice: WorkflowChoice;
  profileKey: string;
  document: string;
}

/** The workflow choices in force for a profile (null: the platform's default workflow). */
export interface ResolvedWorkflow {
  boardMembersApproveInFields: ResolvedWorkflowChoice | null;
  unitPreVetting: ResolvedWorkflowChoice | null;
  boardEditsSiteStructure: ResolvedWorkflowChoice | null;
}

/** The workflow choices in force for profile `key`: each from the nearest profile of its chain stating it. */
export function resolveWorkflow(profiles: Map<string, DeadlinePolicyProfile>, key: string): ResolvedWorkflow {
  const out: ResolvedWorkflow = {
    boardMembersApproveInFields: null,
    unitPreVetting: null,
    boardEditsSiteStructure: null,
  };
  const visited = new Set<string>();
  for (let next: string | undefined = key; next !== undefined && !visited.has(next);) {
    visited.add(next);
    const profile = profiles.get(next);
    if (!profile) break;
    for (const name of [
      'boardMembersApproveInFields',
      'unitPreVetting',
      'boardEditsSiteStructure',
    ] as const) {
      const choice = profile.workflow?.[name];
      if (choice && !out[name])
        out[name] = { choice, profileKey: profile.key, document: choice.document ?? profile.document };
    }
    next = profile.extends;
  }
  return out;
}

export interface ResolvedDeadlineRule {
  rule: DeadlineRule;
  profileKey: string;
  document: string;
}

// Compiled once: profiles are read at start-up, by the CLI and in CI.
const validateProfile = new Ajv({ allErrors: true, verbose: true }).compile<DeadlinePolicyProfile>(
  DEADLINE_POLICY_SCHEMA,
);

/** Free-text fields a clerk reads; other strings are codes and keys, which must not be silently fixed. */
const TEXT_FIELDS = new Set(['nameVi', 'nameEn', 'document', 'article', 'quote', 'titleVi', 'titleEn']);

/** A problem before it is given a line: where it is (JSON pointer) and whether to point at the key. */
interface Finding {
  pointer: string;
  at: 'key' | 'value';
  message: string;
  /** The pointer the message names when it is not `pointer` (an unknown key names its object). */
  subject?: string;
}

/** A parsed file that can still tell where each of its nodes is. */
interface LocatedParse {
  result: PolicyParseResult;
  locate: (pointer: string, at?: 'key' | 'value') => { line: number; column: number };
}

/**
 * Parses and validates one deadline policy profile (YAML). Every issue carries the 1-based line and
 * column it is about; all strings come back in NFC, free-text fields also trimmed.
 */
export function parsePolicyProfile(text: string): PolicyParseResult {
  return parseLocated(text).result;
}

/**
 * Loads every `*.yaml` file in `dir` (not recursive), in file-name order. Beyond each file's own
 * issues it reports a key already used by an earlier file, an `extends` naming no loaded profile,
 * and `extends` cycles. I/O errors (missing directory, unreadable file) are thrown.
 */
export function loadPolicyDirectory(dir: string): PolicyDirectory {
  const issues: PolicyDirectoryIssue[] = [];
  const loaded = new Map<string, { profile: DeadlinePolicyProfile; file: string; parse: LocatedParse }>();
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort();

  for (const name of files) {
    const file = join(dir, name);
    const parse = parseLocated(readFileSync(file, 'utf8'));
    if (!parse.result.ok) {
      issues.push(
        ...parse.result.issues.map(({ line, column, message }) => ({ file, line, column, message })),
      );
      continue;
    }
    const { profile } = parse.result;
    const first = loaded.get(profile.key);
    if (first) {
      issues.push({
        file,
        ...parse.locate('/key'),
        message: `/key: key "${profile.key}" is already used by ${first.file}; this file is ignored`,
      });
      continue;
    }
    loaded.set(profile.key, { profile, file, parse });
  }

  // Walk each chain once; a profile is usable only if every profile it extends is.
  const usable = new Map<string, boolean>();
  const issueAtExtends = (key: string, message: string): void => {
    const entry = loaded.get(key)!;
    issues.push({ file: entry.file, ...entry.parse.locate('/extends'), message: `/extends: ${message}` });
  };
  for (const start of loaded.keys()) {
    const chain: string[] = [];
    let key: string | undefined = start;
    let verdict = true;
    while (key !== undefined && !usable.has(key)) {
      const cycleStart = chain.indexOf(key);
      if (cycleStart >= 0) {
        const cycle = chain.slice(cycleStart);
        const shown = [...cycle, key].map((k) => `"${k}"`).join(' → ');
        for (const member of cycle) {
          issueAtExtends(member, `extends cycle ${shown}`);
          usable.set(member, false);
        }
        verdict = false;
        break;
      }
      chain.push(key);
      const parent: string | undefined = loaded.get(key)!.profile.extends;
      if (parent !== undefined && !loaded.has(parent)) {
        issueAtExtends(key, `extends "${parent}", which is not a loaded profile`);
        usable.set(key, false);
        verdict = false;
        break;
      }
      key = parent;
    }
    if (key !== undefined && usable.get(key) === false) verdict = false;
    // Profiles that lead into a broken chain without being its cause get one issue each.
    for (let i = chain.length - 1; i >= 0; i--) {
      const member = chain[i];
      if (usable.has(member)) continue;
      if (!verdict) {
        const parent = loaded.get(member)!.profile.extends!;
        issueAtExtends(member, `extends "${parent}", whose own extends chain does not resolve`);
      }
      usable.set(member, verdict);
    }
  }

  const profiles = new Map<string, DeadlinePolicyProfile>();
  for (const [key, { profile }] of loaded) if (usable.get(key)) profiles.set(key, profile);
  return { profiles, issues: issues.sort(byFileAndPosition) };
}

/**
 * The rules in force for profile `key`: its own rules, then for each kind it does not cover those
 * of the profile it extends (recursively). Entries follow the order of `InformationKind`. Throws an
 * Error naming the key if it, or a profile in its chain, is unknown, or if the chain has a cycle.
 */
export function resolveRules(
  profiles: Map<string, DeadlinePolicyProfile>,
  key: string,
): Map<InformationKind, ResolvedDeadlineRule> {
  const chain: DeadlinePolicyProfile[] = [];
  for (let next: string | undefined = key; next !== undefined;) {
    const profile = profiles.get(next);
    if (!profile) {
      throw new Error(
        next === key
          ? `Unknown deadline policy profile "${key}"`
          : `Deadline policy profile "${key}" extends unknown profile "${next}"`,
      );
    }
    if (chain.includes(profile)) {
      throw new Error(`Deadline policy profile "${key}" has an extends cycle through "${next}"`);
    }
    chain.push(profile);
    next = profile.extends;
  }

  const byKind = new Map<InformationKind, ResolvedDeadlineRule>();
  for (const profile of chain) {
    for (const rule of profile.rules) {
      if (!byKind.has(rule.kind)) {
        byKind.set(rule.kind, { rule, profileKey: profile.key, document: profile.document });
      }
    }
  }
  const resolved = new Map<InformationKind, ResolvedDeadlineRule>();
  for (const kind of Object.values(InformationKind)) {
    const entry = byKind.get(kind);
    if (entry) resolved.set(kind, entry);
  }
  return resolved;
}

function parseLocated(text: string): LocatedParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (pointer: string, at: 'key' | 'value' = 'value') => position(yamlOffset(doc, pointer, at));
  const fail = (issues: PolicyIssue[]): LocatedParse => ({
    result: { ok: false, issues: issues.sort((a, b) => a.line - b.line || a.column - b.column) },
    locate,
  });

  // A broken YAML tree gives no reliable data to validate: report only the syntax errors.
  if (doc.errors.length > 0) {
    return fail(doc.errors.map((error) => ({ ...position(error.pos[0]), path: '', message: error.message })));
  }

  let data: unknown;
  try {
    data = normalise(doc.toJS());
  } catch (error) {
    // e.g. too many alias expansions ("billion laughs"): refuse the whole file.
    const message = error instanceof Error ? error.message : String(error);
    return fail([{ ...position(0), path: '', message }]);
  }

  const findings = validateProfile(data)
    ? []
    : (validateProfile.errors ?? []).filter(isReportable).map(schemaFinding);
  findings.push(...semanticFindings(data));
  if (findings.length === 0) return { result: { ok: true, profile: data as DeadlinePolicyProfile }, locate };

  return fail(
    findings.map((finding) => {
      const path = finding.pointer || '/';
      return {
        ...position(yamlOffset(doc, finding.pointer, finding.at)),
        path,
        message: `${finding.subject ?? path}: ${finding.message}`,
      };
    }),
  );
}

// Editors and input methods (macOS, some Vietnamese IMEs) may produce decomposed NFD text; it is
// compared, searched and shown, so every string is stored in NFC.
function normalise(value: unknown, field?: string): unknown {
  if (typeof value === 'string') {
    const nfc = value.normalize('NFC');
    return field !== undefined && TEXT_FIELDS.has(field) ? nfc.trim() : nfc;
  }
  if (Array.isArray(value)) return value.map((item) => normalise(item));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item, key)]));
  }
  return value;
}

// `if` only reports that its `then` failed, next to the error that says why.
function isReportable(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function schemaFinding(error: ErrorObject): Finding {
  const { instancePath: pointer, params, schemaPath } = error;
  switch (error.keyword) {
    case 'additionalProperties': {
      // Point at the misspelt key itself, not at the object holding it.
      const field = String(params.additionalProperty);
      return {
        pointer: `${pointer}/${escapePointer(field)}`,
        at: 'key',
        message: `unknown field "${field}"`,
        subject: pointer || '/',
      };
    }
    case 'required': {
      const field = String(params.missingProperty);
      // Required because of the rule's type: point at the type, which is what asks for the field.
      if (schemaPath.includes('/then/')) {
        const type = isRecord(error.data) ? String(error.data.type) : '';
        return {
          pointer: `${pointer}/type`,
          at: 'value',
          message: `missing required field "${field}" (type ${type} needs it)`,
          subject: pointer,
        };
      }
      return { pointer, at: 'value', message: `missing required field "${field}"` };
    }
    case 'not':
      // A field forbidden in this context: point at its key.
      return { pointer, at: 'key', message: describeSchemaError(error) };
    default:
      return { pointer, at: 'value', message: describeSchemaError(error) };
  }
}

/** Checks the schema cannot express. Tolerates data that failed the schema, so all issues come at once. */
function semanticFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  if (!isRecord(data) || !Array.isArray(data.rules)) return findings;

  // One rule per kind: a second one would leave which deadline applies to chance.
  const firstIndexByKind = new Map<string, number>();
  data.rules.forEach((rule: unknown, index) => {
    if (!isRecord(rule) || typeof rule.kind !== 'string') return;
    const first = firstIndexByKind.get(rule.kind);
    if (first === undefined) firstIndexByKind.set(rule.kind, index);
    else {
      findings.push({
        pointer: `/rules/${index}/kind`,
        at: 'value',
        message: `kind ${rule.kind} already has a rule at /rules/${first}`,
      });
    }
  });

  // One report rule per key in a file: a second would silently hide the first.
  const firstIndexByKey = new Map<string, number>();
  (Array.isArray(data.reportRules) ? data.reportRules : []).forEach((rule: unknown, index) => {
    if (!isRecord(rule) || typeof rule.key !== 'string') return;
    const first = firstIndexByKey.get(rule.key);
    if (first === undefined) firstIndexByKey.set(rule.key, index);
    else
      findings.push({
        pointer: `/reportRules/${index}/key`,
        at: 'value',
        message: `report rule ${rule.key} already defined at /reportRules/${first}`,
      });
  });

  if (typeof data.key === 'string' && data.extends === data.key) {
    findings.push({ pointer: '/extends', at: 'value', message: 'a profile cannot extend itself' });
  }
  return findings;
}

function byFileAndPosition(a: PolicyDirectoryIssue, b: PolicyDirectoryIssue): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

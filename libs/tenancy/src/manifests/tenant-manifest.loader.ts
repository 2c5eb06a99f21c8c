import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { describeSchemaError, escapePointer, isRecord, yamlOffset } from '@portal/platform';
import { TENANT_MANIFEST_SCHEMA } from './tenant-manifest.schema';
import type { ManifestIssue, ManifestParseResult, TenantManifest } from './tenant-manifest.types';
import { TENANT_KINDS, TenantKind, isKindAllowedUnder } from '../tenants/tenant-kind';

// Compiled once: manifests are validated at every provisioning run and in CI.
const validateManifest = new Ajv({ allErrors: true, verbose: true }).compile<TenantManifest>(
  TENANT_MANIFEST_SCHEMA,
);

/** A problem before it is given a line: where it is (JSON pointer) and whether to point at the key. */
interface Finding {
  pointer: string;
  at: 'key' | 'value';
  message: string;
  /** The pointer the message names when it is not `pointer` (an unknown key names its object). */
  subject?: string;
}

/** Reads a manifest (UTF-8) from disk. I/O errors (missing file, ...) are thrown, not reported as issues. */
export function loadTenantManifestFile(path: string): ManifestParseResult {
  return parseTenantManifest(readFileSync(path, 'utf8'));
}

/** Parses and validates a tenant tree manifest; every issue carries the 1-based line and column it is about. */
export function parseTenantManifest(text: string): ManifestParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const issueAt = (offset: number, path: string, message: string): ManifestIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, path, message };
  };

  // A broken YAML tree gives no reliable data to validate: report only the syntax errors.
  if (doc.errors.length > 0) {
    return fail(doc.errors.map((error) => issueAt(error.pos[0], '', error.message)));
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. too many alias expansions ("billion laughs"): refuse the whole file.
    return fail([issueAt(0, '', error instanceof Error ? error.message : String(error))]);
  }
  if (isRecord(data)) normaliseNames(data.root);

  const findings = validateManifest(data) ? [] : (validateManifest.errors ?? []).map(schemaFinding);
  findings.push(...semanticFindings(data));
  if (findings.length === 0) return { ok: true, manifest: data as TenantManifest };

  return fail(
    findings.map((finding) => {
      const path = finding.pointer || '/';
      return issueAt(
        yamlOffset(doc, finding.pointer, finding.at),
        path,
        `${finding.subject ?? path}: ${finding.message}`,
      );
    }),
  );
}

function fail(issues: ManifestIssue[]): ManifestParseResult {
  return { ok: false, issues: issues.sort((a, b) => a.line - b.line || a.column - b.column) };
}

// Editors and input methods (macOS, some Vietnamese IMEs) may produce decomposed NFD text; names
// are compared, searched and turned into labels, so they are stored in NFC only.
function normaliseNames(node: unknown): void {
  if (!isRecord(node)) return;
  for (const field of ['nameVi', 'nameEn', 'template']) {
    const value = node[field];
    if (typeof value === 'string') node[field] = value.normalize('NFC').trim();
  }
  if (Array.isArray(node.children)) node.children.forEach(normaliseNames);
}

function schemaFinding(error: ErrorObject): Finding {
  const { instancePath: pointer, params } = error;
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
    case 'required':
      return { pointer, at: 'value', message: `missing required field "${params.missingProperty}"` };
    case 'uniqueItems': {
      // Ajv names both copies (i, j); the later one is the repetition.
      const index = Math.max(params.i, params.j);
      const item = Array.isArray(error.data) ? error.data[index] : undefined;
      return {
        pointer: `${pointer}/${index}`,
        at: 'value',
        message: `${JSON.stringify(item)} is listed twice`,
      };
    }
    default:
      return { pointer, at: 'value', message: describeSchemaError(error) };
  }
}

/** Checks the schema cannot express. Tolerates data that failed the schema, so all issues come at once. */
function semanticFindings(data: unknown): Finding[] {
  const findings: Finding[] = [];
  if (!isRecord(data) || !isRecord(data.root)) return findings;

  // The root's host is the anchor every other host is derived from.
  if (data.root.host === undefined && data.root.label === undefined) {
    findings.push({ pointer: '/root', at: 'value', message: 'the root needs a "host" or a "label"' });
  }

  const kindOf = (node: Record<string, unknown>): TenantKind | null =>
    TENANT_KINDS.includes(node.kind as TenantKind) ? (node.kind as TenantKind) : null;
  const visit = (
    node: Record<string, unknown>,
    pointer: string,
    isRoot: boolean,
    parentKind: TenantKind | null = null,
  ): void => {
    const kind = kindOf(node);
    // The whole tree is in the file, so which kind may sit where is checked here, with its line.
    if (kind && (isRoot || parentKind) && !isKindAllowedUnder(kind, parentKind)) {
      findings.push({
        pointer: `${pointer}/kind`,
        at: 'value',
        message: parentKind
          ? `a ${kind} cannot sit under a ${parentKind}`
          : `a ${kind} cannot be the root of a tree`,
      });
    }
    if (!isRoot && node.host !== undefined) {
      findings.push({
        pointer: `${pointer}/host`,
        at: 'key',
        message: '"host" is only allowed on the root; other tenants get theirs from their label and parent',
      });
    }
    if (!Array.isArray(node.children)) return;
    // Two siblings with one label would claim the same host.
    const firstIndexByLabel = new Map<string, number>();
    node.children.forEach((child: unknown, index) => {
      if (!isRecord(child)) return;
      const childPointer = `${pointer}/children/${index}`;
      if (typeof child.label === 'string') {
        const first = firstIndexByLabel.get(child.label);
        if (first === undefined) firstIndexByLabel.set(child.label, index);
        else {
          findings.push({
            pointer: `${childPointer}/label`,
            at: 'value',
            message: `label "${child.label}" is already used by sibling ${pointer}/children/${first}`,
          });
        }
      }
      visit(child, childPointer, false, kind);
    });
  };
  visit(data.root, '/root', true);
  return findings;
}

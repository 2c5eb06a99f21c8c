import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { isRecord, yamlOffset } from '@portal/platform';
import { MergePlan, MergePreview, RoleMappingAction, RoutedTenant } from '@portal/tenancy';
import { CliError } from '../cli-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dry run as YAML: counts and descriptions as comments, the proposed plan as data, so that
 * `portal tenants merge … > plan.yaml` gives a file to edit and pass back with `--plan`.
 */
export function renderMergePreview(preview: MergePreview, hostOf: (tenantId: string) => string): string {
  const lines: string[] = [
    `# Dry run: merge ${preview.sources.map((s) => s.primaryHost).join(', ')} into ${preview.target.primaryHost}. Nothing was written.`,
    '# Apply with --yes (the proposed plan), or edit this file and pass it with --plan <file> --yes.',
    '#',
    ...preview.counts.map(
      (c) =>
        `# ${c.participant}: ${
          Object.entries(c.counts)
            .map(([name, value]) => `${name} ${value}`)
            .join(', ') || '-'
        }`,
    ),
    'apiVersion: portal/v1',
    'kind: MergePlan',
    `sources: [${preview.sources.map((s) => s.primaryHost).join(', ')}]`,
    `target: ${preview.target.primaryHost}`,
    preview.plan.categoryMapping.length ? 'categoryMapping:' : 'categoryMapping: []',
  ];
  for (const e of preview.plan.categoryMapping) {
    lines.push(
      `  # ${hostOf(e.sourceTenantId)} ${e.slugPath} → ${e.targetSlugPath ?? '(copied into the target)'}`,
      `  - sourceCategoryId: ${e.sourceCategoryId}`,
      `    targetCategoryId: ${e.targetCategoryId ?? 'null'}`,
    );
  }
  lines.push(preview.plan.roleMapping.length ? 'roleMapping:' : 'roleMapping: []');
  for (const e of preview.plan.roleMapping) {
    const fields = e.fields.length ? ` [${e.fields.join(', ')}]` : '';
    const duplicate = e.duplicate ? ' (already held on the target: moving skips it)' : '';
    lines.push(
      `  # ${e.username} ${e.role} ${e.scope}${fields} on ${hostOf(e.sourceTenantId)}${duplicate}`,
      `  - assignmentId: ${e.assignmentId}`,
      `    action: ${e.action}   # MOVE or REVOKE`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Reads a plan file written by the dry run (and edited); problems name their line. */
export function readMergePlanFile(file: string, target: RoutedTenant): MergePlan {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problem = (pointer: string, message: string) => {
    const { line, col } = lineCounter.linePos(yamlOffset(doc, pointer, 'value'));
    return new CliError(`${file}:${line}:${col}: ${message}`);
  };
  if (doc.errors.length) {
    const { line, col } = lineCounter.linePos(doc.errors[0].pos[0]);
    throw new CliError(`${file}:${line}:${col}: ${doc.errors[0].message}`);
  }
  const data: unknown = doc.toJS();
  if (!isRecord(data) || data.kind !== 'MergePlan') throw problem('', 'not a MergePlan (kind: MergePlan)');
  if (data.target !== undefined && String(data.target).toLowerCase() !== target.primaryHost.toLowerCase())
    throw problem('/target', `the plan is for ${String(data.target)}, not ${target.primaryHost}`);
  const list = (key: string): unknown[] => {
    const value = data[key] ?? [];
    if (!Array.isArray(value)) throw problem(`/${key}`, `${key} must be a list`);
    return value;
  };
  const id = (value: unknown, pointer: string, nullable: boolean): string | null => {
    if (nullable && value === null) return null;
    if (typeof value !== 'string' || !UUID.test(value))
      throw problem(pointer, `expected an id${nullable ? ' or null' : ''}`);
    return value;
  };
  return {
    categoryMapping: list('categoryMapping').map((e, i) => {
      const at = `/categoryMapping/${i}`;
      if (!isRecord(e)) throw problem(at, 'expected sourceCategoryId and targetCategoryId');
      return {
        sourceCategoryId: id(e.sourceCategoryId, `${at}/sourceCategoryId`, false)!,
        targetCategoryId: id(e.targetCategoryId ?? null, `${at}/targetCategoryId`, true),
      };
    }),
    roleMapping: list('roleMapping').map((e, i) => {
      const at = `/roleMapping/${i}`;
      if (!isRecord(e)) throw problem(at, 'expected assignmentId and action');
      const action = String(e.action);
      if (action !== RoleMappingAction.MOVE && action !== RoleMappingAction.REVOKE)
        throw problem(`${at}/action`, 'action must be MOVE or REVOKE');
      return { assignmentId: id(e.assignmentId, `${at}/assignmentId`, false)!, action };
    }),
  };
}

// Validates Kubernetes built-in objects against the upstream OpenAPI schemas that the
// `kubernetes-models` package compiles into its model classes (`new Deployment(obj).validate()`).
//
//   node deploy/validate-builtin-kinds.mjs deploy/kubernetes/*.yaml   # files
//   kubectl kustomize deploy/kubernetes | node deploy/validate-builtin-kinds.mjs -   # stdin
//
// Prints one JSON array: for every YAML document { source, index, apiVersion, kind, name, status,
// errors }, status being "valid", "invalid" or "not-built-in" (no model class: custom resources,
// checked elsewhere). Exits 1 when a document is invalid or is not YAML.
//
// This is an ES module on purpose: kubernetes-models is ESM-only and Jest runs the specs as
// CommonJS, so deploy/deploy-manifests.spec.ts runs this file in a child process.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseAllDocuments } from 'yaml';

/** `apps/v1` → `kubernetes-models/apps/v1`, `v1` → `kubernetes-models/v1`. */
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return null;
  const specifier = `kubernetes-models/${apiVersion}`;
  let mod;
  try {
    mod = await import(specifier);
  } catch {
    return null;
  }
  const Model = mod[kind];
  return typeof Model === 'function' && Model.kind === kind && Model.apiVersion === apiVersion ? Model : null;
}

function sources(argv) {
  if (argv.length === 0 || (argv.length === 1 && argv[0] === '-'))
    return [{ source: '<stdin>', text: readFileSync(0, 'utf8') }];
  return argv.map((path) => ({ source: path, text: readFileSync(path, 'utf8') }));
}

const results = [];
let failed = false;
for (const { source, text } of sources(process.argv.slice(2))) {
  const docs = parseAllDocuments(text);
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length > 0) {
      failed = true;
      results.push({ source, index, status: 'invalid', errors: doc.errors.map((e) => e.message) });
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    const base = { source, index, apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name };
    const Model = await modelClass(obj.apiVersion, obj.kind);
    if (!Model) {
      results.push({ ...base, status: 'not-built-in', errors: [] });
      continue;
    }
    try {
      new Model(obj).validate();
      results.push({ ...base, status: 'valid', errors: [] });
    } catch (error) {
      failed = true;
      results.push({ ...base, status: 'invalid', errors: [String(error?.message ?? error)] });
    }
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;

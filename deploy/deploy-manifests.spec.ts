/**
 * The deployment descriptions in deploy/, checked offline (no cluster, no network):
 *
 * - every Kubernetes manifest against the Kubernetes OpenAPI schemas (kubernetes-models, in a child
 *   process: see deploy/validate-builtin-kinds.mjs), the CloudNativePG Cluster and Pooler against
 *   the CRD schema vendored from the CloudNativePG release (deploy/kubernetes/schemas, ajv);
 * - what the manifests must say for this app: probes, resources, RUN_JOBS, the HPA target, three
 *   database instances, the pool mode the app's LISTEN needs, the connection budget, every host of
 *   tenants/*.yaml covered by the Ingress rules and certificates, env references that resolve to
 *   settings the app reads, placeholders instead of secrets;
 * - the nginx example (structure, and `nginx -t` when an nginx binary is at hand) and the systemd
 *   units (structure, and `systemd-analyze verify` when available).
 */
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { loadAppConfig } from '../libs/platform/src/config/app-config';
import { loadTenantManifestFile } from '../libs/tenancy/src/manifests/tenant-manifest.loader';
import type { TenantManifestNode } from '../libs/tenancy/src/manifests/tenant-manifest.types';
import { resolveLabel } from '../libs/tenancy/src/provisioning/tenant-rules';
import {
  DEFAULT_MAX_ATTACHMENT_BYTES,
  MULTIPART_OVERHEAD_BYTES,
} from '../libs/content/src/attachments/upload-receiver';

type Obj = Record<string, any>;

const ROOT = join(__dirname, '..');
const K8S = join(ROOT, 'deploy', 'kubernetes');
const NGINX_CONF = join(ROOT, 'deploy', 'nginx', 'portal.conf');
const SYSTEMD = join(ROOT, 'deploy', 'systemd');
const NAMESPACE = 'portal';
const PLACEHOLDER = 'REPLACE-ME';
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Reading things

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** An executable on PATH (or at an absolute path), or null. */
function which(command: string | undefined): string | null {
  if (!command) return null;
  const candidates = command.includes('/')
    ? [command]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

interface Doc {
  file: string;
  obj: Obj;
}

const yamlFiles = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const docs: Doc[] = yamlFiles.flatMap((file) =>
  parseAllDocuments(read(join(K8S, file))).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const obj = doc.toJS() as Obj | null;
    return obj ? [{ file, obj }] : [];
  }),
);
const objects = docs.filter((d) => d.obj.kind !== 'Kustomization').map((d) => d.obj);
const kustomization = docs.find((d) => d.obj.kind === 'Kustomization')?.obj ?? {};

function all(kind: string): Obj[] {
  return objects.filter((o) => o.kind === kind);
}

function one(kind: string, name: string): Obj {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}

function podSpec(deployment: Obj): Obj {
  return deployment.spec.template.spec;
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Values of a Secret, from stringData or (base64) data. */
function secretValues(secret: Obj): Record<string, string> {
  const decoded = Object.fromEntries(
    Object.entries((secret.data ?? {}) as Record<string, string>).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString('utf8'),
    ]),
  );
  return { ...decoded, ...(secret.stringData ?? {}) };
}

/** `KEY=value` lines of an environment file (systemd EnvironmentFile=). */
function envFile(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read(path).split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`${path}: not KEY=value: ${line}`);
    out[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => join(dir, f));
}

/** Every environment variable the app's code reads (`env.NAME`, `env['NAME']`, `int('NAME', …)`). */
const appEnvNames: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
    /\b(?:int|bool)\(\s*'([A-Z][A-Z0-9_]*)'/g,
  ];
  for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
    const text = read(file);
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) names.add(m[1]);
  }
  return names;
})();
/** Read by Node itself, not by the app. */
const NODE_ENV_NAMES = new Set(['NODE_OPTIONS']);

/** Extensions the migrations create (literal statements, and the list the platform one loops over). */
function migrationExtensions(): Set<string> {
  const found = new Set<string>();
  const libs = join(ROOT, 'libs');
  for (const lib of readdirSync(libs)) {
    const dir = join(libs, lib, 'src', 'migrations');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = read(join(dir, file));
      for (const m of text.matchAll(/CREATE EXTENSION IF NOT EXISTS ([a-z_]+)/g)) found.add(m[1]);
      if (text.includes('CREATE EXTENSION IF NOT EXISTS ${')) {
        for (const list of text.matchAll(/for \(const \w+ of \[([^\]]*)\]/g))
          for (const name of list[1].matchAll(/'([a-z_]+)'/g)) found.add(name[1]);
      }
    }
  }
  return found;
}

/** Every host (primary and alias) the declarative trees in tenants/*.yaml give their portals. */
function tenantHosts(): { hosts: Set<string>; parents: Set<string>; roots: Set<string> } {
  const hosts = new Set<string>();
  const parents = new Set<string>();
  const roots = new Set<string>();
  const dir = join(ROOT, 'tenants');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const parsed = loadTenantManifestFile(join(dir, file));
    if (!parsed.ok) throw new Error(`tenants/${file}: ${JSON.stringify(parsed.issues)}`);
    const visit = (node: TenantManifestNode, parent: string | null): void => {
      let host: string;
      if (parent) {
        const resolved = resolveLabel(node.label, node.nameVi, node.kind);
        if ('error' in resolved) throw new Error(`tenants/${file}: ${resolved.error.message}`);
        host = `${resolved.label}.${parent}`;
      } else {
        host = node.host!.toLowerCase();
        roots.add(host);
      }
      hosts.add(host);
      for (const alias of node.aliases ?? []) hosts.add(alias.toLowerCase());
      if (parent && (node.children ?? []).length > 0) parents.add(host);
      for (const child of node.children ?? []) visit(child, host);
    };
    visit(parsed.manifest.root, null);
  }
  return { hosts, parents, roots };
}

/** Ingress host semantics: exact, or `*.suffix` matching exactly one more label. */
function hostCovered(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const suffix = pattern.slice(1);
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

/** The built-in kinds' validator (ESM-only kubernetes-models) in a child process. */
function runBuiltinValidator(args: string[], input?: string): { status: number | null; results: Obj[] } {
  const run = spawnSync(process.execPath, [join(ROOT, 'deploy', 'validate-builtin-kinds.mjs'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  });
  if (!run.stdout) throw new Error(`validator printed nothing: ${run.stderr}`);
  return { status: run.status, results: JSON.parse(run.stdout) as Obj[] };
}

// ---------------------------------------------------------------------------------------------
// CloudNativePG schemas (vendored subset of the CRDs) with ajv

/**
 * The CEL rules (`x-kubernetes-validations`) found in the vendored schemas, as JS. A rule not listed
 * here fails the validation, so a re-vendored schema cannot silently skip one. Transition rules
 * (comparing with oldSelf) apply to updates only.
 */
const CEL_RULES: Record<string, ((self: Obj) => boolean) | 'transition'> = {
  "!has(self.builtinLocale) || self.localeProvider == 'builtin'": (s) =>
    !('builtinLocale' in s) || s.localeProvider === 'builtin',
  "!has(self.icuLocale) || self.localeProvider == 'icu'": (s) =>
    !('icuLocale' in s) || s.localeProvider === 'icu',
  "!has(self.icuRules) || self.localeProvider == 'icu'": (s) =>
    !('icuRules' in s) || s.localeProvider === 'icu',
  '!(has(self.imageCatalogRef) && has(self.imageName))': (s) => !('imageCatalogRef' in s && 'imageName' in s),
  '!(has(self.image) && has(self.imageCatalogRef))': (s) => !('image' in s && 'imageCatalogRef' in s),
  'self == oldSelf': 'transition',
};

/**
 * Like the API server's strict field validation: an object whose properties are listed accepts no
 * others (unless it preserves unknown fields). The vendored subset lists only what the manifests
 * use, so a field outside it is reported too: copy its node from the same upstream CRD.
 */
function strictObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictObjects);
  if (node === null || typeof node !== 'object') return node;
  const out: Obj = {};
  for (const [key, value] of Object.entries(node as Obj))
    out[key] = key === 'x-kubernetes-validations' || key === 'enum' ? value : strictObjects(value);
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  )
    out.additionalProperties = false;
  return out;
}

function cnpgValidator(schemaFile: string): ValidateFunction {
  const schema = strictObjects(parseYaml(read(join(K8S, 'schemas', schemaFile)))) as AnySchemaObject;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  for (const keyword of [
    'x-kubernetes-int-or-string',
    'x-kubernetes-map-type',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-embedded-resource',
  ])
    ajv.addKeyword({ keyword });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  const celKeyword = function cel(rules: Array<{ rule: string; message: string }>, data: unknown): boolean {
    const errors: Partial<ErrorObject>[] = [];
    for (const { rule, message } of rules) {
      const check = CEL_RULES[rule];
      if (check === undefined) errors.push({ message: `CEL rule not implemented by the spec: ${rule}` });
      else if (check !== 'transition' && data !== null && typeof data === 'object' && !check(data as Obj))
        errors.push({ message, params: { rule } });
    }
    (cel as unknown as { errors: Partial<ErrorObject>[] }).errors = errors;
    return errors.length === 0;
  };
  ajv.addKeyword({
    keyword: 'x-kubernetes-validations',
    schemaType: 'array',
    errors: true,
    validate: celKeyword,
  });
  return ajv.compile(schema);
}

const CNPG_SCHEMAS: Record<string, string> = {
  Cluster: 'cnpg-1.30.1-cluster.subset.yaml',
  Pooler: 'cnpg-1.30.1-pooler.subset.yaml',
};

function cnpgErrors(obj: Obj): string[] {
  const file = CNPG_SCHEMAS[obj.kind];
  if (!file) return [`no vendored schema for ${obj.kind}`];
  const validate = cnpgValidator(file);
  return validate(obj)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

// ---------------------------------------------------------------------------------------------
// nginx: a small tokenizer/parser for the config's block structure

interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  block?: NginxDirective[];
}

function parseNginx(text: string): NginxDirective[] {
  type Token = { value: string; line: number; quoted: boolean };
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '{' || ch === '}' || ch === ';') {
      tokens.push({ value: ch, line, quoted: false });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\' && i + 1 < text.length) {
          value += text[i] + text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '\n') line++;
        value += text[i++];
      }
      if (i >= text.length) throw new Error(`unterminated quote from line ${start}`);
      i++;
      tokens.push({ value, line: start, quoted: true });
      continue;
    }
    let value = '';
    while (i < text.length && !/[\s;{}]/.test(text[i])) {
      // `${var}` inside a word keeps its braces.
      if (text[i] === '$' && text[i + 1] === '{') {
        const end = text.indexOf('}', i);
        value += text.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      value += text[i++];
    }
    tokens.push({ value, line, quoted: false });
  }

  let pos = 0;
  const block = (depth: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (!t.quoted && t.value === '}') {
        if (depth === 0) throw new Error(`unexpected "}" on line ${t.line}`);
        pos++;
        return out;
      }
      if (!t.quoted && (t.value === '{' || t.value === ';'))
        throw new Error(`unexpected "${t.value}" on line ${t.line}`);
      const directive: NginxDirective = { name: t.value, args: [], line: t.line };
      pos++;
      while (pos < tokens.length && (tokens[pos].quoted || !['{', '}', ';'].includes(tokens[pos].value)))
        directive.args.push(tokens[pos++].value);
      const end = tokens[pos];
      if (!end) throw new Error(`directive "${directive.name}" (line ${directive.line}) is not terminated`);
      pos++;
      if (end.value === '{') directive.block = block(depth + 1);
      else if (end.value === '}')
        throw new Error(`directive "${directive.name}" (line ${directive.line}) lacks ";"`);
      out.push(directive);
    }
    if (depth > 0) throw new Error('unbalanced braces: a block is not closed');
    return out;
  };
  return block(0);
}

function directives(list: NginxDirective[] | undefined, name: string): NginxDirective[] {
  return (list ?? []).filter((d) => d.name === name);
}

function arg(list: NginxDirective[] | undefined, name: string): string[] | undefined {
  return directives(list, name)[0]?.args;
}

/** nginx size (`11m`, `512k`, `1048576`) in bytes. */
function nginxSize(value: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(value);
  if (!m) throw new Error(`not an nginx size: ${value}`);
  const unit = { '': 1, k: 1024, m: MiB, g: 1024 * MiB }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

// ---------------------------------------------------------------------------------------------
// systemd: INI-style units

function parseUnit(path: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | null = null;
  for (const raw of read(path).split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      current = sections[section[1]] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0) throw new Error(`${path}: unexpected line: ${raw}`);
    (current[line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return sections;
}

// ---------------------------------------------------------------------------------------------
// The objects the checks talk about

const configMap = () => one('ConfigMap', 'portal-config');
const secret = () => one('Secret', 'portal-secrets');
const apiDeployment = () => one('Deployment', 'portal-api');
const workerDeployment = () => one('Deployment', 'portal-worker');
const cluster = () => all('Cluster')[0];
/** The primary's pooler (DATABASE_URL), and the replicas' (DATABASE_REPLICA_URLS). */
const pooler = () => all('Pooler').find((p) => p.spec.type === 'rw')!;
const readPooler = () => all('Pooler').find((p) => p.spec.type === 'ro')!;

function envOf(container: Obj): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const e of container.env ?? []) out[e.name] = e.value;
  return out;
}

/** Which source file a container's `node dist/<x>.js` command runs. */
function entrySource(container: Obj): string {
  const script = (container.command ?? []).find((a: string) => a.startsWith('dist/'));
  if (!script) throw new Error(`container ${container.name} runs no dist/ script`);
  return join(ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

const kubectl = which('kubectl');
const nginx = which(process.env.NGINX_BIN) ?? which('nginx');
const openssl = which('openssl');
const systemdAnalyze = which('systemd-analyze');

// =============================================================================================

describe('deploy/kubernetes: schemas', () => {
  it('every built-in object is valid against the Kubernetes OpenAPI schemas (kubernetes-models)', () => {
    const { status, results } = runBuiltinValidator(yamlFiles.map((f) => join(K8S, f)));
    const invalid = results.filter((r) => r.status === 'invalid');
    expect(invalid).toEqual([]);
    expect(status).toBe(0);
    const builtIn = results.filter((r) => r.status === 'valid').map((r) => `${r.kind}/${r.name}`);
    expect(builtIn).toEqual(
      expect.arrayContaining([
        'Namespace/portal',
        'ConfigMap/portal-config',
        'Secret/portal-secrets',
        'Deployment/portal-api',
        'Deployment/portal-worker',
        'Service/portal-api',
        'HorizontalPodAutoscaler/portal-api',
        'PodDisruptionBudget/portal-api',
        'Ingress/portal-hochiminhcity',
        'NetworkPolicy/portal-api',
      ]),
    );
    // Anything without a model class must be one of the custom resources checked below.
    const others = new Set(results.filter((r) => r.status === 'not-built-in').map((r) => r.kind));
    expect([...others].sort()).toEqual(['Cluster', 'Kustomization', 'Pooler']);
  });

  it('the validator is live: it rejects a wrong type, a missing field and a bad quantity', () => {
    const broken = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: broken }',
      'spec:',
      '  replicas: three',
      '  selector: { matchLabels: { a: b } }',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: c',
      '          image: i',
      '          readinessProbe: { httpGet: { path: /health/ready } }',
      '          resources: { requests: { cpu: lots } }',
    ].join('\n');
    const { status, results } = runBuiltinValidator(['-'], broken);
    expect(status).toBe(1);
    const message = results[0].errors.join('\n');
    expect(message).toMatch(/replicas must be integer/);
    expect(message).toMatch(/httpGet must have required property '?port'?/);
    expect(message).toMatch(/requests\/cpu must match format "quantity"/);
  });

  it('the CloudNativePG Cluster and Pooler are valid against the vendored CRD schemas (v1.30.1)', () => {
    expect(all('Cluster')).toHaveLength(1);
    const poolerTypes = all('Pooler').map((p) => p.spec.type as string);
    expect(poolerTypes.sort()).toEqual(['ro', 'rw']);
    for (const o of [...all('Cluster'), ...all('Pooler')]) {
      expect(o.apiVersion).toBe('postgresql.cnpg.io/v1');
      expect({ [o.kind]: cnpgErrors(o) }).toEqual({ [o.kind]: [] });
    }
  });

  it('the CloudNativePG validation is live: wrong types, enums and unknown fields are refused', () => {
    const c = structuredClone(cluster());
    c.spec.instances = '3';
    c.spec.storage.sizee = '1Gi';
    c.spec.primaryUpdateStrategy = 'sometimes';
    const errors = cnpgErrors(c).join('\n');
    expect(errors).toMatch(/\/spec\/instances must be integer/);
    expect(errors).toMatch(/\/spec\/storage must NOT have additional properties.*sizee/);
    expect(errors).toMatch(/\/spec\/primaryUpdateStrategy must be equal to one of the allowed values/);

    const p = structuredClone(pooler());
    p.spec.pgbouncer.poolMode = 'statement';
    delete p.spec.cluster;
    const poolerErrors = cnpgErrors(p).join('\n');
    expect(poolerErrors).toMatch(/must have required property 'cluster'/);
    expect(poolerErrors).toMatch(/poolMode must be equal to one of the allowed values/);

    // The CEL rules are evaluated, not skipped.
    const both = CEL_RULES['!(has(self.imageCatalogRef) && has(self.imageName))'] as (s: Obj) => boolean;
    expect(both({ imageName: 'x', imageCatalogRef: {} })).toBe(false);
    expect(both({ imageName: 'x' })).toBe(true);
  });

  it('the kustomization lists every manifest, in namespace portal, and builds', () => {
    const listed = [...(kustomization.resources as string[])].sort();
    expect(listed).toEqual(yamlFiles.filter((f) => f !== 'kustomization.yaml'));
    expect(kustomization.namespace).toBe(NAMESPACE);
    const images = kustomization.images as Array<{ name: string }>;
    for (const d of all('Deployment'))
      for (const c of podSpec(d).containers)
        expect(images.map((i) => i.name)).toContain(c.image.replace(/:[^/:]+$/, ''));

    expect(one('Namespace', NAMESPACE).metadata.labels['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
    for (const o of objects.filter((o) => o.kind !== 'Namespace'))
      expect(`${o.kind}/${o.metadata.name}: ${o.metadata.namespace}`).toBe(
        `${o.kind}/${o.metadata.name}: ${NAMESPACE}`,
      );
  });

  (kubectl ? it : it.skip)(
    `kubectl kustomize builds it and the built objects validate${kubectl ? '' : ' (skipped: no kubectl on PATH)'}`,
    () => {
      const built = spawnSync(kubectl!, ['kustomize', K8S], { encoding: 'utf8', maxBuffer: 64 * MiB });
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
      const { status, results } = runBuiltinValidator(['-'], built.stdout);
      expect(results.filter((r) => r.status === 'invalid')).toEqual([]);
      expect(status).toBe(0);
      expect(results).toHaveLength(objects.length);
      for (const o of parseAllDocuments(built.stdout).map((d) => d.toJS() as Obj))
        if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe(NAMESPACE);
    },
  );
});

describe('deploy/kubernetes: api and worker', () => {
  it('run the api and the worker entry points of the image, RUN_JOBS false on the api and true on the worker', () => {
    const api = podSpec(apiDeployment()).containers;
    const worker = podSpec(workerDeployment()).containers;
    expect(api).toHaveLength(1);
    expect(worker).toHaveLength(1);
    expect(api[0].image).toBe('registry.example.gov.vn/portal/api:0.1.0');
    expect(worker[0].image).toBe(api[0].image);
    expect(api[0].command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(worker[0].command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    for (const c of [...api, ...worker]) expect(existsSync(entrySource(c))).toBe(true);
    expect(envOf(api[0]).RUN_JOBS).toBe('false');
    expect(envOf(worker[0]).RUN_JOBS).toBe('true');
    expect(configMap().data.RUN_JOBS).toBeUndefined();
  });

  it('probe /health/ready (readiness) and /health/live (liveness) on the PORT the api listens on', () => {
    const port = configMap().data.PORT as string;
    expect(loadAppConfig({ NODE_ENV: 'test' }).port).toBe(3000);
    expect(port).toBe('3000');
    const healthSource = read(join(ROOT, 'apps', 'api', 'src', 'health', 'health.controller.ts'));
    expect(healthSource).toMatch(/@Controller\('health'\)/);
    expect(healthSource).toMatch(/@Get\('ready'\)/);
    expect(healthSource).toMatch(/@Get\('live'\)/);

    for (const d of all('Deployment')) {
      for (const c of podSpec(d).containers) {
        const listens = /\.listen\(/.test(read(entrySource(c)));
        const where = `${d.metadata.name}/${c.name}`;
        if (!listens) {
          // apps/worker: an application context without a server, so nothing to probe; it must not
          // pretend to have a port either. If it ever listens, this branch stops applying.
          expect({ [where]: c.ports ?? [] }).toEqual({ [where]: [] });
          expect({ [where]: [c.readinessProbe, c.livenessProbe] }).toEqual({
            [where]: [undefined, undefined],
          });
          continue;
        }
        const named = new Map<string, number>((c.ports ?? []).map((p: Obj) => [p.name, p.containerPort]));
        const probePort = (probe: Obj) =>
          typeof probe.httpGet.port === 'string' ? named.get(probe.httpGet.port) : probe.httpGet.port;
        expect({ [where]: c.readinessProbe?.httpGet?.path }).toEqual({ [where]: '/health/ready' });
        expect({ [where]: c.livenessProbe?.httpGet?.path }).toEqual({ [where]: '/health/live' });
        expect(probePort(c.readinessProbe)).toBe(Number(port));
        expect(probePort(c.livenessProbe)).toBe(Number(port));
      }
    }
  });

  it('every container has CPU and memory requests and limits, and runs non-root on a read-only root with /tmp', () => {
    for (const d of all('Deployment')) {
      const spec = podSpec(d);
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(spec.securityContext.seccompProfile.type).toBe('RuntimeDefault');
      expect(spec.automountServiceAccountToken).toBe(false);
      for (const c of spec.containers) {
        for (const kind of ['requests', 'limits'])
          for (const resource of ['cpu', 'memory'])
            expect({ [`${c.name}.${kind}.${resource}`]: c.resources?.[kind]?.[resource] }).toEqual({
              [`${c.name}.${kind}.${resource}`]: expect.anything(),
            });
        expect(c.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        const tmp = (c.volumeMounts ?? []).find((m: Obj) => m.mountPath === '/tmp');
        expect(tmp).toBeDefined();
        expect(spec.volumes.find((v: Obj) => v.name === tmp.name).emptyDir).toBeDefined();
      }
    }
    expect(configMap().data.ATTACHMENT_TMP_DIR).toBe('/tmp');
  });

  it('the HPA scales the api Deployment on CPU, and the api Deployment leaves its replica count to it', () => {
    const hpas = all('HorizontalPodAutoscaler');
    expect(hpas).toHaveLength(1);
    const hpa = hpas[0];
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'portal-api',
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toContainEqual(
      expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
    );
    expect(apiDeployment().spec.replicas).toBeUndefined();
  });

  it('the Service and the disruption budgets select the pods they are meant for', () => {
    const api = apiDeployment();
    const service = one('Service', 'portal-api');
    expect(matches(service.spec.selector, api.spec.template.metadata.labels)).toBe(true);
    expect(matches(service.spec.selector, workerDeployment().spec.template.metadata.labels)).toBe(false);
    const containerPorts = podSpec(api).containers.flatMap((c: Obj) => c.ports ?? []);
    for (const p of service.spec.ports)
      expect(containerPorts.map((c: Obj) => c.name)).toContain(p.targetPort);
    for (const pdb of all('PodDisruptionBudget')) {
      const selected = all('Deployment').filter((d) =>
        matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels),
      );
      expect(selected.map((d) => d.metadata.name)).toEqual([pdb.metadata.name]);
    }
    for (const d of all('Deployment'))
      expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
  });

  it('only the ingress controller may reach the api port (it trusts X-Forwarded-For)', () => {
    expect(configMap().data.TRUST_PROXY).toBe('true');
    const policy = one('NetworkPolicy', 'portal-api');
    expect(matches(policy.spec.podSelector.matchLabels, apiDeployment().spec.template.metadata.labels)).toBe(
      true,
    );
    expect(policy.spec.policyTypes).toContain('Ingress');
    expect(policy.spec.ingress).toHaveLength(1);
    expect(policy.spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ]);
    expect(policy.spec.ingress[0].ports).toEqual([{ port: Number(configMap().data.PORT), protocol: 'TCP' }]);
  });
});

describe('deploy/kubernetes: configuration and secrets', () => {
  it('every env reference resolves to a key of the ConfigMap or Secret, and every name is one the app reads', () => {
    const cm = configMap();
    const sec = secretValues(secret());
    const clusterSecrets = new Set([`${cluster().metadata.name}-ca`, `${cluster().metadata.name}-app`]);
    // A key the app never reads is a typo or a leftover.
    const unread = [...Object.keys(cm.data), ...Object.keys(sec)].filter((k) => !appEnvNames.has(k));
    expect(unread).toEqual([]);

    for (const d of all('Deployment')) {
      const spec = podSpec(d);
      for (const c of spec.containers) {
        const provided = new Set<string>();
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef) {
            expect(from.configMapRef.name).toBe(cm.metadata.name);
            Object.keys(cm.data).forEach((k) => provided.add(k));
          }
          if (from.secretRef) {
            expect(from.secretRef.name).toBe(secret().metadata.name);
            Object.keys(sec).forEach((k) => provided.add(k));
          }
        }
        for (const e of c.env ?? []) {
          const where = `${d.metadata.name}/${c.name} ${e.name}`;
          expect({ [where]: appEnvNames.has(e.name) || NODE_ENV_NAMES.has(e.name) }).toEqual({
            [where]: true,
          });
          provided.add(e.name);
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const source = e.valueFrom.secretKeyRef
            ? { name: secret().metadata.name, keys: sec }
            : { name: cm.metadata.name, keys: cm.data };
          expect({ [where]: ref.name }).toEqual({ [where]: source.name });
          expect({ [where]: Object.keys(source.keys) }).toEqual({
            [where]: expect.arrayContaining([ref.key]),
          });
          expect(ref.optional).not.toBe(true);
        }
        // What production refuses to start without.
        for (const required of ['DATABASE_URL', 'JWT_SECRET', 'NODE_ENV'])
          expect({ [`${d.metadata.name}/${c.name}`]: provided.has(required) }).toEqual({
            [`${d.metadata.name}/${c.name}`]: true,
          });
      }
      for (const v of spec.volumes ?? [])
        if (v.secret) expect([secret().metadata.name, ...clusterSecrets]).toContain(v.secret.secretName);
    }
  });

  it('the ConfigMap holds settings the app accepts in production', () => {
    const env = { ...configMap().data, DATABASE_URL: 'postgresql://u:p@h/db', JWT_SECRET: 'x'.repeat(48) };
    const config = loadAppConfig(env);
    expect(config.env).toBe('production');
    expect(config.trustProxy).toBe(true);
    expect(config.devHostSuffix).toBe('');
    expect(config.seedDemo).toBe(false);
    expect(config.graphqlIntrospection).toBe(false);
    expect(configMap().data.ATTACHMENT_STORE).toBe('s3');
  });

  it('no secret value is a real secret: placeholders only, and the app refuses to start with them', () => {
    const looksLikeSecret = (value: string): string[] =>
      value
        .replaceAll(PLACEHOLDER, '')
        .split(/[^A-Za-z0-9+/=_]/)
        .filter((t) => t.length >= 16 && /\d/.test(t) && /[A-Za-z]/.test(t) && new Set(t).size >= 10);
    const sec = secretValues(secret());
    expect(Object.keys(sec).sort()).toEqual([
      'DATABASE_REPLICA_URLS',
      'DATABASE_URL',
      'JWT_SECRET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ]);
    for (const [key, value] of Object.entries(sec)) {
      expect({ [key]: looksLikeSecret(value) }).toEqual({ [key]: [] });
      if (value.includes('://')) expect(decodeURIComponent(new URL(value).password)).toBe(PLACEHOLDER);
      else expect({ [key]: value }).toEqual({ [key]: PLACEHOLDER });
    }
    expect(() =>
      loadAppConfig({ ...configMap().data, DATABASE_URL: sec.DATABASE_URL, JWT_SECRET: sec.JWT_SECRET }),
    ).toThrow(/JWT_SECRET must be at least 32 characters/);

    // The VM's example environment file too.
    const vmEnv = envFile(join(SYSTEMD, 'portal.env'));
    for (const [key, value] of Object.entries(vmEnv))
      expect({ [key]: looksLikeSecret(value) }).toEqual({ [key]: [] });
    expect(vmEnv.JWT_SECRET).toBe(PLACEHOLDER);
    expect(decodeURIComponent(new URL(vmEnv.DATABASE_URL).password)).toBe(PLACEHOLDER);
  });
});

describe('deploy/kubernetes: database', () => {
  it('a CloudNativePG cluster of three instances (primary + two replicas), PostgreSQL 15 or newer', () => {
    const c = cluster();
    expect(c.spec.instances).toBe(3);
    const major = /:(\d+)(?:[.-]|$)/.exec(c.spec.imageName)?.[1];
    expect(Number(major)).toBeGreaterThanOrEqual(15);
    expect(c.spec.storage.size).toMatch(/^\d+[GT]i$/);
    expect(c.spec.resources.requests).toEqual(c.spec.resources.limits);
  });

  it('bootstraps the database and owner of DATABASE_URL, with every extension the migrations create', () => {
    const initdb = cluster().spec.bootstrap.initdb;
    const url = new URL(secretValues(secret()).DATABASE_URL);
    expect(initdb.database).toBe(url.pathname.slice(1));
    expect(initdb.owner).toBe(decodeURIComponent(url.username));
    const needed = migrationExtensions();
    // The scan must find the known ones, or it is broken rather than the manifest right.
    expect([...needed]).toEqual(
      expect.arrayContaining([
        'ltree',
        'unaccent',
        'pg_trgm',
        'citext',
        'btree_gist',
        'btree_gin',
        'pgcrypto',
      ]),
    );
    const created = new Set(
      (initdb.postInitApplicationSQL as string[]).map(
        (sql) => /^CREATE EXTENSION IF NOT EXISTS ([a-z_]+)$/.exec(sql)?.[1],
      ),
    );
    for (const ext of needed) expect({ [ext]: created.has(ext) }).toEqual({ [ext]: true });
  });

  it('the Pooler points at the Cluster, in session mode because the app LISTENs, and DATABASE_URL goes through it', () => {
    const c = cluster();
    const p = pooler();
    expect(p.spec.cluster.name).toBe(c.metadata.name);
    expect(p.metadata.name).not.toBe(c.metadata.name);
    expect(p.spec.type).toBe('rw');
    const notifications = read(
      join(ROOT, 'libs', 'platform', 'src', 'database', 'pg-notifications.service.ts'),
    );
    const migrations = read(join(ROOT, 'libs', 'platform', 'src', 'database', 'migration-runner.ts'));
    if (/LISTEN /.test(notifications) || /pg_advisory_lock\(/.test(migrations))
      expect(p.spec.pgbouncer.poolMode).toBe('session');

    const url = new URL(secretValues(secret()).DATABASE_URL);
    expect(url.hostname.split('.')[0]).toBe(p.metadata.name);
    expect(url.hostname).toBe(`${p.metadata.name}.${NAMESPACE}.svc`);
    // Verified TLS through the pooler: its Service name is in the server certificate, and the CA
    // file named in the URL is mounted from the cluster's CA secret in every pod that connects.
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
    expect(c.spec.certificates.serverAltDNSNames).toContain(url.hostname);
    const caFile = url.searchParams.get('sslrootcert')!;
    for (const d of all('Deployment')) {
      const spec = podSpec(d);
      const mount = spec.containers[0].volumeMounts.find((m: Obj) => caFile.startsWith(`${m.mountPath}/`));
      expect(mount).toBeDefined();
      const volume = spec.volumes.find((v: Obj) => v.name === mount.name);
      expect(volume.secret.secretName).toBe(`${c.metadata.name}-ca`);
      expect(volume.secret.items).toContainEqual({
        key: 'ca.crt',
        path: caFile.slice(mount.mountPath.length + 1),
      });
    }
  });

  it('the connection budget fits: every process pool at the HPA maximum fits PgBouncer and max_connections', () => {
    const jobQueue = read(join(ROOT, 'libs', 'platform', 'src', 'jobs', 'job-queue.service.ts'));
    const pgBossMax = Number(/new PgBoss\(\{[^}]*\bmax:\s*(\d+)/s.exec(jobQueue)?.[1]);
    expect(pgBossMax).toBeGreaterThan(0);
    const perProcess = Number(configMap().data.DB_POOL_SIZE) + pgBossMax + 1; // + the LISTEN connection
    const hpa = all('HorizontalPodAutoscaler')[0];
    const processes = hpa.spec.maxReplicas + workerDeployment().spec.replicas;
    const clients = processes * perProcess;
    const params = pooler().spec.pgbouncer.parameters;
    expect(clients).toBeLessThanOrEqual(Number(params.default_pool_size));
    expect(clients).toBeLessThanOrEqual(Number(params.max_client_conn));
    expect(clients + 20).toBeLessThanOrEqual(Number(cluster().spec.postgresql.parameters.max_connections));
  });

  it('anonymous reads: the api (only) reads the replicas through their pooler, in transaction mode, within budget', () => {
    const c = cluster();
    const p = readPooler();
    expect(p.spec.cluster.name).toBe(c.metadata.name);
    expect(p.spec.type).toBe('ro');
    // The replica connections hold no session state (no LISTEN, no advisory lock: those stay on
    // the primary's URL), so PgBouncer may share server connections between transactions.
    const routing = read(join(ROOT, 'libs', 'platform', 'src', 'platform.module.ts'));
    expect(routing).toMatch(/defaultMode: 'master'/);
    expect(p.spec.pgbouncer.poolMode).toBe('transaction');

    const url = new URL(secretValues(secret()).DATABASE_REPLICA_URLS);
    expect(url.hostname).toBe(`${p.metadata.name}.${NAMESPACE}.svc`);
    expect(url.pathname).toBe(new URL(secretValues(secret()).DATABASE_URL).pathname);
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
    expect(c.spec.certificates.serverAltDNSNames).toContain(url.hostname);
    expect(url.searchParams.get('sslrootcert')).toBe(
      new URL(secretValues(secret()).DATABASE_URL).searchParams.get('sslrootcert'),
    );
    const replicaEnv = (d: Obj) =>
      podSpec(d).containers[0].env.some((e: Obj) => e.name === 'DATABASE_REPLICA_URLS');
    expect(replicaEnv(apiDeployment())).toBe(true);
    expect(replicaEnv(workerDeployment())).toBe(false);

    // Client side: every api pod's replica pool at the HPA maximum; server side: both pooler pods'
    // connections on one replica fit its max_connections (the same as the primary's).
    const params = p.spec.pgbouncer.parameters;
    const hpa = all('HorizontalPodAutoscaler')[0];
    expect(hpa.spec.maxReplicas * Number(configMap().data.DB_POOL_SIZE)).toBeLessThanOrEqual(
      Number(params.max_client_conn),
    );
    expect(p.spec.instances * Number(params.default_pool_size) + 20).toBeLessThanOrEqual(
      Number(c.spec.postgresql.parameters.max_connections),
    );
    expect(Number(configMap().data.DATABASE_REPLICA_MAX_LAG_SECONDS)).toBeGreaterThan(0);
  });
});

describe('deploy/kubernetes: ingress', () => {
  const ingresses = () => all('Ingress');

  it('routes every host of tenants/*.yaml (and the aliases) to the api, with a TLS name for each', () => {
    const { hosts, parents, roots } = tenantHosts();
    expect(hosts.size).toBeGreaterThan(10);
    const ruleHosts = ingresses().flatMap((i) => i.spec.rules.map((r: Obj) => r.host as string));
    const tlsHosts = ingresses().flatMap((i) => i.spec.tls.flatMap((t: Obj) => t.hosts as string[]));
    const uncovered = [...hosts].filter((h) => !ruleHosts.some((p) => hostCovered(p, h)));
    const uncertified = [...hosts].filter((h) => !tlsHosts.some((p) => hostCovered(p, h)));
    // A host one label below a parent portal is served by `*.<parent>`: name the rule to add.
    expect({ uncovered, addRulesFor: uncovered.map((h) => `*.${h.split('.').slice(1).join('.')}`) }).toEqual({
      uncovered: [],
      addRulesFor: [],
    });
    expect(uncertified).toEqual([]);
    // The province roots and their wildcards, and one wildcard per portal with portals below it.
    for (const root of roots) {
      expect(ruleHosts).toContain(root);
      expect(ruleHosts).toContain(`*.${root}`);
    }
    for (const parent of parents) expect(ruleHosts).toContain(`*.${parent}`);
    expect(ruleHosts).toEqual(expect.arrayContaining(['hochiminhcity.gov.vn', '*.hochiminhcity.gov.vn']));
    // Only the forms Kubernetes accepts: a wildcard is a whole first label.
    for (const h of [...ruleHosts, ...tlsHosts]) expect(h).toMatch(/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
    for (const h of ruleHosts) expect(tlsHosts).toContain(h);
  });

  it('sends everything to the api Service, keeps the Host, and allows the largest upload', () => {
    const service = one('Service', 'portal-api');
    const maxUpload = Number(configMap().data.ATTACHMENT_MAX_BYTES ?? DEFAULT_MAX_ATTACHMENT_BYTES);
    for (const ingress of ingresses()) {
      expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
      expect(ingress.spec.ingressClassName).toBeDefined();
      const annotations = ingress.metadata.annotations ?? {};
      expect(Object.keys(annotations)).not.toContain('nginx.ingress.kubernetes.io/upstream-vhost');
      expect(nginxSize(annotations['nginx.ingress.kubernetes.io/proxy-body-size'])).toBeGreaterThanOrEqual(
        maxUpload + MULTIPART_OVERHEAD_BYTES,
      );
      for (const tls of ingress.spec.tls) expect(tls.secretName).toMatch(/^portal-tls-/);
      for (const rule of ingress.spec.rules)
        for (const path of rule.http.paths) {
          expect(path.backend.service.name).toBe(service.metadata.name);
          expect(service.spec.ports.map((p: Obj) => p.name)).toContain(path.backend.service.port.name);
        }
    }
  });
});

describe('deploy/nginx/portal.conf', () => {
  // A parse error fails the first test below, not the whole file.
  let parseError: unknown = null;
  const conf = ((): NginxDirective[] => {
    try {
      return parseNginx(read(NGINX_CONF));
    } catch (error) {
      parseError = error;
      return [];
    }
  })();
  const servers = directives(conf, 'server');
  const tlsServer = servers.find((s) =>
    directives(s.block, 'listen').some((l) => l.args.includes('ssl') && !l.args.includes('default_server')),
  )!;
  const locations = directives(tlsServer?.block, 'location');
  const location = (pattern: RegExp) => {
    const found = locations.find((l) => pattern.test(l.args.join(' ')));
    if (!found) throw new Error(`no location matching ${pattern}`);
    return found.block!;
  };
  const maps = directives(conf, 'map');
  const mapFrom = (variable: string) => maps.find((m) => m.args[1] === variable)?.args[0] ?? '';

  it('parses: balanced braces, every directive terminated', () => {
    expect(parseError).toBeNull();
    expect(conf.length).toBeGreaterThan(5);
    expect(() => parseNginx('server { listen 80;')).toThrow(/not closed/);
    expect(() => parseNginx('server { listen 80 }')).toThrow(/lacks ";"/);
    expect(() => parseNginx('location / { } }')).toThrow(/unexpected "}"/);
  });

  it('serves every portal of a province by wildcard host and passes Host and X-Forwarded-* on', () => {
    expect(tlsServer).toBeDefined();
    const names = arg(tlsServer.block, 'server_name')!;
    expect(
      names.some((n) => n === '.hochiminhcity.gov.vn' || (n.startsWith('~') && n.includes('hochiminhcity'))),
    ).toBe(true);
    const headers = new Map(
      directives(tlsServer.block, 'proxy_set_header').map((d) => [d.args[0], d.args[1]]),
    );
    expect(headers.get('Host')).toBe('$host');
    // Replaced, not appended: the api takes the left-most address (TRUST_PROXY=true).
    expect(headers.get('X-Forwarded-For')).toBe('$remote_addr');
    expect(headers.get('X-Forwarded-Proto')).toBe('$scheme');
    expect(headers.get('Connection')).toBe('');
    expect(arg(tlsServer.block, 'proxy_http_version')).toEqual(['1.1']);
    expect(arg(tlsServer.block, 'ssl_certificate')).toBeDefined();
  });

  it('keeps alive connections to several api instances', () => {
    const upstream = directives(conf, 'upstream')[0];
    expect(directives(upstream.block, 'server').length).toBeGreaterThanOrEqual(2);
    expect(Number(arg(upstream.block, 'keepalive')![0])).toBeGreaterThan(0);
    // Shorter than Node's 5 s keep-alive timeout.
    expect(parseInt(arg(upstream.block, 'keepalive_timeout')![0], 10)).toBeLessThan(5);
    for (const l of locations.filter((l) => directives(l.block, 'proxy_pass').length > 0))
      expect(arg(l.block, 'proxy_pass')).toEqual([`http://${upstream.args[0]}`]);
  });

  it('caches anonymous GraphQL reads by host + URI + body, only when the app says public', () => {
    const graphql = location(/graphql/);
    expect(arg(graphql, 'proxy_cache')).toBeDefined();
    expect(arg(graphql, 'proxy_cache_methods')).toContain('POST');
    const key = arg(graphql, 'proxy_cache_key')![0];
    for (const part of [
      '$host',
      '$request_uri',
      '$request_body',
      '$request_method',
      '$http_accept',
      '$http_accept_language',
      '$http_x_portal_locale',
    ])
      expect(key).toContain(part);
    // Skip when the caller identifies itself, or the body could not be part of the key.
    const skip = arg(graphql, 'proxy_cache_bypass')![0];
    expect(arg(graphql, 'proxy_no_cache')).toContain(skip);
    const skipSource = mapFrom(skip);
    const credentialVar = skipSource
      .match(/\$portal_\w+/g)!
      .find((v) => mapFrom(v).includes('$http_authorization'));
    expect(mapFrom(credentialVar!)).toContain('$http_cookie');
    // Bodies are keyed only up to what the api's own cache keys (8 KiB), all of it in memory.
    expect(nginxSize(arg(graphql, 'client_body_buffer_size')![0])).toBe(8 * 1024);
    const unkeyable = maps.find(
      (m) =>
        m.args[0] === '"$request_method:$content_length"' || m.args[0] === '$request_method:$content_length',
    );
    const keyed = unkeyable!
      .block!.find((d) => d.args[0] === '0' && /POST/.test(d.name))!
      .name.replace(/^"?~|"$/g, '');
    const pattern = new RegExp(keyed);
    for (const size of [1, 99, 999, 1000, 7999, 8000, 8191, 8192])
      expect(pattern.test(`POST:${size}`)).toBe(true);
    for (const size of [8193, 8200, 8999, 9000, 9999, 10000, 65536])
      expect(pattern.test(`POST:${size}`)).toBe(false);
    // Honour upstream Cache-Control: never ignore it, and store only responses marked public.
    expect(JSON.stringify(conf)).not.toMatch(/proxy_ignore_headers/);
    const notPublic = arg(graphql, 'proxy_no_cache')!.find(
      (v) => mapFrom(v) === '$upstream_http_cache_control',
    );
    expect(notPublic).toBeDefined();
    const publicMap = maps.find((m) => m.args[1] === notPublic)!;
    const entries = new Map(publicMap.block!.map((d) => [d.name, d.args[0]]));
    expect(entries.get('default')).toBe('1');
    expect([...entries].find(([k]) => /public/.test(k))?.[1]).toBe('0');
  });

  it('limits POST /graphql and /questions/attachments per client address', () => {
    const zones = new Map(
      directives(conf, 'limit_req_zone').map((d) => [
        d.args
          .find((a) => a.startsWith('zone='))!
          .slice(5)
          .split(':')[0],
        d.args[0],
      ]),
    );
    const keyOf = (zone: string) => {
      const key = zones.get(zone)!;
      return key === '$binary_remote_addr' ? key : mapFrom(key) === '$request_method' ? key : '';
    };
    const zoneOf = (block: NginxDirective[]) => arg(block, 'limit_req')![0].replace(/^zone=/, '');
    const graphqlZone = zoneOf(location(/graphql/));
    const uploadZone = zoneOf(location(/questions\/attachments/));
    expect(keyOf(uploadZone)).toBe('$binary_remote_addr');
    // POSTs only, per address: GET reads are not counted.
    const postKey = maps.find((m) => m.args[1] === zones.get(graphqlZone))!;
    expect(postKey.args[0]).toBe('$request_method');
    expect(postKey.block!.find((d) => d.name === 'POST')!.args).toEqual(['$binary_remote_addr']);
    expect(arg(tlsServer.block, 'limit_req_status')).toEqual(['429']);
    // Health is never limited nor cached.
    const health = location(/health/);
    expect(arg(health, 'limit_req')).toBeUndefined();
    expect(arg(health, 'proxy_cache') ?? ['off']).toEqual(['off']);
  });

  it('accepts bodies as large as the app does, and no larger', () => {
    expect(nginxSize(arg(tlsServer.block, 'client_max_body_size')![0])).toBeGreaterThanOrEqual(MiB); // JSON limit
    const questions = nginxSize(arg(location(/questions\/attachments/), 'client_max_body_size')![0]);
    expect(questions).toBeGreaterThanOrEqual(10 * MiB + MULTIPART_OVERHEAD_BYTES);
    expect(questions).toBeLessThan(12 * MiB);
    const attachments = nginxSize(arg(location(/\(\/en\)\?\/attachments/), 'client_max_body_size')![0]);
    expect(attachments).toBeGreaterThanOrEqual(DEFAULT_MAX_ATTACHMENT_BYTES + MULTIPART_OVERHEAD_BYTES);
    const questionService = read(
      join(ROOT, 'libs', 'engagement', 'src', 'questions', 'question-attachments.service.ts'),
    );
    expect(questionService).toMatch(/QUESTION_ATTACHMENT_MAX_BYTES = 10 \* 1024 \* 1024/);
  });

  it('compresses, sends security headers, and keeps /metrics off the public entrance', () => {
    expect(arg(tlsServer.block, 'gzip')).toEqual(['on']);
    expect(arg(tlsServer.block, 'gzip_types')).toContain('application/json');
    const added = directives(tlsServer.block, 'add_header').map((d) => d.args[0]);
    for (const h of [
      'Strict-Transport-Security',
      'X-Content-Type-Options',
      'X-Frame-Options',
      'Referrer-Policy',
    ])
      expect(added).toContain(h);
    expect(arg(location(/metrics/), 'return')).toEqual(['404']);
  });

  (nginx && openssl ? it : it.skip)(
    `nginx -t accepts it inside a Debian-like http block${
      nginx && openssl
        ? ` (${nginx})`
        : ` (skipped: ${nginx ? 'no openssl for a test certificate' : 'no nginx binary on PATH; set NGINX_BIN to run it'})`
    }`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'portal-nginx-'));
      try {
        const made = spawnSync(
          openssl!,
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=portal-test',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          { encoding: 'utf8' },
        );
        expect(made.status).toBe(0);
        const text = read(NGINX_CONF)
          .replaceAll('/etc/ssl/portal/fullchain.pem', join(dir, 'cert.pem'))
          .replaceAll('/etc/ssl/portal/privkey.pem', join(dir, 'key.pem'))
          .replaceAll('/var/cache/nginx/portal', join(dir, 'cache'))
          .replaceAll('/var/www/acme', join(dir, 'acme'));
        writeFileSync(join(dir, 'portal.conf'), text);
        const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
          .map((t) => `${t}_temp_path ${join(dir, t)};`)
          .join(' ');
        // As Debian's nginx.conf has it: gzip and ssl_protocols already set at http level.
        writeFileSync(
          join(dir, 'nginx.conf'),
          [
            `pid ${join(dir, 'nginx.pid')};`,
            'events {}',
            'http {',
            `  access_log ${join(dir, 'access.log')};`,
            `  ${temp}`,
            '  ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;',
            '  ssl_prefer_server_ciphers on;',
            '  gzip on;',
            `  include ${join(dir, 'portal.conf')};`,
            '}',
          ].join('\n'),
        );
        const run = spawnSync(
          nginx!,
          ['-t', '-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
          { encoding: 'utf8' },
        );
        expect({ status: run.status, output: run.stderr }).toEqual({
          status: 0,
          output: expect.stringContaining('test is successful'),
        });
        expect(run.stderr).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('deploy/systemd', () => {
  const units = ['portal-api.service', 'portal-api@.service', 'portal-worker.service'];

  it('the units run the api and the worker as user portal, hardened, with the shared environment file', () => {
    for (const name of units) {
      const unit = parseUnit(join(SYSTEMD, name));
      const s = unit.Service;
      expect({ [name]: Object.keys(unit).sort() }).toEqual({ [name]: ['Install', 'Service', 'Unit'] });
      expect(s.User).toEqual(['portal']);
      expect(s.EnvironmentFile).toEqual(['/etc/portal/portal.env']);
      expect(s.Restart).toEqual(['on-failure']);
      expect(s.ProtectSystem).toEqual(['strict']);
      expect(s.NoNewPrivileges).toEqual(['yes']);
      expect(s.ReadWritePaths).toEqual(['/var/lib/portal']);
      expect(s.PrivateTmp).toEqual(['yes']);
      expect(s.CapabilityBoundingSet).toEqual(['']);
      expect(s.MemoryDenyWriteExecute).toBeUndefined(); // V8 needs W+X memory
      const [binary, script] = s.ExecStart[0].split(/\s+/);
      expect(binary).toMatch(/^\/.*\/node$/);
      expect(existsSync(join(ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      const env = Object.fromEntries((s.Environment ?? []).map((e) => e.split('=')));
      expect(env.RUN_JOBS).toBe(name.startsWith('portal-worker') ? 'true' : 'false');
      expect(unit.Install.WantedBy).toEqual(['multi-user.target']);
    }
    expect(parseUnit(join(SYSTEMD, 'portal-api.service')).Service.Environment).toContain('PORT=3000');
    expect(parseUnit(join(SYSTEMD, 'portal-api@.service')).Service.Environment).toContain('PORT=%i');
  });

  it('portal.env holds settings the app reads and accepts, and leaves PORT and RUN_JOBS to the units', () => {
    const env = envFile(join(SYSTEMD, 'portal.env'));
    // EnvironmentFile= wins over Environment=: these would override every unit's own value.
    expect(env.PORT).toBeUndefined();
    expect(env.RUN_JOBS).toBeUndefined();
    expect(Object.keys(env).filter((k) => !appEnvNames.has(k))).toEqual([]);
    const config = loadAppConfig({ ...env, JWT_SECRET: 'x'.repeat(48) });
    expect(config.env).toBe('production');
    expect(config.trustProxy).toBe(true);
    expect(config.dataDir).toBe('/var/lib/portal');
    expect(config.dataDir).toBe(parseUnit(join(SYSTEMD, 'portal-api.service')).Service.ReadWritePaths[0]);
  });

  (systemdAnalyze ? it : it.skip)(
    `systemd-analyze verify accepts the units${systemdAnalyze ? '' : ' (skipped: no systemd-analyze on PATH)'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'portal-units-'));
      try {
        for (const name of units) copyFileSync(join(SYSTEMD, name), join(dir, name));
        copyFileSync(join(SYSTEMD, 'portal-api@.service'), join(dir, 'portal-api@3001.service'));
        const run = spawnSync(
          systemdAnalyze!,
          [
            'verify',
            ...['portal-api.service', 'portal-api@3001.service', 'portal-worker.service'].map((n) =>
              join(dir, n),
            ),
          ],
          { encoding: 'utf8', env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` } },
        );
        // verify prints problems (unknown keys, bad values) but exits 0 for most of them: any line
        // about our units is a failure, except a missing node where this machine has none.
        const nodeMissing = !existsSync('/usr/bin/node');
        const problems = `${run.stdout}\n${run.stderr}`
          .split('\n')
          .filter((l) => l.trim() && l.includes('portal-'))
          .filter((l) => !(nodeMissing && /\/usr\/bin\/node is not executable/.test(l)));
        expect(problems).toEqual([]);
        if (!nodeMissing) expect(run.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

'use strict';
// The architecture map (map.json) as an ESLint rule: which part may import which, libs only through
// their index, and who may hold a database handle. Plain CommonJS so that both eslint.config.mjs and
// the tests load it without a build.
const path = require('node:path');
const map = require('./map.json');

const ROOT = path.resolve(__dirname, '../..');
const LIBS = new Set(Object.keys(map.libs));
const DATABASE_NAMES = new Set(['DataSource', 'EntityManager', 'Repository', 'QueryRunner']);

function globToRegExp(glob) {
  const body = glob
    .split('**')
    .map((piece) => piece.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
const DATABASE_ALLOWED = map.database.allowed.map(globToRegExp);

/** The repository-relative, slash-separated path of a file. */
function relative(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** The part a file belongs to: a lib, an app, or tooling (bench, test, deploy, tools). */
function partOf(rel) {
  let m = /^libs\/([^/]+)\//.exec(rel);
  if (m) return { kind: 'lib', name: m[1] };
  m = /^apps\/([^/]+)\//.exec(rel);
  if (m) return { kind: 'app', name: m[1] };
  return { kind: 'tooling', name: rel.split('/')[0] };
}

function mayImportLib(part, lib) {
  if (part.kind === 'tooling') return true;
  if (part.kind === 'lib') return part.name === lib || (map.libs[part.name] ?? []).includes(lib);
  const allowed = map.apps[part.name] ?? [];
  return allowed.includes('*') || allowed.includes(lib);
}

/** True when a file may import DataSource, EntityManager, Repository or QueryRunner from typeorm. */
function databaseAllowed(rel, baseline = map.database.baseline) {
  return DATABASE_ALLOWED.some((re) => re.test(rel)) || baseline.includes(rel);
}

function checkSpecifier(context, node, specifier) {
  if (typeof specifier !== 'string') return;
  const rel = relative(context.filename);
  const part = partOf(rel);
  const portal = /^@portal\/([^/]+)(\/.*)?$/.exec(specifier);
  if (portal) {
    const [, lib, subpath] = portal;
    if (subpath) return context.report({ node, messageId: 'throughIndex', data: { lib } });
    if (!LIBS.has(lib)) return context.report({ node, messageId: 'unknownLib', data: { lib } });
    if (!mayImportLib(part, lib))
      context.report({ node, messageId: 'arrow', data: { from: `${part.kind} ${part.name}`, to: lib } });
    return;
  }
  if (!specifier.startsWith('.') || part.kind === 'tooling') return;
  if (map.relativeExceptions.includes(rel)) return;
  const target = partOf(relative(path.resolve(path.dirname(context.filename), specifier)));
  if (target.kind === part.kind && target.name === part.name) return;
  if (target.kind === 'lib')
    return context.report({ node, messageId: 'throughIndex', data: { lib: target.name } });
  if (part.kind === 'app' && target.kind === 'app' && (map.appArrows[part.name] ?? []).includes(target.name))
    return;
  context.report({
    node,
    messageId: 'arrow',
    data: { from: `${part.kind} ${part.name}`, to: `${target.kind} ${target.name}` },
  });
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports and database access follow tools/architecture/map.json' },
    schema: [],
    messages: {
      throughIndex: "Import the lib '{{lib}}' through its index: `@portal/{{lib}}`.",
      unknownLib: "'@portal/{{lib}}' is not a part listed in tools/architecture/map.json.",
      arrow: '{{from}} may not import {{to}} (tools/architecture/map.json lists the allowed arrows).',
      database:
        'Only repositories and migrations touch the database: move this access into a `*.repository.ts` of the lib (tools/architecture/map.json).',
    },
  },
  create(context) {
    const baseline = map.database.baseline;
    const rel = relative(context.filename);
    const part = partOf(rel);
    return {
      ImportDeclaration(node) {
        checkSpecifier(context, node, node.source.value);
        if (node.source.value !== 'typeorm' || part.kind === 'tooling' || databaseAllowed(rel, baseline))
          return;
        const handle = node.specifiers.some(
          (s) => s.type === 'ImportSpecifier' && DATABASE_NAMES.has(s.imported.name ?? s.imported.value),
        );
        if (handle) context.report({ node, messageId: 'database' });
      },
      ExportNamedDeclaration(node) {
        if (node.source) checkSpecifier(context, node, node.source.value);
      },
      ExportAllDeclaration(node) {
        checkSpecifier(context, node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') checkSpecifier(context, node, node.source.value);
      },
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal')
          checkSpecifier(context, node, first.value);
      },
    };
  },
};

module.exports = { rule, map, partOf, relative, databaseAllowed, ROOT };

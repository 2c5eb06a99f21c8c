#!/usr/bin/env node
// `npx portal …` / `npm run -s portal -- …`: runs the compiled CLI, building it first when absent.
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist/apps/cli/src/main.js');
if (!existsSync(entry)) {
  execFileSync(
    process.execPath,
    [
      require.resolve('@swc/cli/bin/swc.js', { paths: [root] }),
      'apps',
      'libs',
      '--out-dir',
      'dist',
      '--copy-files',
      '--config-file',
      '.swcrc',
      '-q',
      '--ignore',
      '**/*.spec.ts,**/*.spec.tsx',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
require(entry);

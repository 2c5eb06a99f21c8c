#!/usr/bin/env node
// The image's HEALTHCHECK: GET /health/live on PORT answers 200. A container running the worker
// (no HTTP server) is healthy while its process runs, which is what reaching this script means.
const { readFileSync } = require('node:fs');

let command = '';
try {
  command = readFileSync('/proc/1/cmdline', 'utf8').split('\0').join(' ');
} catch {
  // not Linux, or no /proc: probe the api
}
if (/apps\/worker\/src\/main\.js/.test(command)) process.exit(0);
const port = Number(process.env.PORT) || 3000;
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  () => process.exit(1),
);

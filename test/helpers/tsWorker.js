// A worker_threads entry for tests: compiles TypeScript as it is required (with @swc/core, as
// jest's transform does), then runs the worker script named in workerData.tsScript. Jest's own
// transform does not reach worker threads; the product runs the compiled dist/ file instead.
const { workerData } = require('node:worker_threads');
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }).code,
  { exts: ['.ts'] },
);
require(workerData.tsScript);

// Jest's globalSetup: every test's temporary folders (databases, uploads, browser profiles) go
// under one folder per run, which globalTeardown.js removes, so runs do not pile up in /tmp.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = () => {
  const root = mkdtempSync(path.join(tmpdir(), 'warranty-tests-'));
  process.env.WARRANTY_TESTS_TMP_ROOT = root;
  process.env.TMPDIR = root; // os.tmpdir() in the test workers, which start after this
};

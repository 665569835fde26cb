// Jest's globalTeardown: removes the run's temporary folder that globalSetup.js made.
const { rmSync } = require('node:fs');

module.exports = () => {
  const root = process.env.WARRANTY_TESTS_TMP_ROOT;
  if (root) rmSync(root, { recursive: true, force: true });
};

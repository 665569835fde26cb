// Jest's globalTeardown: removes the run's temporary folder that globalSetup.js made, and on a
// PostgreSQL run the migrated template database it built.
const { rmSync } = require('node:fs');

module.exports = async () => {
  const root = process.env.WARRANTY_TESTS_TMP_ROOT;
  if (root) rmSync(root, { recursive: true, force: true });
  const template = process.env.WARRANTY_TEST_TEMPLATE;
  if (template) await dropTemplate(template);
};

async function dropTemplate(template) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

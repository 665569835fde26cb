// Jest's globalSetup: every test's temporary folders (databases, uploads, browser profiles) go
// under one folder per run, which globalTeardown.js removes, so runs do not pile up in /tmp.
// On a PostgreSQL run (TEST_STORE=postgres) it also checks that PostgreSQL answers, and drops
// the test databases of runs that died before they could drop their own.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'warranty-tests-'));
  process.env.WARRANTY_TESTS_TMP_ROOT = root;
  process.env.TMPDIR = root; // os.tmpdir() in the test workers, which start after this
  if (process.env.TEST_STORE === 'postgres') await preparePostgres();
};

async function preparePostgres() {
  const pg = require('pg');
  const url = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // never skip silently: a PostgreSQL run without PostgreSQL is a failed run
    throw new Error(
      `TEST_STORE=postgres, but PostgreSQL does not answer at ${url} (${error.message}). Start it with .ci/services, or set TEST_POSTGRES_URL.`,
    );
  }
  try {
    // a database a live run is using has a process id of a jest worker in its name; test databases
    // are named warranty_test_<pid>_<random>: drop those whose process is gone
    const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'warranty\\_test\\_%'");
    for (const { datname } of rows) {
      const pid = Number(/^warranty_test_(\d+)_/.exec(datname)?.[1]);
      if (pid && isAlive(pid)) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

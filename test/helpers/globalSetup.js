// Jest's globalSetup: every test's temporary folders (databases, uploads, browser profiles) go
// under one folder per run, which globalTeardown.js removes, so runs do not pile up in /tmp.
// On a PostgreSQL run (TEST_STORE=postgres) it also checks that PostgreSQL answers, drops the test
// databases of runs that died before they could drop their own, and builds one migrated template
// database that every test database is copied from (CREATE DATABASE … TEMPLATE: a file copy, far
// cheaper than running the migrations again for each of the hundreds of installations a run starts).
const { mkdtempSync } = require('node:fs');
const Module = require('node:module');
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
    // a database a live run is using has the process id of a jest worker (or, for the template,
    // of jest itself) in its name: drop those whose process is gone
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'warranty\\_test\\_%' OR datname LIKE 'warranty\\_template\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(/^warranty_(?:test|template)_(\d+)/.exec(datname)?.[1]);
      if (pid && isAlive(pid)) continue;
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    const template = `warranty_template_${process.pid}`;
    await client.query(`CREATE DATABASE ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const pool = new pg.Pool({ connectionString: templateUrl.toString(), max: 1 });
    try {
      await productMigrations().migrate(pool);
    } finally {
      // closed before any worker starts: a template nobody is connected to can be copied
      await pool.end();
    }
    process.env.WARRANTY_TEST_TEMPLATE = template;
  } finally {
    await client.end();
  }
}

/**
 * The product's own migrate() and PG_MIGRATIONS, compiled from src/ with the swc that jest uses:
 * the template is the schema of the sources under test, even when dist/ is stale or not built.
 */
function productMigrations() {
  const file = path.resolve(__dirname, '..', '..', 'src', 'storage', 'postgres', 'migrations.ts');
  const { code } = require('@swc/core').transformFileSync(file, {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  const compiled = new Module(file, module);
  compiled.filename = file;
  compiled.paths = Module._nodeModulePaths(path.dirname(file));
  compiled._compile(code, file);
  return compiled.exports;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL the tests may create databases on (trust auth on the project's machines). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether this jest run puts the product's storage on PostgreSQL (`npm run test:postgres`). */
export const ON_POSTGRES = process.env.TEST_STORE === 'postgres';

/** A URL naming another database on the same server. */
export function databaseUrl(name: string, base = TEST_POSTGRES_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The migrated database every installation's database is copied from (globalSetup.js builds it once
 * per run on PostgreSQL). Nobody may connect to it: CREATE DATABASE … TEMPLATE fails while anyone is.
 */
export const MIGRATED_TEMPLATE = process.env.WARRANTY_TEST_TEMPLATE;

/**
 * A new database of its own (warranty_test_…) for one test file or one test, and a drop that
 * removes it (terminating connections a test left open). Empty, unless `migrated`: then a copy of
 * the run's migrated template (the current schema, as a server that started on it would leave it),
 * which saves each installation its migrations. Every database a test creates is dropped; one a
 * crashed run left behind is dropped by the next run's global setup.
 */
export async function createTestDatabase(
  prefix = 'warranty_test',
  options: { migrated?: boolean } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated && MIGRATED_TEMPLATE ? ` TEMPLATE ${MIGRATED_TEMPLATE}` : '';
  await admin((client) => client.query(`CREATE DATABASE ${name}${template}`));
  return {
    url: databaseUrl(name),
    name,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs `work` on a short-lived connection to the maintenance database. */
export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

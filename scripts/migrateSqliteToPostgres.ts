/**
 * `npm run migrate:sqlite-to-postgres`: copies a SQLite deployment (DATA_DIR) into an empty
 * PostgreSQL database (DATABASE_URL), then prints the rows of each table on both sides.
 * Stop the server first. Exits 1 when the database is not empty, a proof file is missing, or a
 * count differs — and then PostgreSQL holds no copied row. See docs/operations.md.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import 'dotenv/config';
import pg from 'pg';
import { copySqliteToPostgres, countsMatch, type TableCount, TargetNotEmptyError } from '../src/storage/copySqliteToPostgres';
import { openDatabase } from '../src/storage/sqlite/database';

const DATABASE_FILE = 'warranty.sqlite';

/** Where the copy goes, without the password: the only form of DATABASE_URL that is ever printed. */
function describeTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
}

function countsTable(counts: TableCount[]): string {
  const width = Math.max(...counts.map((c) => c.table.length), 'table'.length);
  const line = (table: string, sqlite: string, postgres: string, mark: string) =>
    `${table.padEnd(width)}  ${sqlite.padStart(10)}  ${postgres.padStart(10)}  ${mark}`.trimEnd();
  return [
    line('table', 'sqlite', 'postgres', ''),
    ...counts.map((c) => line(c.table, String(c.sqlite), String(c.postgres), c.sqlite === c.postgres ? 'ok' : 'MISMATCH')),
  ].join('\n');
}

async function main(): Promise<number> {
  // the same variables as the server; read directly: the copy needs neither TOKEN_SECRET nor the rest of the config
  const dataDir = path.resolve(process.env.DATA_DIR?.trim() || './data');
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write('migrate:sqlite-to-postgres: set DATABASE_URL to the (empty) PostgreSQL database, postgres://…\n');
    return 1;
  }
  // openDatabase would create an empty database in a mistyped DATA_DIR, and the copy would "succeed" with nothing
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) {
    process.stderr.write(`migrate:sqlite-to-postgres: no ${DATABASE_FILE} in DATA_DIR (${dataDir})\n`);
    return 1;
  }
  const target = describeTarget(url);
  // brought to the current schema (as the server would on start), then read only: the copy never writes to SQLite
  const source = openDatabase(dataDir);
  source.pragma('query_only = ON');
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'qsee-warranty-migrate' });
  pool.on('error', () => undefined);
  process.stdout.write(`copying ${path.join(dataDir, DATABASE_FILE)} into ${target}\n`);
  try {
    const counts = await copySqliteToPostgres(source, path.join(dataDir, 'uploads'), pool);
    process.stdout.write(`${countsTable(counts)}\n`);
    if (!countsMatch(counts)) {
      process.stderr.write('migrate:sqlite-to-postgres: the counts differ; no row was kept in PostgreSQL\n');
      return 1;
    }
    process.stdout.write(`copied into ${target}; start the server with DATABASE_URL (and TOKEN_SECRET) set\n`);
    return 0;
  } catch (error) {
    // the message only: a driver's detail can quote a row's values
    const message = (error instanceof Error ? error.message : String(error)).split(url).join(target);
    if (error instanceof TargetNotEmptyError) process.stderr.write(`migrate:sqlite-to-postgres refused: ${message}; nothing was changed\n`);
    else process.stderr.write(`migrate:sqlite-to-postgres failed: ${message}; no row was kept in PostgreSQL\n`);
    return 1;
  } finally {
    source.close();
    await pool.end().catch(() => undefined);
  }
}

// exitCode, not exit(): the process ends once its output is written (the pool and the database are closed)
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`migrate:sqlite-to-postgres failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

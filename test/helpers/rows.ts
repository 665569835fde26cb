import type Database from 'better-sqlite3';
import pg from 'pg';
import { PgDatabase } from '../../src/storage/postgres/pgDatabase';
import type { Storage } from '../../src/storage/storage';
import { ON_POSTGRES } from './postgres';
import { openDatabaseFile } from './sqlite';
import { closedAtTheEnd, databaseUrlFor } from './store';

/**
 * Where rows are read from or planted: a storage in this process, or the installation (DATA_DIR) of a
 * server running elsewhere (its SQLite file, or its PostgreSQL database on a PostgreSQL run).
 */
export type RowsTarget = Storage | { dataDir: string };

/**
 * Runs the same SELECT on either store and returns its rows. Write it with `?` placeholders and
 * portable SQL (no json_extract, no rowid). Values read alike on both: counts are numbers, and a
 * JSON column is its text (claims.data is JSONB on PostgreSQL: parse it in the test).
 */
export async function rows<R = Record<string, unknown>>(target: RowsTarget, sql: string, ...params: unknown[]): Promise<R[]> {
  return (await run(target, sql, params, 'read')) as R[];
}

/** The first row of `rows`, or undefined. */
export async function row<R = Record<string, unknown>>(target: RowsTarget, sql: string, ...params: unknown[]): Promise<R | undefined> {
  return (await rows<R>(target, sql, ...params))[0];
}

/**
 * The column that breaks a tie between claims created in the same millisecond, in the order they
 * were inserted: SQLite's rowid, PostgreSQL's seq. Newest first: `ORDER BY created_at DESC, ${CLAIM_INSERTION} DESC`.
 */
export const CLAIM_INSERTION = ON_POSTGRES ? 'seq' : 'rowid';

/** SQL that is true when the bytes column `column` contains the bytes bound to the next `?`. */
export const containsBytes = (column: string) => (ON_POSTGRES ? `position(? IN ${column}) > 0` : `instr(${column}, ?) > 0`);

/** Every column that holds bytes (BLOB on SQLite, bytea on PostgreSQL), by table. */
export async function binaryColumns(target: RowsTarget): Promise<{ table: string; column: string }[]> {
  return ON_POSTGRES
    ? rows(
        target,
        'SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = \'bytea\' ORDER BY 1, 2',
      )
    : rows(
        target,
        'SELECT m.name AS "table", c.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = \'table\' AND c.type = \'BLOB\' ORDER BY 1, 2',
      );
}

/**
 * A reader that keeps one connection open, for a test that reads at an exact instant (a reply
 * arriving): on SQLite the read happens during the call, on PostgreSQL the query is on the wire
 * at once, with no connection to open first. Close it when done.
 */
export interface Reader {
  rows<R = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<R[]>;
  row<R = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<R | undefined>;
  close(): Promise<void>;
}

export async function openReader(target: { dataDir: string }): Promise<Reader> {
  let read: (sql: string, params: unknown[]) => Promise<unknown[]>;
  let close: () => Promise<void>;
  if (ON_POSTGRES) {
    const client = new pg.Client({ connectionString: await databaseUrlFor(target.dataDir), types: { getTypeParser: portableTypes } });
    await client.connect();
    read = async (sql, params) => (await client.query(numberedPlaceholders(sql), params)).rows;
    close = () => client.end();
  } else {
    const db = openDatabaseFile(target.dataDir, { readonly: true, fileMustExist: true });
    // synchronous: the rows are those of the instant of the call
    read = async (sql, params) => onSqlite(db, sql, params, 'read');
    close = async () => {
      db.close();
    };
  }
  const rowsOf = <R>(sql: string, ...params: unknown[]) => read(sql, params) as Promise<R[]>;
  return {
    rows: rowsOf,
    row: async <R>(sql: string, ...params: unknown[]) => (await rowsOf<R>(sql, ...params))[0],
    close: closedAtTheEnd(close),
  };
}

/** Runs a statement that plants or changes rows (committed at once), on either store. */
export async function execute(target: RowsTarget, sql: string, ...params: unknown[]): Promise<void> {
  await run(target, sql, params, 'write');
}

async function run(target: RowsTarget, sql: string, params: unknown[], kind: 'read' | 'write'): Promise<unknown[]> {
  const url = await postgresUrlOf(target);
  if (url) {
    const client = new pg.Client({ connectionString: url, types: { getTypeParser: portableTypes } });
    await client.connect();
    try {
      return (await client.query(numberedPlaceholders(sql), params)).rows;
    } finally {
      await client.end();
    }
  }
  if ('dataDir' in target) {
    const db = openDatabaseFile(target.dataDir, { fileMustExist: true });
    try {
      return onSqlite(db, sql, params, kind);
    } finally {
      db.close();
    }
  }
  // the storage's own connection: it sees what the pending group commit holds, as the server does
  const db = (target as unknown as { db: Database.Database }).db;
  return onSqlite(db, sql, params, kind);
}

function onSqlite(db: Database.Database, sql: string, params: unknown[], kind: 'read' | 'write'): unknown[] {
  const statement = db.prepare(sql);
  if (kind === 'read') return statement.all(...params);
  statement.run(...params);
  return [];
}

async function postgresUrlOf(target: RowsTarget): Promise<string | null> {
  if ('dataDir' in target) return ON_POSTGRES ? databaseUrlFor(target.dataDir) : null;
  const db = (target as { db?: unknown }).db;
  if (db instanceof PgDatabase) return (db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  return null;
}

const INT8 = 20;
const NUMERIC = 1700;
const JSONB = 3802;
const JSON_OID = 114;
function portableTypes(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
  if (oid === JSONB || oid === JSON_OID) return (value: string) => value;
  return pg.types.getTypeParser(oid, format);
}

/** `?` → `$1`, `$2`… outside quoted strings. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

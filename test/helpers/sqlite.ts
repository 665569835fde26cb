import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../src/storage/sqlite/database';
import { openSqliteStorage, type SqliteStorage, type SqliteStorageOptions } from '../../src/storage/sqlite/openSqliteStorage';
import type { Storage } from '../../src/storage/storage';

/** The SQLite database under a storage (the server's is SQLite), for tests that look at its rows or plant some. */
export function databaseOf(storage: Storage): Db {
  return (storage as SqliteStorage).db;
}

/**
 * A fresh SQLite storage in a temp folder (`dir`), without the background checkpointer; `db` is its
 * database. For tests about SQLite itself; the store-neutral one is `openTestStorage` (store.ts).
 */
export function openSqliteTestStorage(options: SqliteStorageOptions & { dir?: string } = {}): SqliteStorage & { dir: string } {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'warranty-storage-'));
  return Object.assign(openSqliteStorage(dir, { checkpointInBackground: false, ...options }), { dir });
}

/** The database file of a server running elsewhere (a child process), opened from the outside to check what it stored. */
export function openDatabaseFile(dataDir: string, options: Database.Options = {}): Db {
  return new Database(path.join(dataDir, 'warranty.sqlite'), options);
}

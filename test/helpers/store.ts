import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../../src/clock';
import { openPostgresStorage } from '../../src/storage/postgres/openPostgresStorage';
import { openSqliteStorage } from '../../src/storage/sqlite/openSqliteStorage';
import type { Storage } from '../../src/storage/storage';
import { createTestDatabase, ON_POSTGRES } from './postgres';

/**
 * The store this jest run puts the product on (`TEST_STORE=postgres`: PostgreSQL, otherwise SQLite),
 * and the test databases it needs. On PostgreSQL every installation — a DATA_DIR a harness, a test
 * app or a built server is started on — gets a fresh database of its own; starting again on the same
 * DATA_DIR finds the same database (a restart). Every database is dropped when the test file ends,
 * after whatever still uses it is closed.
 */
export const STORE = ON_POSTGRES ? 'postgres' : 'sqlite';

/** `describe` on SQLite, `describe.skip` on PostgreSQL: for tests about SQLite itself. Say why at the call. */
export function sqliteOnly(_why: string): jest.Describe {
  return ON_POSTGRES ? describe.skip : describe;
}

/** `describe` on PostgreSQL, `describe.skip` on SQLite. */
export const postgresOnly: jest.Describe = ON_POSTGRES ? describe : describe.skip;

interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}
const databases = new Map<string, Promise<TestDatabase>>();
const stillOpen = new Set<() => Promise<void>>();

if (ON_POSTGRES) {
  // the file's own afterAll hooks ran first; a test that failed early may have left something open
  afterAll(async () => {
    await Promise.allSettled([...stillOpen].map((close) => close()));
    stillOpen.clear();
    const created = await Promise.allSettled(databases.values());
    databases.clear();
    // a file of many tests has a database each: dropped side by side, with time for a loaded machine
    await Promise.all(created.map((database) => (database.status === 'fulfilled' ? database.value.drop() : undefined)));
  }, 120_000);
}

/** The PostgreSQL database of the installation in `dataDir` (created on first use, dropped at the end of the file). */
export function databaseUrlFor(dataDir: string): Promise<string> {
  let database = databases.get(dataDir);
  if (!database) {
    // migrated already: the server, harness or storage opened on it finds the schema current
    database = createTestDatabase('warranty_test', { migrated: true });
    databases.set(dataDir, database);
  }
  return database.then((d) => d.url);
}

/**
 * Remembers something to close before the file's databases are dropped; the returned function is
 * the close that tests call (it forgets it again).
 */
export function closedAtTheEnd(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  const once = () => {
    stillOpen.delete(once);
    closing ??= close();
    return closing;
  };
  stillOpen.add(once);
  return once;
}

export interface TestStorageOptions {
  /** The installation's folder (files on disk); the same folder reopens the same database. */
  dir?: string;
  clock?: Clock;
  /** A commit (SQLite) or after-commit callback (both) that failed with nobody waiting. */
  onCommitError?: (error: unknown) => void;
}

export type TestStorage = Storage & { dir: string };

/** The store under test, fresh (or the one of `dir` again): SQLite in a temp folder, or a PostgreSQL database of its own. */
export async function openTestStorage(options: TestStorageOptions = {}): Promise<TestStorage> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'warranty-storage-'));
  if (!ON_POSTGRES) {
    const storage = openSqliteStorage(dir, { checkpointInBackground: false, clock: options.clock, onCommitError: options.onCommitError });
    return Object.assign(storage, { dir });
  }
  const storage = await openPostgresStorage(await databaseUrlFor(dir), { clock: options.clock, onCallbackError: options.onCommitError });
  const close = closedAtTheEnd(storage.close);
  return Object.assign(storage, { dir, close });
}

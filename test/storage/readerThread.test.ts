import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Db, openDatabase } from '../../src/storage/sqlite/database';
import { ReaderThreadError, SqliteReaderThread } from '../../src/storage/sqlite/readerThread';

/*
 * The dashboard's long reads run on a second, read-only connection on a worker thread: the main
 * thread (every customer's turn) goes on while they run, SQLite's errors come back as errors, and a
 * closed reader refuses instead of hanging.
 */
let dir: string;
let db: Db;
let reader: SqliteReaderThread;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'warranty-reader-'));
  db = openDatabase(dir);
  db.exec('CREATE TABLE numbers (n INTEGER)');
  db.prepare('INSERT INTO numbers (n) VALUES (1), (2), (3)').run();
  reader = new SqliteReaderThread(db.name);
});
afterEach(async () => {
  await reader.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Seconds of SQLite work in one statement: a count to `n` through a recursive CTE. */
const COUNT_TO = 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) SELECT COUNT(*) AS n FROM c';

test('reads what was committed, with parameters, the same statement again', async () => {
  expect(await reader.all('SELECT n FROM numbers WHERE n >= ? ORDER BY n', [2])).toEqual([{ n: 2 }, { n: 3 }]);
  db.prepare('INSERT INTO numbers (n) VALUES (4)').run();
  expect(await reader.all('SELECT n FROM numbers WHERE n >= ? ORDER BY n', [2])).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
});

test('the main thread goes on while a long read runs on the worker', async () => {
  let turns = 0;
  let reading = true;
  const spin = () => {
    turns++;
    if (reading) setImmediate(spin);
  };
  setImmediate(spin);
  // on the main thread this read would end before the first setImmediate could run
  const [{ n }] = await reader.all<{ n: number }>(COUNT_TO, [3_000_000]);
  reading = false;
  expect(n).toBe(3_000_000);
  expect(turns).toBeGreaterThan(10);
});

test('bad input: an SQL error is an error, a write is refused (read-only), and the reader goes on', async () => {
  await expect(reader.all('SELECT nope FROM numbers', [])).rejects.toThrow(ReaderThreadError);
  await expect(reader.all('SELECT nope FROM numbers', [])).rejects.toThrow(/no such column: nope/);
  await expect(reader.all('INSERT INTO numbers (n) VALUES (9) RETURNING n', [])).rejects.toThrow(/readonly/);
  await expect(reader.all('SELECT n FROM numbers WHERE n = ?', [])).rejects.toThrow(ReaderThreadError);
  expect(await reader.all('SELECT COUNT(*) AS c FROM numbers', [])).toEqual([{ c: 3 }]);
  expect((db.prepare('SELECT COUNT(*) AS c FROM numbers').get() as { c: number }).c).toBe(3);
});

test('stopped: a read under way and any later read fail instead of hanging', async () => {
  const under = expect(reader.all(COUNT_TO, [50_000_000])).rejects.toThrow('the database is closed');
  await reader.stop();
  await under;
  await expect(reader.all('SELECT 1 AS one', [])).rejects.toThrow('the database is closed');
});

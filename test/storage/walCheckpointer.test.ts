import { closeSync, mkdtempSync, openSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openDatabase } from '../../src/storage/sqlite/database';
import { WalCheckpointer } from '../../src/storage/sqlite/walCheckpointer';
import { sqliteOnly } from '../helpers/store';

/** SQLite only: the WAL file and its checkpoints are SQLite's. */
const describeOnSqlite = sqliteOnly("the WAL file and its checkpoints are SQLite's");

/** The WAL header's checkpoint sequence number: SQLite adds one each time the log starts over. */
function walCheckpointSequence(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

/** Resolves when `check` holds, polling; fails after `ms` (a deadline, not a sleep to line things up). */
async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeOnSqlite('WalCheckpointer', () => {
  test('the main connection never checkpoints, however long the log grows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-wal-'));
    const db = openDatabase(dir);
    const file = path.join(dir, 'warranty.sqlite');
    // the worker is not due within the test: only the main connection could checkpoint here (with a
    // short interval the worker itself could copy the log during the inserts on a busy machine)
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 3_600_000 });
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      db.exec('CREATE TABLE t (data TEXT)');
      const sizeBefore = statSync(file).size;
      const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000)); // ~2 MB, far past SQLite's own 1 000-page checkpoint
      expect(statSync(file).size).toBe(sizeBefore); // all of it still in the log
    } finally {
      await checkpointer.stop();
    }
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  test('the worker copies the log into the database file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-wal-'));
    const db = openDatabase(dir);
    const file = path.join(dir, 'warranty.sqlite');
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 20 });
    try {
      db.exec('CREATE TABLE t (data TEXT)');
      const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
      await eventually(() => statSync(file).size > 2_000_000);
    } finally {
      await checkpointer.stop();
    }
    db.close();
  });

  test('under constant writes the log still starts over, instead of growing with every commit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-wal-'));
    const db = openDatabase(dir);
    const wal = path.join(dir, 'warranty.sqlite-wal');
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 10, restartBytes: 256 * 1024 });
    let commits = 0;
    try {
      db.exec('CREATE TABLE t (data TEXT)');
      const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
      const firstSequence = walCheckpointSequence(wal);
      // Small commits a moment apart, as busy turns write: a passive checkpoint never catches
      // up with the last commit, so without the worker's RESTART the log never starts over (0
      // times in 3 000 commits, 36 MB of log; with it, about 85 times and 2 MB). Counting the
      // restarts, not the log's size, keeps a busy machine that delays the worker from failing it.
      const deadline = Date.now() + 30_000;
      while (walCheckpointSequence(wal) - firstSequence < 3) {
        if (commits >= 6000 || Date.now() > deadline) throw new Error(`the log never started over in ${commits} commits`);
        insert.run('x'.repeat(4000));
        commits++;
        if (commits % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } finally {
      await checkpointer.stop();
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: commits });
    db.close();
  });
});

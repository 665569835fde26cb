import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { WalCheckpointer } from '../../src/storage/walCheckpointer';

/** Resolves when `check` holds, polling; fails after `ms` (a deadline, not a sleep to line things up). */
async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WalCheckpointer', () => {
  test('the main connection never checkpoints; the worker copies the log into the database file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-wal-'));
    const db = openDatabase(dir);
    const file = path.join(dir, 'warranty.sqlite');
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 20 });
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      db.exec('CREATE TABLE t (data TEXT)');
      const sizeBefore = statSync(file).size;
      const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000)); // ~2 MB, far past SQLite's own 1 000-page checkpoint
      expect(statSync(file).size).toBe(sizeBefore); // all of it still in the log
      await eventually(() => statSync(file).size > 2_000_000);
    } finally {
      await checkpointer.stop();
    }
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  test('under constant writes the log still starts over, so it stays near restartBytes instead of growing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-wal-'));
    const db = openDatabase(dir);
    const wal = path.join(dir, 'warranty.sqlite-wal');
    const checkpointer = WalCheckpointer.start(db, { intervalMs: 10, restartBytes: 256 * 1024 });
    let largest = 0;
    try {
      db.exec('CREATE TABLE t (data TEXT)');
      const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
      // 12 MB in small commits a moment apart, as busy turns write: a checkpoint never catches
      // up with the last commit, so the log cannot start over by itself
      for (let i = 0; i < 3000; i++) {
        insert.run('x'.repeat(4000));
        largest = Math.max(largest, statSync(wal).size);
        if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    } finally {
      await checkpointer.stop();
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3000 });
    // without the restarts the log holds all 12 MB; with them it stays a fraction of that,
    // with room for a busy machine delaying the worker
    expect(largest).toBeLessThan(6 * 1024 * 1024);
    db.close();
  });
});

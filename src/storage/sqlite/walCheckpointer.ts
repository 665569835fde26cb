import { Worker } from 'node:worker_threads';
import type { Db } from './database';

/**
 * Copies the write-ahead log back into the database file on a worker thread.
 *
 * SQLite's automatic checkpoint runs inside whichever commit crosses 1 000 pages, on our one
 * JavaScript thread, and syncs the file to disk twice: that commit, and every turn queued
 * behind it, waits milliseconds (the bench saw 18 ms stalls). Here the main connection never
 * checkpoints; a second connection on a worker does it a few times a second without blocking
 * writers, and once the log has grown past `restartBytes` starts it over right after a pass,
 * when the write lock is free (a RESTART that waited for it stalled the turns for up to 2 s).
 */
export class WalCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly db: Db,
  ) {}

  static start(db: Db, options: { intervalMs?: number; restartBytes?: number } = {}): WalCheckpointer {
    db.pragma('wal_autocheckpoint = 0');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file: db.name,
        intervalMs: options.intervalMs ?? 250,
        restartBytes: options.restartBytes ?? 8 * 1024 * 1024,
      },
    });
    worker.unref();
    // A failed worker must not take the checkpoints with it: SQLite's own take over again.
    worker.on('error', () => db.open && db.pragma('wal_autocheckpoint = 1000'));
    return new WalCheckpointer(worker, db);
  }

  /** Stops the worker; closing the main connection afterwards checkpoints what is left. */
  async stop(): Promise<void> {
    await this.worker.terminate();
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}

// Plain JavaScript, evaluated in the worker (so it runs the same under ts-node, jest and dist/).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// never wait for the lock: a busy moment is skipped and tried again at the next interval
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const restartFrames = Math.ceil(workerData.restartBytes / db.pragma('page_size', { simple: true }));
setInterval(() => {
  const [copied] = db.pragma('wal_checkpoint(PASSIVE)');
  // Under constant writes the log never starts over by itself: a commit always lands while a
  // checkpoint runs. Right after the passive pass little is left to copy, so a RESTART holds the
  // write lock only briefly; it gives up at once (busy) if a transaction is open.
  if (copied.log >= restartFrames) db.pragma('wal_checkpoint(RESTART)');
}, workerData.intervalMs);
`;

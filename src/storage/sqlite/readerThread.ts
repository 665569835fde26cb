import { Worker } from 'node:worker_threads';

/** A query that failed on the reader thread: the message is SQLite's. */
export class ReaderThreadError extends Error {}

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

/**
 * Long reads on a second connection, on a worker thread. better-sqlite3 runs every statement on the
 * thread that calls it: the dashboard's summary of a year at a million claims takes seconds, and on
 * the main thread every customer's turn would wait for it. The worker's connection is read-only and,
 * the database being in WAL mode, reads the last commit without blocking the writer or being blocked.
 * It is started on the first read (most processes never read stats) and restarted after a crash.
 * Reads run one after the other in the order asked.
 */
export class SqliteReaderThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly file: string) {}

  /** Every row of `sql` with `params`, as better-sqlite3's `all()` gives them. */
  all<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    if (this.stopped) return Promise.reject(new ReaderThreadError('the database is closed'));
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<R[]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      // a read under way keeps the process alive until it is answered
      worker.ref();
      worker.postMessage({ id, sql, params });
    });
  }

  /** Ends the worker; reads still waiting fail. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new ReaderThreadError('the database is closed'));
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: this.file },
    });
    // an idle reader never keeps the process alive
    worker.unref();
    worker.on('message', (message: { id: number; rows?: unknown[]; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.error !== undefined) waiting.reject(new ReaderThreadError(message.error));
      else waiting.resolve(message.rows ?? []);
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(error);
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new ReaderThreadError(`the reader thread stopped (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(error);
  }
}

// Plain JavaScript, evaluated in the worker (so it runs the same under ts-node, jest and dist/).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
`;

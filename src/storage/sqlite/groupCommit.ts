import type { Db } from './database';

/** Tries of a several-step read that a writer overlapped, before one is returned as committed (see readCommitted). */
const OVERLAPPED_READ_ATTEMPTS = 3;

/**
 * One SQLite transaction per event-loop tick instead of one per statement.
 *
 * A turn writes its claim, its dialog state, its transcript and (on Direct Line) its replies;
 * fifty conversations at once write the same pages over and over. Every commit appends each
 * page it touched to the write-ahead log, so committing all of a tick's writes together writes
 * each page once. Writers call `join()` before writing; the transaction commits when the tick
 * ends (`setImmediate`) or earlier through `flush()`. A turn awaits `durable()` before its HTTP
 * response, so an acknowledged turn is on disk, and the turns that end in the same tick share
 * one commit. Whatever must not be seen before it is stored (a reply pushed to the customer's
 * WebSocket) waits in `afterCommit`.
 */
interface Waiter {
  committed(): void;
  failed(error: unknown): void;
}

/** Test hooks: they make the order of commit and reply observable, and a commit fail. */
export interface GroupCommitOptions {
  /**
   * Commit only when someone waits for it (`durable`, `readCommitted`) or calls `flush`, not at
   * the end of the tick: a reply that does not wait for the commit then provably leaves first.
   */
  commitOnlyWhenAwaited?: boolean;
  /** Runs just before COMMIT; throwing from it fails the commit as a full disk would. */
  beforeCommit?: () => void;
}

export class GroupCommit {
  private open = false;
  /** Batches opened so far: a read that sees this change while it runs overlapped a writer. */
  private batches = 0;
  private scheduled = false;
  private waiting: Waiter[] = [];
  private readonly rollbackListeners: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly options: GroupCommitOptions = {},
  ) {}

  /**
   * `listener` runs when a batch is rolled back: whoever keeps what it wrote in memory (a
   * cache of claims, watermarks...) forgets it, so nothing is believed that the database lacks.
   */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /** A unit of work needs nothing more here: its writes join the pass's batch like any other. */
  unit<T>(work: () => Promise<T>, _conversation?: string): Promise<T> {
    return work();
  }

  /** One process owns the file, and a read and its write meet no other writer: nothing more to do. */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  /** Makes the writes that follow part of this tick's transaction. */
  join(): void {
    // Inside someone's db.transaction() the writes belong to it; outside, a new batch opens.
    if (this.open || this.db.inTransaction) return;
    // IMMEDIATE: the batch will write, so it takes the write lock now, waiting (busy_timeout) for
    // the checkpointer's connection. A deferred BEGIN that read first and wrote later failed at once
    // with "database is locked" when a checkpoint had moved the log in between (seen in the bench).
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    this.batches++;
    if (!this.options.commitOnlyWhenAwaited) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      try {
        this.flush();
      } catch (error) {
        this.onError(error);
      }
    });
  }

  /** `flush` as a promise, for callers that also run on PostgreSQL. */
  async commitNow(): Promise<void> {
    this.flush();
  }

  /** Commits what is pending now (a no-op when nothing is). */
  flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    if (this.open) {
      this.open = false;
      try {
        this.options.beforeCommit?.();
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        for (const listener of this.rollbackListeners) listener();
        for (const waiter of waiting) waiter.failed(error);
        throw error;
      }
    }
    for (const waiter of waiting) waiter.committed();
  }

  /** Resolves once what has been written so far is committed; rejects if that commit fails. */
  durable(): Promise<void> {
    if (!this.open) return Promise.resolve();
    if (this.options.commitOnlyWhenAwaited) this.schedule();
    return new Promise((committed, failed) => this.waiting.push({ committed, failed }));
  }

  /**
   * Runs `read` when nothing uncommitted is pending — at once, or right after the commit, before
   * anything else can write — and rejects if that commit fails. Our own connection sees
   * uncommitted rows: what a client reads through it must not include any.
   *
   * A synchronous read is one moment. A read of several steps (awaits between its queries) lets
   * other work run in between; if that work wrote, the read may hold its uncommitted rows or mix
   * two moments, so it is read again right after that write's commit (or its rollback). After a
   * few overlapped tries the last read is returned once its writes are committed — never rows a
   * failed commit takes back.
   */
  async readCommitted<T>(read: () => T | Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { result, overlapped } = await this.readRightAfterCommit(read, attempt > 1);
      if (!overlapped) return result;
      if (attempt === OVERLAPPED_READ_ATTEMPTS) {
        await this.durable();
        return result;
      }
    }
  }

  /** One read, started synchronously right after the pending commit; `retrying`: another writer's failed commit is not ours. */
  private readRightAfterCommit<T>(read: () => T | Promise<T>, retrying: boolean): Promise<{ result: T; overlapped: boolean }> {
    const start = (): Promise<{ result: T; overlapped: boolean }> => {
      const before = this.batches;
      const value = read();
      if (!(value instanceof Promise)) return Promise.resolve({ result: value, overlapped: false });
      return value.then((result) => ({ result, overlapped: this.batches !== before }));
    };
    if (!this.open) return new Promise((resolve) => resolve(start()));
    if (this.options.commitOnlyWhenAwaited) this.schedule();
    return new Promise((resolve, reject) =>
      this.waiting.push({
        committed: () => {
          try {
            resolve(start());
          } catch (error) {
            reject(error);
          }
        },
        // after a rollback nothing is pending: the read starts at once
        failed: retrying ? () => resolve(this.readRightAfterCommit(read, retrying)) : reject,
      }),
    );
  }

  /** Runs `callback` once what has been written so far is committed (at once if it is; never if the commit fails). */
  afterCommit(callback: () => void): void {
    const committed = () => {
      try {
        callback();
      } catch (error) {
        this.onError(error);
      }
    };
    if (!this.open) {
      committed();
      return;
    }
    this.waiting.push({ committed, failed: () => {} });
  }
}

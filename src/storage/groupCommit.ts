import type { Db } from './database';

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

export class GroupCommit {
  private open = false;
  private waiting: Waiter[] = [];

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Makes the writes that follow part of this tick's transaction. */
  join(): void {
    // Inside someone's db.transaction() the writes belong to it; outside, a new batch opens.
    if (this.open || this.db.inTransaction) return;
    this.db.exec('BEGIN');
    this.open = true;
    setImmediate(() => {
      try {
        this.flush();
      } catch (error) {
        this.onError(error);
      }
    });
  }

  /** Commits what is pending now (a no-op when nothing is). */
  flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    if (this.open) {
      this.open = false;
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        for (const waiter of waiting) waiter.failed(error);
        throw error;
      }
    }
    for (const waiter of waiting) waiter.committed();
  }

  /** Resolves once what has been written so far is committed; rejects if that commit fails. */
  durable(): Promise<void> {
    if (!this.open) return Promise.resolve();
    return new Promise((committed, failed) => this.waiting.push({ committed, failed }));
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
    if (this.open) this.waiting.push({ committed, failed: () => {} });
    else committed();
  }
}

import type { Db } from './database';

/**
 * One SQLite transaction per event-loop tick instead of one per statement.
 *
 * A turn writes its claim, its dialog state, its transcript and (on Direct Line) its replies;
 * fifty conversations at once write the same pages over and over. Every commit appends each
 * page it touched to the write-ahead log, so committing all of a tick's writes together writes
 * each page once. Writers call `join()` before writing; the transaction commits when the tick
 * ends (`setImmediate`) or earlier through `flush()`, which a turn calls before its HTTP
 * response, so an acknowledged turn is on disk. Whatever must not be seen before it is stored
 * (a reply pushed to the customer's WebSocket) waits in `afterCommit`.
 */
export class GroupCommit {
  private open = false;
  private waiting: Array<() => void> = [];

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
    if (this.open) {
      this.open = false;
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.waiting = [];
        throw error;
      }
    }
    const ready = this.waiting;
    this.waiting = [];
    for (const callback of ready) {
      try {
        callback();
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** Runs `callback` once what has been written so far is committed (at once if it is). */
  afterCommit(callback: () => void): void {
    if (this.open) this.waiting.push(callback);
    else callback();
  }
}

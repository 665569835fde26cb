/**
 * The unit of work as the rest of the server sees it. Repositories put their writes into the
 * current batch themselves; whoever answers a client (the turn runner, an agent route) waits
 * for that batch to be committed before saying it was done.
 */
export interface Commits {
  /**
   * Runs `work` (a turn, an agent's proactive turn) as one unit of work: SQLite commits it with the
   * pass it ran in; PostgreSQL runs it in its own transaction, committed at each `durable()` it waits
   * for and at its end, rolled back if it fails. `conversation` (its `keyText`) lets it read the
   * conversation's working set (dialog state, claim) with its first round trip.
   */
  unit<T>(work: () => Promise<T>, conversation?: string): Promise<T>;
  /**
   * Runs a read-modify-write (a claim's status change) atomically: inside the current unit of work
   * when there is one, else as a unit of its own. On PostgreSQL its row locks then hold until that
   * unit commits: two agents accepting one claim at once are served one after the other.
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once everything written so far is committed; rejects if that commit fails. */
  durable(): Promise<void>;
  /** Commits what is pending now (a turn that went ahead of the pass does not wait for it). */
  flush(): void;
  /** `flush`, for a turn: on PostgreSQL it commits the current unit's transaction; rejects if that fails. */
  commitNow(): Promise<void>;
  /** Runs `callback` once what has been written so far is committed (never, if the commit fails). */
  afterCommit(callback: () => void): void;
  /** Runs `read` with nothing uncommitted pending: a client never reads a write a failed commit takes back. */
  readCommitted<T>(read: () => T | Promise<T>): Promise<T>;
}

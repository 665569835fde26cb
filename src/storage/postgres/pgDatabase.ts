import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { type ConversationKey, parseKeyText } from '../../domain/conversationKey';
import type { Commits } from '../commits';
import { ETAG_CONFLICT_SQLSTATE, EtagConflictError } from '../etagConflict';
import { StorageUnavailableError } from '../storageUnavailable';
import { inlineParameters, sqlLiteral } from './sqlLiteral';

/**
 * The advisory-lock space of conversations (hashtextextended's seed): a unit of a conversation takes
 * its lock with every BEGIN, so one conversation's turns never run at once on two instances —
 * the second waits for the first's commit — and a conversation's first turns cannot both find no
 * dialog state and each start a claim.
 */
const CONVERSATION_LOCKS = 17_2026;

/**
 * A turn's transaction is open from its first statement to its commit, across the bot's own work
 * (a file downloaded from a channel: up to 10 MB, bounded by the download's own timeout). A minute
 * idle in it means the holder hung: PostgreSQL ends the session and its conversation's lock with it.
 */
const IDLE_IN_TRANSACTION_MS = 60_000;
/** How often PostgreSQL checks that the client of a running statement is still there (client_connection_check_interval). */
const CONNECTION_CHECK_MS = 5_000;

/**
 * Takes the conversation's lock, and says whether it had to wait and how long: null when it was free
 * (the try takes it at once), else the milliseconds from the message's arrival (statement_timestamp,
 * BEGIN's) to the lock — what the benchmark reports as lock waits per turn. CASE evaluates its ELSE
 * only when the try failed, so a free lock costs one function call more than before, and no round trip.
 */
const takeConversationLock = (conversation: string) => {
  const key = `hashtextextended(${conversation}, ${CONVERSATION_LOCKS})`;
  return `SELECT CASE WHEN pg_try_advisory_xact_lock(${key}) THEN NULL ELSE (SELECT (1000 * extract(epoch FROM clock_timestamp() - statement_timestamp()))::float8 FROM pg_advisory_xact_lock(${key})) END AS conversation_lock_waited_ms`;
};

/** A query's rows and how many rows it changed. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Connection settings: the pool, and how long to wait for PostgreSQL before a request is refused. */
export interface PgOptions {
  poolSize?: number;
  /** Waiting for a connection (PostgreSQL down or every connection busy): past it, the request gets a 503. */
  connectTimeoutMs?: number;
  /** One statement's limit, on the server. */
  statementTimeoutMs?: number;
  /**
   * How long one of our sessions may sit in an open transaction without sending anything before
   * PostgreSQL ends it: a turn that hangs holding its conversation's lock (taken with each BEGIN)
   * releases it then, and the conversation's next turn runs. Longer than any honest pause of a turn.
   */
  idleInTransactionTimeoutMs?: number;
  /** An idle connection's error (PostgreSQL restarted): logged, the pool opens a new one when needed. */
  onIdleError?: (error: Error) => void;
}

/**
 * A read a unit sends with its first round trip, for the conversation it runs in (the turn's dialog
 * state, its claim): `keep` stores the rows where the repository will look for them.
 */
export interface Prefetch {
  text: string;
  values: unknown[];
  keep(rows: pg.QueryResultRow[]): void;
}
export type Prefetcher = (conversation: ConversationKey) => Prefetch;

/** How a statement may be sent. */
export interface StatementOptions {
  /** Prepares it once per connection (hot statements sent on their own). */
  name?: string;
  /** Never written into the SQL text (large bytes): pending statements go first, in a message of their own. */
  keepParameters?: boolean;
}

/**
 * The unit of work of one turn (or one agent's proactive turn): its statements run on one
 * connection in one transaction, committed when the turn waits for `durable()` (before its
 * replies leave) and at its end. Round trips are what a turn pays for on a network database
 * (each is a socket write and a wake-up, on both sides), so a unit sends as few as it can:
 *  - a write whose result nobody reads (a claim saved, an audit row, the dialog state) is kept
 *    and sent with the next statement that needs an answer, or with the COMMIT;
 *  - BEGIN goes with the transaction's first statement.
 * Statements sent together go as one simple-protocol message, their values written in as
 * literals (sqlLiteral.ts); a statement sent alone goes with its parameters, prepared.
 * Between commits the unit holds no connection.
 */
class Unit {
  private client: pg.PoolClient | null = null;
  private connecting: Promise<pg.PoolClient> | null = null;
  private inTransaction = false;
  /** Writes kept for the next round trip, as SQL text. */
  private pending: string[] = [];
  /**
   * The first statement (or connection, or commit) that failed. The transaction is lost with
   * everything the unit wrote — the customer's message too — so the unit fails from then on: every
   * later statement and its end throw it, and the request that ran it is answered with the error,
   * never with a success whose writes were rolled back.
   */
  private failure: unknown = null;
  private committed: (() => void)[] = [];
  /** Set when the unit's work is over: statements from work that outlives it run on their own. */
  ended = false;
  /** What repositories keep for the length of the unit (claims read in this turn), forgotten with it. */
  readonly scratch = new Map<object, unknown>();
  /** Rows this unit's open transaction has locked (SELECT … FOR UPDATE): released by its commit. */
  readonly locked = new Set<string>();
  /** Reads to send with the first round trip. */
  private prefetches: Prefetch[];

  /** BEGIN, and for a conversation's unit the conversation's lock with it (see PgDatabase.unit). */
  private readonly begin: string;

  constructor(
    private readonly database: PgDatabase,
    prefetches: Prefetch[] = [],
    conversation: string | null = null,
  ) {
    this.prefetches = prefetches;
    this.locksConversation = conversation !== null;
    this.begin = conversation === null ? 'BEGIN' : `BEGIN;\n${takeConversationLock(sqlLiteral(conversation))}`;
  }

  /** Whether BEGIN comes with the conversation's lock, whose result is the second of the message that sends it. */
  private readonly locksConversation: boolean;

  /** Counts the conversation's lock when the message that began the transaction (`results`) found it held. */
  private noteLockWait(results: pg.QueryResult | pg.QueryResult[]): void {
    if (!this.locksConversation || !Array.isArray(results)) return;
    const waitedMs = results[1]?.rows[0]?.conversation_lock_waited_ms;
    if (typeof waitedMs === 'number') this.database.noteLockWait(waitedMs);
  }

  /** A write whose result is not needed now: it leaves with the next round trip. */
  defer(text: string, values: readonly unknown[]): void {
    this.throwIfFailed();
    this.pending.push(inlineParameters(text, values));
  }

  async query<R>(text: string, values: readonly unknown[], options: StatementOptions): Promise<QueryResult<R>> {
    this.throwIfFailed();
    try {
      const client = await this.connection();
      const prefetches = this.prefetches;
      const reads = prefetches.map((p) => inlineParameters(p.text, p.values));
      const begins = !this.inTransaction;
      const ahead = [...(begins ? [this.begin] : []), ...this.pending, ...reads];
      // written out before anything changes: a value that cannot be sent fails this call alone
      const statement = options.keepParameters ? null : inlineParameters(text, values);
      this.pending = [];
      this.prefetches = [];
      this.inTransaction = true;
      const keepPrefetched = (results: pg.QueryResult | pg.QueryResult[]) => {
        const all = Array.isArray(results) ? results : [results];
        // the reads are the last statements before the one asked for (or the last ones sent)
        const first = all.length - reads.length - (statementSentWith ? 1 : 0);
        for (const [i, p] of prefetches.entries()) p.keep(all[first + i].rows);
      };
      const statementSentWith = ahead.length > 0 && statement !== null;
      if (statementSentWith) {
        const results = await this.database.counted(client.query([...ahead, statement].join(';\n')));
        if (begins) this.noteLockWait(results);
        keepPrefetched(results);
        return lastResult<R>(results);
      }
      // large bytes keep their parameters: what is kept goes first, in a message of its own
      if (ahead.length > 0) {
        const results = await this.database.counted(client.query(ahead.join(';\n')));
        if (begins) this.noteLockWait(results);
        keepPrefetched(results);
      }
      const config: pg.QueryConfig = { text, values: values as unknown[], ...(options.name ? { name: options.name } : {}) };
      return lastResult<R>(await this.database.counted(client.query(config)));
    } catch (error) {
      if (!(error instanceof TypeError || error instanceof RangeError)) this.failure ??= error;
      throw this.database.translate(error);
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.database.translate(this.failure);
  }

  /** The unit's connection; a statement is sent on it in the same step (no await between), so no commit can come between. */
  private async connection(): Promise<pg.PoolClient> {
    while (!this.client) {
      this.connecting ??= this.database.connect().finally(() => {
        this.connecting = null;
      });
      const client = await this.connecting;
      // the first to resume keeps it; anyone else waiting on the same connect finds it kept
      if (!this.client) this.client = client;
    }
    return this.client;
  }

  /** Runs `callback` after the current transaction commits (at once when nothing is open or kept). */
  afterCommit(callback: () => void): void {
    if (this.client || this.connecting || this.pending.length > 0) this.committed.push(callback);
    else callback();
  }

  /** Sends what is kept and commits; a failed statement in the transaction fails the commit (and the unit). */
  async commit(): Promise<void> {
    if (this.connecting) await this.connecting.catch(() => undefined);
    if (this.failure) {
      await this.rollback();
      throw this.database.translate(this.failure);
    }
    if (!this.client && this.pending.length === 0) return;
    const callbacks = this.committed;
    this.committed = [];
    let client: pg.PoolClient;
    try {
      client = this.client ?? (await this.database.connect());
    } catch (error) {
      this.failure = error;
      await this.rollback();
      throw this.database.translate(error);
    }
    const begins = !this.inTransaction;
    const message = [...(begins ? [this.begin] : []), ...this.pending, 'COMMIT'].join(';\n');
    this.locked.clear();
    this.client = null;
    this.pending = [];
    this.inTransaction = false;
    try {
      const results = await this.database.counted(client.query(message));
      if (begins) this.noteLockWait(results);
    } catch (error) {
      this.failure = error;
      // a statement before COMMIT failed (the rest were skipped): the transaction is still open
      await this.database
        .counted(client.query('ROLLBACK'))
        .then(() => client.release())
        .catch(() => client.release(true));
      throw this.database.translate(error);
    }
    client.release();
    for (const callback of callbacks) this.database.runCallback(callback);
  }

  /** Takes back the open transaction, forgets what was kept (callbacks too), gives the connection back. */
  async rollback(): Promise<void> {
    if (this.connecting) await this.connecting.catch(() => undefined);
    const client = this.client;
    const open = this.inTransaction;
    this.client = null;
    this.inTransaction = false;
    this.pending = [];
    this.prefetches = [];
    this.committed = [];
    this.locked.clear();
    if (!client) return;
    if (!open) {
      client.release();
      return;
    }
    try {
      await this.database.counted(client.query('ROLLBACK'));
      client.release();
    } catch {
      client.release(true);
    }
  }
}

/** A simple-protocol message with several statements answers with one result each: the last is the one asked for. */
function lastResult<R>(result: pg.QueryResult | pg.QueryResult[]): QueryResult<R> {
  const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
  return { rows: last.rows as R[], rowCount: last.rowCount ?? 0 };
}

/**
 * PostgreSQL through one `pg` pool, and the units of work on it. A statement runs in the current
 * unit's transaction when there is one (AsyncLocalStorage follows the turn through its awaits), and
 * on its own (autocommit) otherwise — an agent's sign-in, a poll, a token.
 */
export class PgDatabase implements Commits {
  readonly pool: pg.Pool;
  private readonly units = new AsyncLocalStorage<Unit>();
  /** Autocommit statements under way: `durable()` outside a unit waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Statements sent, for the benchmark's round trips per turn. */
  roundTrips = 0;
  /** Units that found their conversation's lock held (another instance's turn), and the time they waited: the benchmark's lock waits. */
  readonly lockWaits = { count: 0, ms: 0 };
  private readonly prefetchers: Prefetcher[] = [];
  /** Connections whose errors are heard while a unit holds them (see connect). */
  private readonly heard = new WeakSet<pg.PoolClient>();
  private readonly onIdleError: (error: Error) => void;

  constructor(
    url: string,
    options: PgOptions = {},
    private readonly onCallbackError: (error: unknown) => void = () => {},
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? IDLE_IN_TRANSACTION_MS,
      // a holder whose machine vanished (no FIN) is found by the kernel's probes, not only at the next write
      // (probing from 10 s of silence, not the system's default two hours)
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'qsee-warranty',
      // PostgreSQL 14+: a session whose instance died while a statement ran (waiting for a lock, say)
      // is ended within seconds, with the conversation's lock it held, instead of at statement_timeout.
      // Older servers do not know the setting: nothing is lost but the early end. Set before the pool
      // hands the connection out (a 'connect' listener's query would overlap the first caller's).
      onConnect: async (client) => {
        await client.query(`SET client_connection_check_interval = ${CONNECTION_CHECK_MS}`).catch(() => undefined);
      },
    });
    this.onIdleError = (error) => options.onIdleError?.(error);
    // without a listener, an idle connection that PostgreSQL closes would take the process down
    this.pool.on('error', this.onIdleError);
  }

  /** Runs a statement in the current unit (with whatever it kept), or on its own. A string option is the prepared statement's name. */
  async query<R = pg.QueryResultRow>(
    text: string,
    values: readonly unknown[] = [],
    options: StatementOptions | string = {},
  ): Promise<QueryResult<R>> {
    const settings = typeof options === 'string' ? { name: options } : options;
    const unit = this.units.getStore();
    if (unit && !unit.ended) return unit.query<R>(text, values, settings);
    const config: pg.QueryConfig = { text, values: values as unknown[], ...(settings.name ? { name: settings.name } : {}) };
    const running = this.counted(this.pool.query<pg.QueryResultRow>(config));
    this.inFlight.add(running);
    try {
      const result = await running;
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw this.translate(error);
    } finally {
      this.inFlight.delete(running);
    }
  }

  /**
   * A write whose result the caller does not need: in a unit it is kept and sent with the unit's
   * next round trip (its failure fails the unit's commit); on its own it runs at once.
   */
  async write(text: string, values: readonly unknown[] = [], name?: string): Promise<void> {
    const unit = this.units.getStore();
    if (unit && !unit.ended) unit.defer(text, values);
    else await this.query(text, values, name ?? {});
  }

  /** Several statements in one transaction: the current unit's, or a unit of their own. */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const unit = this.units.getStore();
    if (unit && !unit.ended) return work();
    return this.unit(work);
  }

  /** What a repository keeps while the current unit lasts (null outside a unit: nothing is kept). */
  scratch<T>(owner: object, make: () => T): T | null {
    const unit = this.units.getStore();
    if (!unit || unit.ended) return null;
    let kept = unit.scratch.get(owner) as T | undefined;
    if (kept === undefined) {
      kept = make();
      unit.scratch.set(owner, kept);
    }
    return kept;
  }

  /** A read every unit of a conversation sends with its first round trip (see Prefetch). */
  prefetchInUnits(prefetcher: Prefetcher): void {
    this.prefetchers.push(prefetcher);
  }

  /** Whether the current unit's open transaction holds the lock on `row` (a claim it read FOR UPDATE). */
  holdsLock(row: string): boolean {
    const unit = this.units.getStore();
    return Boolean(unit && !unit.ended && unit.locked.has(row));
  }

  /** Notes that the current unit's open transaction locked `row`. */
  heldLock(row: string): void {
    const unit = this.units.getStore();
    if (unit && !unit.ended) unit.locked.add(row);
  }

  /** `conversation`: the key text of the conversation the unit runs in, whose working set it reads with its first round trip. */
  unit<T>(work: () => Promise<T>, conversation?: string): Promise<T> {
    const scope = conversation === undefined ? null : parseKeyText(conversation);
    const unit = new Unit(this, scope ? this.prefetchers.map((prefetch) => prefetch(scope)) : [], scope ? (conversation as string) : null);
    return this.units.run(unit, async () => {
      try {
        const result = await work();
        // from here, anything the work left running sends its statements on its own
        unit.ended = true;
        await unit.commit();
        return result;
      } catch (error) {
        unit.ended = true;
        await unit.rollback();
        throw error;
      }
    });
  }

  /** In a unit: commits what it wrote so far. Outside: waits for the statements under way. */
  async durable(): Promise<void> {
    const unit = this.units.getStore();
    if (unit && !unit.ended) return unit.commit();
    if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Nothing waits for a pass here: a unit commits when it asks to (commitNow). */
  flush(): void {}

  /** In a unit, commits what it wrote so far (a turn that went ahead commits before its replies leave). */
  commitNow(): Promise<void> {
    return this.durable();
  }

  afterCommit(callback: () => void): void {
    const unit = this.units.getStore();
    if (unit && !unit.ended) {
      unit.afterCommit(callback);
      return;
    }
    if (this.inFlight.size === 0) this.runCallback(callback);
    else void Promise.allSettled([...this.inFlight]).then(() => this.runCallback(callback));
  }

  /** Reads outside any unit: the pool's connections see only what is committed. */
  readCommitted<T>(read: () => T | Promise<T>): Promise<T> {
    return this.units.exit(async () => read());
  }

  /**
   * Runs `work` outside any unit, each statement committed before its answer comes back: a background
   * job's writes (the mail sender's), even when a turn's callback started it inside that turn's unit.
   */
  outsideUnits<T>(work: () => Promise<T>): Promise<T> {
    return this.units.exit(work);
  }

  /** A connection of the pool, or StorageUnavailableError when PostgreSQL cannot be reached in time. */
  async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.translate(error);
    }
    // The pool listens for errors of idle connections only. A unit keeps its connection between
    // statements, and PostgreSQL may end that session meanwhile (idle in transaction too long, a
    // restart): unheard, the error would end the process. Heard, the unit's next statement fails
    // (StorageUnavailableError) and the connection is discarded.
    if (!this.heard.has(client)) {
      this.heard.add(client);
      client.on('error', (error) => this.onIdleError(error));
    }
    return client;
  }

  noteLockWait(ms: number): void {
    this.lockWaits.count++;
    this.lockWaits.ms += ms;
  }

  counted<T>(query: Promise<T>): Promise<T> {
    this.roundTrips++;
    return query;
  }

  runCallback(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.onCallbackError(error);
    }
  }

  /**
   * A lost or refused connection becomes StorageUnavailableError (503), a dialog state written over
   * by someone else EtagConflictError (the turn is run again); anything else is a bug and stays itself.
   */
  translate(error: unknown): unknown {
    if (isUnavailable(error)) return new StorageUnavailableError(error);
    const e = error as { code?: string; detail?: string } | null;
    if (e?.code === ETAG_CONFLICT_SQLSTATE) return new EtagConflictError(e.detail ?? '');
    return error;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }
}

/** SQLSTATE classes and codes that mean "the database is not there", not "the statement was wrong". */
// 57014: a statement cancelled (statement_timeout: a turn that waited too long for its conversation's
// lock, a database too slow to answer); 55P03: a lock not available in time. Nothing of the turn is
// kept, and trying again later is the answer (503 with Retry-After), not a bug's 500.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400', '57014', '55P03']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  // 08: connection exception; 28: the login was refused (a password rotated); 3D: the database is gone
  if (e.code && (UNAVAILABLE_STATES.has(e.code) || /^(08|28|3D)/.test(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|not queryable/i.test(
    e.message ?? '',
  );
}

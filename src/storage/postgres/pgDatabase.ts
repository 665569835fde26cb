import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Commits } from '../commits';
import { StorageUnavailableError } from '../storageUnavailable';

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
  /** An idle connection's error (PostgreSQL restarted): logged, the pool opens a new one when needed. */
  onIdleError?: (error: Error) => void;
}

/**
 * The unit of work of one turn (or one agent's proactive turn): its statements run on one
 * connection in one transaction, opened at its first statement and committed when the turn waits
 * for `durable()` (before its replies leave) and at its end. A unit holds its connection only
 * between those points; whatever it writes after a commit opens the next transaction.
 */
class Unit {
  private client: pg.PoolClient | null = null;
  private connecting: Promise<pg.PoolClient> | null = null;
  /** The first statement that failed: the transaction is lost, and the unit's commit reports it. */
  private failure: unknown = null;
  private committed: (() => void)[] = [];
  ended = false;
  /** What repositories keep for the length of the unit (claims read in this turn), forgotten with it. */
  readonly scratch = new Map<object, unknown>();

  constructor(private readonly database: PgDatabase) {}

  async query<R>(config: pg.QueryConfig): Promise<QueryResult<R>> {
    const client = await this.connection();
    try {
      const result = await this.database.counted(client.query<pg.QueryResultRow>(config));
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      this.failure ??= error;
      throw this.database.translate(error);
    }
  }

  private connection(): Promise<pg.PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = await this.database.connect();
      try {
        await this.database.counted(client.query('BEGIN'));
      } catch (error) {
        client.release(true);
        throw this.database.translate(error);
      } finally {
        this.connecting = null;
      }
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  /** Runs `callback` after the current transaction commits (at once when none is open). */
  afterCommit(callback: () => void): void {
    if (this.client || this.connecting) this.committed.push(callback);
    else callback();
  }

  /** Commits the open transaction, if any; a failed statement in it fails the commit. */
  async commit(): Promise<void> {
    if (this.connecting) await this.connecting.catch(() => undefined);
    const client = this.client;
    if (!client) return;
    this.client = null;
    const callbacks = this.committed;
    this.committed = [];
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      await this.database.counted(client.query('ROLLBACK')).catch(() => undefined);
      client.release();
      throw this.database.translate(failure);
    }
    try {
      await this.database.counted(client.query('COMMIT'));
    } catch (error) {
      client.release(true);
      throw this.database.translate(error);
    }
    client.release();
    for (const callback of callbacks) this.database.runCallback(callback);
  }

  /** Takes back the open transaction (the turn failed) and gives the connection back. */
  async rollback(): Promise<void> {
    this.ended = true;
    if (this.connecting) await this.connecting.catch(() => undefined);
    const client = this.client;
    this.client = null;
    this.committed = [];
    this.failure = null;
    if (!client) return;
    try {
      await this.database.counted(client.query('ROLLBACK'));
      client.release();
    } catch {
      client.release(true);
    }
  }
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
      application_name: 'qsee-warranty',
    });
    // without a listener, an idle connection that PostgreSQL closes would take the process down
    this.pool.on('error', (error) => options.onIdleError?.(error));
  }

  /** Runs a statement in the current unit, or on its own. `name` prepares it once per connection (hot statements). */
  async query<R = pg.QueryResultRow>(text: string, values: unknown[] = [], name?: string): Promise<QueryResult<R>> {
    const config: pg.QueryConfig = name ? { name, text, values } : { text, values };
    const unit = this.units.getStore();
    if (unit && !unit.ended) return unit.query<R>(config);
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

  /** Several statements in one transaction of their own (or in the current unit's). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
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

  /** Whether the current statement runs inside a unit's transaction (so a row lock lasts to its commit). */
  inUnit(): boolean {
    const unit = this.units.getStore();
    return Boolean(unit && !unit.ended);
  }

  unit<T>(work: () => Promise<T>): Promise<T> {
    const unit = new Unit(this);
    return this.units.run(unit, async () => {
      try {
        const result = await work();
        await unit.commit();
        unit.ended = true;
        return result;
      } catch (error) {
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

  /** Nothing waits for a pass here: a unit commits when it asks to. */
  flush(): void {}

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

  /** A connection of the pool, or StorageUnavailableError when PostgreSQL cannot be reached in time. */
  async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw this.translate(error);
    }
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

  /** A lost or refused connection becomes StorageUnavailableError (503); anything else is a bug and stays itself. */
  translate(error: unknown): unknown {
    return isUnavailable(error) ? new StorageUnavailableError(error) : error;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }
}

/** SQLSTATE classes and codes that mean "the database is not there", not "the statement was wrong". */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && (UNAVAILABLE_STATES.has(e.code) || e.code.startsWith('08') || UNAVAILABLE_ERRNOS.has(e.code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|not queryable/i.test(
    e.message ?? '',
  );
}

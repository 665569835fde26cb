import pg from 'pg';
import { keyText } from '../../src/domain/conversationKey';
import { PgDatabase } from '../../src/storage/postgres/pgDatabase';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';

/*
 * A conversation's turns take its advisory lock with each BEGIN; PostgreSQL releases it when the
 * holder's session ends. A holder that hangs or vanishes must not block the conversation forever:
 * it is ended (pg_terminate_backend, or our sessions' idle_in_transaction_session_timeout) and the
 * instance's waiting turn runs.
 */
postgresOnly('a conversation lock whose holder died', () => {
  let database: { url: string; drop(): Promise<void> };
  const opened: PgDatabase[] = [];
  const open = (options: ConstructorParameters<typeof PgDatabase>[1] = {}) => {
    const db = new PgDatabase(database.url, { ...options, onIdleError: () => {} });
    opened.push(db);
    return db;
  };
  const conversation = keyText({ channel: 'directline', id: 'held-by-the-dead' });

  beforeAll(async () => {
    database = await createTestDatabase('warranty_test', { migrated: true });
  });
  afterAll(async () => {
    for (const db of opened) await db.close().catch(() => undefined);
    await database.drop();
  });

  /** Waits (querying, bounded) until a statement of the database waits for a lock. */
  async function someoneWaits(admin: pg.Client): Promise<void> {
    const name = new URL(database.url).pathname.slice(1);
    for (let attempt = 0; attempt < 5000; attempt++) {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        [name],
      );
      if (rows[0].n > 0) return;
    }
    throw new Error('nobody ever waited for a lock');
  }

  test('a holder terminated (pg_terminate_backend): the waiting turn proceeds', async () => {
    const db = open();
    // the first turn of the conversation takes the lock, then its session hangs (it never commits)
    const hung = new pg.Client({ connectionString: database.url });
    hung.on('error', () => {});
    await hung.connect();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await hung.query('SELECT pg_backend_pid() AS pid');
      await hung.query('BEGIN');
      await hung.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 172026))', [conversation]);
      let ran = false;
      const turn = db.unit(async () => {
        await db.query('SELECT 1');
        ran = true;
      }, conversation);
      await someoneWaits(admin);
      expect(ran).toBe(false);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await turn;
      expect(ran).toBe(true);
    } finally {
      await admin.end();
      await hung.end().catch(() => undefined);
    }
  });

  test("one of our sessions idle in its transaction past the timeout is ended by PostgreSQL, and the conversation's next turn runs", async () => {
    const stuck = open({ idleInTransactionTimeoutMs: 300 });
    const other = open();
    let wake = () => {};
    const never = new Promise<void>((resolve) => (wake = resolve));
    let locked = () => {};
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    // a turn that hangs after its first statement (BEGIN and the lock go with it)
    const hungTurn = stuck.unit(async () => {
      await stuck.query('SELECT 1');
      locked();
      await never;
      await stuck.query('SELECT 1');
    }, conversation);
    const hungOutcome = hungTurn.then(
      () => 'committed',
      () => 'failed',
    );
    await hasLock;
    await other.unit(() => other.query('SELECT 1'), conversation);
    // it ran: the hung session was ended; woken, the hung turn finds its transaction gone
    wake();
    expect(await hungOutcome).toBe('failed');
  });
});

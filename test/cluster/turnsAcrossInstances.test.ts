import pg from 'pg';
import type { App } from '../../src/app';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { startFakeConnector } from '../helpers/fakeConnector';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';
import { startTestApp } from '../helpers/testApp';

/*
 * Two instances on one PostgreSQL database, no affinity: a channel delivers a customer's two
 * messages at the same moment, one to each instance. Their turns must not run at once — both would
 * find no dialog state and each start a claim, and one dialog state would overwrite the other — so the
 * second waits for the first's commit. The conversation's advisory lock, taken with every BEGIN of its
 * units, says so outright; the rows a turn writes first (the conversation's reference here, its Direct
 * Line row on our channel) would make it wait too, and this test holds whichever of them does.
 */
postgresOnly("one conversation's turns on two instances", () => {
  let database: { url: string; drop(): Promise<void> };
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const apps: App[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    connector = await startFakeConnector();
    for (let instance = 0; instance < 2; instance++) {
      const { app, base } = await startTestApp({
        env: {
          DATABASE_URL: database.url,
          TOKEN_SECRET: 'cluster-test-secret',
        },
      });
      apps.push(app);
      bases.push(base);
    }
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await connector?.close();
    await database?.drop();
  });

  /** Waits (querying, bounded) until `n` statements of the database wait for a lock: the moment is PostgreSQL's own. */
  async function waitingForLocks(admin: pg.Client, n: number): Promise<void> {
    const name = new URL(database.url).pathname.slice(1);
    for (let attempt = 0; attempt < 5000; attempt++) {
      const { rows } = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        [name],
      );
      if (rows[0].n >= n) return;
    }
    throw new Error(`never ${n} statements waiting for a lock`);
  }

  test('a channel delivers two messages at once, one to A and one to B: the second waits for the first; one claim', async () => {
    const [a, b] = bases;
    const conversationId = 'two-at-once';
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      // the first turn is held at its commit (its claim's insert waits for a lock the test holds), after it
      // has read the conversation's state: without the conversation's lock the second turn would read the
      // same empty state meanwhile and start a second claim. A sequence, not a row, says which insert is
      // first: it is not transactional, so the second turn's trigger does not wait on the first's.
      await admin.query(`
        CREATE SEQUENCE hold_first_turn_seq;
        CREATE FUNCTION hold_first_turn() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('hold_first_turn_seq') = 1 THEN PERFORM pg_advisory_xact_lock(4242); END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER hold_first_turn BEFORE INSERT ON claims FOR EACH ROW EXECUTE FUNCTION hold_first_turn();`);
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(4242)');
      const post = (base: string, id: string, text: string) =>
        postToChannelEndpoint(base, channelActivity(connector.url, conversationId, { id, text })).then((res) => res.status);
      const first = post(a, 'm1', 'my camera stopped working');
      await waitingForLocks(admin, 1);
      const second = post(b, 'm2', 'my QT5682 will not power on');
      // the second turn waits for the conversation's lock (two statements waiting), or runs through
      await Promise.race([second, waitingForLocks(admin, 2)]);
      await holder.query('COMMIT');
      expect(await Promise.all([first, second])).toEqual([200, 200]);
      const claims = await admin.query('SELECT status FROM claims WHERE conversation_id = $1', [conversationId]);
      expect(claims.rows).toHaveLength(1);
      const replies = connector.posted.filter((p) => p.conversationId === conversationId).map((p) => String(p.activity.text ?? ''));
      expect(replies.some((text) => text.startsWith('Sorry, something went wrong'))).toBe(false);
    } finally {
      await holder.end();
      await admin.query(
        'DROP TRIGGER IF EXISTS hold_first_turn ON claims; DROP FUNCTION IF EXISTS hold_first_turn(); DROP SEQUENCE IF EXISTS hold_first_turn_seq',
      );
      await admin.end();
    }
  });
});

import pg from 'pg';
import type { App } from '../../src/app';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { startFakeConnector } from '../helpers/fakeConnector';
import { createTestDatabase } from '../helpers/postgres';
import { rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { postgresOnly } from '../helpers/store';
import { startTestApp } from '../helpers/testApp';

/*
 * The database goes away in the middle of a turn (a trigger raises SQLSTATE 57P01, "terminating
 * connection", when armed: the moment is exact, no timing involved). The turn's transaction is
 * taken back with everything it wrote, the customer's message too, so the request must fail with
 * 503 — never 200 for a message that is gone — and the same message sent again, once the database
 * is back, is served as if the first had never come.
 */
postgresOnly('a turn that loses the database half-way', () => {
  let app: App;
  let base: string;
  let database: { url: string; drop(): Promise<void> };
  let admin: pg.Client;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const arm = () => admin.query('UPDATE lose_database SET armed = TRUE');
  const disarm = () => admin.query('UPDATE lose_database SET armed = FALSE');

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, base } = await startTestApp({
      env: {
        DATABASE_URL: database.url,
        TOKEN_SECRET: 'turn-failure-test-secret',
      },
    }));
    connector = await startFakeConnector();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    // a hand-off writes the claim's audit row: that write is where the database "goes away"
    await admin.query(`
      CREATE TABLE lose_database (armed BOOLEAN NOT NULL);
      INSERT INTO lose_database VALUES (FALSE);
      CREATE FUNCTION lose_database() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT armed FROM lose_database) THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER lose_database BEFORE INSERT ON claim_audit FOR EACH ROW EXECUTE FUNCTION lose_database();`);
  }, 60_000);

  afterAll(async () => {
    await admin?.end();
    await app?.close();
    await connector?.close();
    await database?.drop();
  });

  test('Direct Line: 503, the message is not kept, and its resend is served once the database is back', async () => {
    const customer = await rawDirectLineCustomer(base);
    const { conversationId, token } = customer.session;
    const post = () =>
      fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'I want to talk to a person', channelData: { clientActivityID: 'handoff-1' } }),
      });
    const stored = async () =>
      (await admin.query('SELECT activity FROM dl_activities WHERE conversation_id = $1 ORDER BY seq', [conversationId])).rows.map(
        (r) => JSON.parse(r.activity).text as string | undefined,
      );
    try {
      await customer.asked('menu');
      expect(await customer.say('my camera stopped working')).toBe(200);
      await customer.asked('product');
      await arm();
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');
      expect(await stored()).not.toContain('I want to talk to a person');
      await disarm();
      expect((await post()).status).toBe(200);
      expect((await stored()).filter((t) => t === 'I want to talk to a person')).toHaveLength(1);
      const claim = (await admin.query("SELECT status FROM claims WHERE conversation_id = $1 AND channel = 'directline'", [conversationId]))
        .rows[0];
      expect(claim.status).toBe('pending_agent');
    } finally {
      await disarm();
      customer.close();
    }
  });

  test('/api/messages: 503, so the channel sends it again; nothing of the turn is kept', async () => {
    const conversationId = 'failure-on-the-channel';
    const say = (text: string, id: string) => postToChannelEndpoint(base, channelActivity(connector.url, conversationId, { text, id }));
    expect((await say('my camera stopped working', 'm1')).status).toBe(200);
    const repliesBefore = connector.posted.length;
    await arm();
    expect((await say('I want to talk to a person', 'm2')).status).toBe(503);
    await disarm();
    // nothing was sent to the customer for the lost turn, and nothing of it is stored
    expect(connector.posted.length).toBe(repliesBefore);
    const rows = await admin.query("SELECT activity_id FROM transcript WHERE conversation_id = $1 AND direction = 'in'", [conversationId]);
    expect(rows.rows.map((r) => r.activity_id)).toEqual(['m1']);
    expect((await say('I want to talk to a person', 'm2')).status).toBe(200);
    const claim = (await admin.query('SELECT status FROM claims WHERE conversation_id = $1', [conversationId])).rows[0];
    expect(claim.status).toBe('pending_agent');
  });
});

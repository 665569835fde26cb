import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { startFakeConnector } from '../helpers/fakeConnector';
import { rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { rows } from '../helpers/rows';
import { AGENT, agentToken } from '../helpers/testApp';

/**
 * A conversation belongs to the channel it came in on: our Direct Line, or a Bot Framework
 * channel (the origin of its serviceUrl). An id alone, which any caller of /api/messages can
 * write, reaches nothing of another channel's conversation.
 */

let app: App;
let base: string;
type Connector = Awaited<ReturnType<typeof startFakeConnector>>;
let channelA: Connector;
let channelB: Connector;

beforeAll(async () => {
  [channelA, channelB] = await Promise.all([startFakeConnector(), startFakeConnector()]);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'warranty-channels-')),
    BOOTSTRAP_AGENT_USERNAME: AGENT.username,
    BOOTSTRAP_AGENT_PASSWORD: AGENT.password,
    LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { clock: fixedClock('2026-03-02T17:30:00Z'), logger: createLogger('silent') });
  base = `http://127.0.0.1:${(await app.listen()).port}`;
});
afterAll(async () => {
  await app.close();
  await Promise.all([channelA.close(), channelB.close()]);
});

const post = (connector: Connector, conversationId: string, extra: Record<string, unknown>) =>
  postToChannelEndpoint(base, channelActivity(connector.url, conversationId, extra));
const postedTo = (connector: Connector, conversationId: string) =>
  connector.posted.filter((p) => p.conversationId === conversationId).map((p) => p.activity);
const row = async (sql: string, ...args: unknown[]) => (await rows(app.storage, sql, ...args))[0];

describe('a conversation belongs to one channel', () => {
  test('an /api/messages activity carrying a live Direct Line conversation id reaches nothing of that customer', async () => {
    const customer = await rawDirectLineCustomer(base);
    const id = customer.session.conversationId;
    try {
      await customer.asked('menu');
      expect(await customer.say('my camera stopped working')).toBe(200);
      await customer.asked('product');
      expect(await customer.say('QT8899 dome camera')).toBe(200);
      await customer.asked('purchaseDate');
      const claimId = ((await row('SELECT id FROM claims WHERE conversation_id = ?', id)) as { id: string }).id;
      const theirs = async () => ({
        claim: await row('SELECT id, data FROM claims WHERE id = ?', claimId),
        state: await row('SELECT etag, data FROM bot_state WHERE key = ?', `directline/conversations/${id}/`),
        activities: await row('SELECT COUNT(*) AS n, MAX(seq) AS last FROM dl_activities WHERE conversation_id = ?', id),
      });
      const before = await theirs();
      expect(before.claim?.data).toMatch(/QT8899/);
      expect(before.state).toBeDefined();

      // whatever channelId the caller writes, and whoever it says it is
      for (const channelId of ['directline', 'emulator', 'webchat'])
        for (const text of ['what is the status of my claim', 'start over', 'I want to talk to a person'])
          expect(
            (await post(channelA, id, { channelId, text, from: { id: customer.session.userId, name: 'You', role: 'user' } })).status,
          ).toBe(200);
      expect(
        (await post(channelA, id, { type: 'conversationUpdate', channelId: 'directline', membersAdded: [{ id: 'x' }, { id: 'bot' }] }))
          .status,
      ).toBe(200);

      expect(await theirs()).toEqual(before);
      const leaked = JSON.stringify(postedTo(channelA, id));
      expect(leaked).not.toMatch(/QT8899/);
      expect(leaked).not.toContain(before.claim?.id as string);
      // the caller got a conversation of its own, on its own channel
      const forged = JSON.parse(
        String((await row('SELECT data FROM claims WHERE conversation_id = ? AND id <> ? LIMIT 1', id, claimId))?.data),
      );
      expect(forged).toMatchObject({ channel: new URL(channelA.url).origin, product: { text: '' } });
      // nothing of the caller's reached the customer's chat, and the customer carries on where they were
      expect(customer.seen.some((a) => /talk to|start again|support team/i.test(a.text ?? ''))).toBe(false);
      expect(await customer.say('February 20th')).toBe(200);
      await customer.asked('proofType');
      expect(JSON.parse(String((await row('SELECT data FROM claims WHERE id = ?', before.claim?.id))?.data)).purchase.date).toBe(
        '2026-02-20',
      );
    } finally {
      customer.close();
    }
  });

  test('two channels with the same conversation id have two claims, and an agent message reaches the right one', async () => {
    const id = 'same-id-on-two-channels';
    expect((await post(channelA, id, { text: 'I want to talk to a person' })).status).toBe(200);
    expect((await post(channelB, id, { text: 'my camera stopped working' })).status).toBe(200);
    expect((await post(channelB, id, { text: 'QT5682' })).status).toBe(200);
    expect((await post(channelB, id, { text: 'I want to talk to a person' })).status).toBe(200);
    const claims = (await rows<{ data: string }>(app.storage, 'SELECT data FROM claims WHERE conversation_id = ?', id)).map((r) =>
      JSON.parse(r.data),
    );
    const originA = new URL(channelA.url).origin;
    const originB = new URL(channelB.url).origin;
    expect(claims.map((c) => [c.channel, c.status]).sort()).toEqual(
      [
        [originA, 'pending_agent'],
        [originB, 'pending_agent'],
      ].sort(),
    );
    const claimOf = (origin: string) => claims.find((c) => c.channel === origin) as { id: string };
    expect(claimOf(originA)).toMatchObject({ conversationId: id, channel: originA, product: { text: '' } });
    expect(claimOf(originB)).toMatchObject({ conversationId: id, channel: originB, product: { text: 'QT5682' } });
    // each hand-off notice went to its own channel
    const handoffs = (connector: Connector) =>
      postedTo(connector, id)
        .filter((a) => a.name === 'handoff.initiate')
        .map((a) => a.value.claimId);
    expect(handoffs(channelA)).toEqual([claimOf(originA).id]);
    expect(handoffs(channelB)).toEqual([claimOf(originB).id]);

    const token = await agentToken(base);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    for (const [origin, text] of [
      [originA, 'Hello from support, A'],
      [originB, 'Hello from support, B'],
    ]) {
      const claimId = claimOf(origin).id;
      expect((await fetch(`${base}/api/agent/claims/${claimId}/accept`, { method: 'POST', headers: auth })).status).toBe(200);
      const sent = await fetch(`${base}/api/agent/claims/${claimId}/messages`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ text }),
      });
      expect(sent.status).toBe(200);
    }
    const texts = (connector: Connector) => postedTo(connector, id).map((a) => a.text ?? '');
    expect(texts(channelA)).toContain('Hello from support, A');
    expect(texts(channelA)).not.toContain('Hello from support, B');
    expect(texts(channelB)).toContain('Hello from support, B');
    expect(texts(channelB)).not.toContain('Hello from support, A');
    // and each claim's transcript is its own channel's conversation
    const transcript = async (claimId: string) =>
      (
        (await (await fetch(`${base}/api/agent/claims/${claimId}`, { headers: auth })).json()) as { transcript: Array<{ text: string }> }
      ).transcript
        .map((t) => t.text)
        .join('\n');
    expect(await transcript(claimOf(originA).id)).not.toContain('QT5682');
    expect(await transcript(claimOf(originB).id)).toContain('QT5682');
    expect(await transcript(claimOf(originB).id)).not.toContain('Hello from support, A');
  });

  test("an agent message to a Direct Line claim goes to Direct Line, even after a caller used the conversation's id elsewhere", async () => {
    const customer = await rawDirectLineCustomer(base);
    const id = customer.session.conversationId;
    try {
      await customer.asked('menu');
      expect(await customer.say('I want to talk to a person')).toBe(200);
      await customer.until(
        (a) => a.type === 'event' && a.channelData === undefined && (a as { name?: string }).name === 'handoff.initiate',
      );
      // a caller of /api/messages stores a conversation reference under the same id, on its channel
      expect((await post(channelA, id, { channelId: 'directline', text: 'hello' })).status).toBe(200);
      const claim = (await row("SELECT id FROM claims WHERE conversation_id = ? AND channel = 'directline'", id)) as {
        id: string;
      };
      const token = await agentToken(base);
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      expect((await fetch(`${base}/api/agent/claims/${claim.id}/accept`, { method: 'POST', headers: auth })).status).toBe(200);
      const text = 'Only the Direct Line customer should read this';
      expect(
        (await fetch(`${base}/api/agent/claims/${claim.id}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ text }) }))
          .status,
      ).toBe(200);
      await customer.until((a) => a.text === text);
      expect(postedTo(channelA, id).some((a) => a.text === text)).toBe(false);
    } finally {
      customer.close();
    }
  });
});

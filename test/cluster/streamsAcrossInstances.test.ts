import { WebSocket } from 'ws';
import type { App } from '../../src/app';
import { arrivals } from '../helpers/arrivals';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';
import { startTestApp } from '../helpers/testApp';

const AGENT = { username: 'ana', password: 'correct horse' };

/*
 * Two instances on one PostgreSQL database and one Redis, no affinity: the customer's stream is
 * open on instance B while their messages (and so the bot's replies) are stored by instance A. A
 * tells the others over Redis; B's socket reads what it has not been sent from the database, in order.
 */
postgresOnly('a customer whose stream is on another instance', () => {
  let redis: OwnRedis;
  let database: { url: string; drop(): Promise<void> };
  const apps: App[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    database = await createTestDatabase();
    for (let instance = 0; instance < 2; instance++) {
      const { app, base } = await startTestApp({
        env: {
          DATABASE_URL: database.url,
          TOKEN_SECRET: 'cluster-test-secret',
          REDIS_URL: redis.url,
          REDIS_PREFIX: 'test-streams:',
        },
      });
      apps.push(app);
      bases.push(base);
      await app.redis?.ready();
      await app.bus?.ready();
    }
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis?.stop();
    await database?.drop();
  });

  test("the bot's replies, stored on A, reach the customer's WebSocket on B, each once and in order", async () => {
    const [a, b] = bases;
    const { token, conversationId } = (await (await fetch(`${a}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const auth = { Authorization: `Bearer ${token}` };
    const frames: { activities: { id: string; from: { role?: string }; channelData?: { prompt?: string } }[]; watermark: string }[] = [];
    const arrived = arrivals();
    const socket = new WebSocket(`${b.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream`, { headers: auth });
    socket.on('message', (data) => {
      frames.push(JSON.parse(String(data)));
      arrived.wake();
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const prompts = () => frames.flatMap((f) => f.activities).flatMap((x) => (x.channelData?.prompt ? [x.channelData.prompt] : []));
    const until = (prompt: string) =>
      arrived.until(
        `the "${prompt}" question on B's stream`,
        () => prompts().includes(prompt),
        () => `prompts [${prompts().join(', ')}]`,
      );
    try {
      // the conversation starts and every message is posted on A; only B has the socket
      expect((await fetch(`${a}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
      await until('menu');
      const post = (text: string) =>
        fetch(`${a}/v3/directline/conversations/${conversationId}/activities`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text }),
        });
      expect((await post('my camera stopped working')).status).toBe(200);
      await until('product');
      expect((await post('QT5682')).status).toBe(200);
      await until('purchaseDate');
      const ids = frames.flatMap((f) => f.activities.map((x) => x.id));
      expect(new Set(ids).size).toBe(ids.length);
      const watermarks = frames.map((f) => Number(f.watermark));
      expect(watermarks).toEqual([...watermarks].sort((x, y) => x - y));
    } finally {
      socket.close();
    }
  }, 30_000);

  test("an agent connected to B sees a hand-off that happened on A, and the customer's next message", async () => {
    const [a, b] = bases;
    await apps[0].bus?.ready();
    await apps[1].bus?.ready();
    const login = await fetch(`${b}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(AGENT),
    });
    const { token: agentToken } = (await login.json()) as { token: string };
    const events: { type: string; claim?: { status?: string; conversationId?: string }; text?: string }[] = [];
    const arrived = arrivals();
    const feed = new WebSocket(`${b.replace('http', 'ws')}/api/agent/stream`, { headers: { Authorization: `Bearer ${agentToken}` } });
    feed.on('message', (data) => {
      events.push(JSON.parse(String(data)));
      arrived.wake();
    });
    await new Promise((resolve, reject) => feed.once('open', resolve).once('error', reject));
    const seen = () =>
      events.map((e) => `${e.type}${e.claim?.status ? `:${e.claim.status}` : ''}${e.text ? ` "${e.text}"` : ''}`).join(' | ');
    const until = (what: string, match: (e: (typeof events)[number]) => boolean) => arrived.until(what, () => events.some(match), seen);
    try {
      const { token, conversationId } = (await (await fetch(`${a}/api/directline/token`, { method: 'POST' })).json()) as {
        token: string;
        conversationId: string;
      };
      const post = (text: string) =>
        fetch(`${a}/v3/directline/conversations/${conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text }),
        });
      expect((await post('I want to talk to a person')).status).toBe(200);
      await until(
        "the hand-off on A in B's agent feed",
        (e) => e.type === 'claim.updated' && e.claim?.conversationId === conversationId && e.claim?.status === 'pending_agent',
      );
      expect((await post('are you there?')).status).toBe(200);
      await until("the customer's message on A in B's agent feed", (e) => e.type === 'customer.message' && e.text === 'are you there?');
    } finally {
      feed.close();
    }
  }, 30_000);

  test('an answer stored on A while Redis was away reaches the stream on B once Redis is back, with nothing else said', async () => {
    const [a, b] = bases;
    const { token, conversationId } = (await (await fetch(`${a}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const auth = { Authorization: `Bearer ${token}` };
    const prompts: string[] = [];
    const arrived = arrivals();
    const socket = new WebSocket(`${b.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream`, { headers: auth });
    socket.on('message', (data) => {
      for (const x of JSON.parse(String(data)).activities as { channelData?: { prompt?: string } }[])
        if (x.channelData?.prompt) prompts.push(x.channelData.prompt);
      arrived.wake();
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const until = (prompt: string) =>
      arrived.until(
        `the "${prompt}" question on B's stream`,
        () => prompts.includes(prompt),
        () => `prompts [${prompts.join(', ')}]`,
      );
    try {
      expect((await fetch(`${a}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
      await until('menu');
      const gone = new Promise((resolve) => apps[0].redis?.client.once('close', resolve));
      await redis.stop();
      await gone;
      // stored on A with Redis away: A's notice is lost, and B's stream has nothing to wake it
      const posted = await fetch(`${a}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'my camera stopped working' }),
      });
      expect(posted.status).toBe(200);
      expect(prompts).not.toContain('product');
      await redis.start();
      await until('product');
    } finally {
      socket.close();
    }
  }, 30_000);
});

import Redis from 'ioredis';
import { WebSocket } from 'ws';
import type { App } from '../../src/app';
import type { fixedClock } from '../../src/clock';
import { PRESENCE_STALE_AFTER_MS } from '../../src/cluster/clusterPresence';
import { arrivals } from '../helpers/arrivals';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';
import { AGENT, agentToken, startTestApp } from '../helpers/testApp';

interface Activity {
  type: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  channelData?: { prompt?: string };
}

/** Frames of a WebSocket, with a bounded wait for the one that matches (woken by each frame, no polling). */
function collect<T>(socket: WebSocket, describe: (item: T) => string) {
  const seen: T[] = [];
  const arrived = arrivals();
  let closed = false;
  socket.on('message', (data) => {
    seen.push(JSON.parse(String(data)));
    arrived.wake();
  });
  socket.on('close', () => {
    closed = true;
    arrived.wake();
  });
  const received = () => seen.map(describe).join(' | ');
  return {
    seen,
    /** The first frame that matches `match`; `what` names it in the failure, with every frame that came. */
    until: (what: string, match: (item: T) => boolean): Promise<T> =>
      arrived.until(
        what,
        () => {
          const found = seen.find(match);
          if (found === undefined && closed) throw new Error(`${what}: the socket closed first; received: ${received() || 'nothing'}`);
          return found;
        },
        received,
      ),
    closed: () => closed,
  };
}

/** Opens a WebSocket, or says with which HTTP status the upgrade was refused. */
function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

/*
 * Two instances on one PostgreSQL database and one Redis, no affinity: an agent and a customer on
 * different instances. Presence, a logout, stream tickets, typing and messages all cross over.
 */
postgresOnly('agents and customers on different instances', () => {
  let redis: OwnRedis;
  let database: { url: string; drop(): Promise<void> };
  const apps: App[] = [];
  const bases: string[] = [];
  const clocks: ReturnType<typeof fixedClock>[] = [];
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    database = await createTestDatabase();
    for (let instance = 0; instance < 2; instance++) {
      const { app, base, clock } = await startTestApp({
        env: { DATABASE_URL: database.url, TOKEN_SECRET: 'cluster-test-secret', REDIS_URL: redis.url, REDIS_PREFIX: 'test-agents:' },
      });
      apps.push(app);
      bases.push(base);
      clocks.push(clock);
      await app.redis?.ready();
      await app.bus?.ready();
    }
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis?.stop();
    await database?.drop();
  });

  const ws = (base: string) => base.replace('http', 'ws');

  /** The agent's live stream on `base`, signed in there. */
  async function agentStream(base: string, token?: string) {
    const bearer = token ?? (await agentToken(base));
    const socket = await open(`${ws(base)}/api/agent/stream`, { Authorization: `Bearer ${bearer}` });
    if (typeof socket === 'number') throw new Error(`agent stream refused: ${socket}`);
    sockets.push(socket);
    return {
      socket,
      token: bearer,
      events: collect<{ type: string; claimId?: string; claim?: { id: string; conversationId: string; status: string } }>(
        socket,
        (e) => `${e.type}${e.claim ? `:${e.claim.status}` : ''}`,
      ),
    };
  }

  /** A new customer: a token from `base`, the conversation started, the stream open on `streamOn`. */
  async function customer(base: string, streamOn: string) {
    const { token, conversationId } = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const auth = { Authorization: `Bearer ${token}` };
    const socket = await open(`${ws(streamOn)}/v3/directline/conversations/${conversationId}/stream`, auth);
    if (typeof socket === 'number') throw new Error(`customer stream refused: ${socket}`);
    sockets.push(socket);
    const frames = collect<{ activities: Activity[] }>(socket, (f) =>
      f.activities.map((a) => `${a.type} from ${a.from.id}${a.channelData?.prompt ? `:${a.channelData.prompt}` : ''}`).join(', '),
    );
    const activity = async (what: string, match: (a: Activity) => boolean) =>
      (await frames.until(`${what} on the customer's stream`, (f) => f.activities.some(match))).activities.find(match) as Activity;
    const post = (on: string, body: Record<string, unknown>) =>
      fetch(`${on}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
    await activity('the greeting', (a) => a.channelData?.prompt === 'menu');
    return { token, conversationId, auth, activity, post };
  }

  /** Waits until `app`'s presence says `online` (woken by each change it hears, bounded); its listener is removed after. */
  async function presenceOn(app: App, online: boolean): Promise<void> {
    const changed = arrivals();
    let changes = 0;
    const unsubscribe = app.presence.onChange(() => {
      changes++;
      changed.wake();
    });
    try {
      await changed.until(
        `${AGENT.username} ${online ? 'online' : 'offline'} in this instance's presence`,
        () => app.presence.isOnline(AGENT.username) === online,
        () => `${changes} presence change(s), ${AGENT.username} still ${online ? 'offline' : 'online'}`,
      );
    } finally {
      unsubscribe();
    }
  }

  test("no agent online anywhere: an instance sends its customers' feed events over no bus; once one is online elsewhere, it does", async () => {
    const [a, b] = bases;
    const channel = 'test-agents:agents.feed';
    const listener = new Redis(redis.url);
    const heard: string[] = [];
    const waiting = new Map<string, () => void>();
    await listener.subscribe(channel);
    listener.on('message', (_channel, text: string) => {
      const type = JSON.parse(text).event?.type as string;
      heard.push(type);
      waiting.get(type)?.();
    });
    /** Resolves when an event of `type` went over the bus; fails after a bound, saying what went instead. */
    const hears = (type: string) =>
      heard.includes(type)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no ${type} on the bus within 10 s; heard ${heard.join(', ')}`)), 10_000);
            waiting.set(type, () => {
              clearTimeout(timer);
              resolve();
            });
          });
    const marker = new Redis(redis.url);
    try {
      const chat = await customer(a, a);
      expect((await chat.post(a, { type: 'message', from: { id: 'x' }, text: 'my camera stopped working' })).status).toBe(200);
      await chat.activity('the product question', (x) => x.channelData?.prompt === 'product');
      // the product is recorded: a claim change, which agents would see
      expect((await chat.post(a, { type: 'message', from: { id: 'x' }, text: 'QT5682' })).status).toBe(200);
      await chat.activity('the date question', (x) => x.channelData?.prompt === 'purchaseDate');
      // published after the turns: when it arrives, anything the turn published has arrived before it
      await marker.publish(channel, JSON.stringify({ event: { type: 'marker' } }));
      await hears('marker');
      expect(heard).toEqual(['marker']);

      // an agent connects to B: A hears of it at once, and from then on its events travel
      await agentStream(b);
      await presenceOn(apps[0], true);
      expect((await chat.post(a, { type: 'message', from: { id: 'x' }, text: '5 days ago' })).status).toBe(200);
      await chat.activity('the proof question', (x) => x.channelData?.prompt === 'proofType');
      await hears('claim.updated');
    } finally {
      listener.disconnect();
      marker.disconnect();
    }
  });

  test('an agent connected to A counts as online on B: a hand-off on B puts the customer in the queue, not the call-back offer', async () => {
    const [a, b] = bases;
    const agent = await agentStream(a);
    await presenceOn(apps[1], true);
    const chat = await customer(b, b);
    expect((await chat.post(b, { type: 'message', text: 'I want to talk to a person' })).status).toBe(200);
    await chat.activity('the place in the queue', (a) => a.type === 'message' && /number \d+ in the queue/.test(a.text ?? ''));
    // A disconnects them: B stops counting them once A says so
    agent.socket.close();
    await presenceOn(apps[1], false);
    expect(apps[1].presence.anyOnline()).toBe(false);
  }, 30_000);

  test('an agent on an instance that dies (no goodbye) stops counting on B after three missed heartbeats', async () => {
    await agentStream(bases[0]);
    await presenceOn(apps[1], true);
    // A falls silent from B's point of view: B's clock moves past three heartbeats with no word from A
    clocks[1].advance(PRESENCE_STALE_AFTER_MS + 1);
    expect(apps[1].presence.anyOnline()).toBe(false);
    clocks[1].advance(-(PRESENCE_STALE_AFTER_MS + 1));
  }, 30_000);

  test('a logout on A ends the agent stream open on B at once, and the token is refused on both', async () => {
    const [a, b] = bases;
    const token = await agentToken(a);
    const onB = await agentStream(b, token);
    const ended = new Promise<void>((resolve) => onB.socket.once('close', () => resolve()));
    expect((await fetch(`${a}/api/agent/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    await ended;
    for (const base of [a, b]) {
      expect((await fetch(`${base}/api/agent/queue`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
      expect(await open(`${ws(base)}/api/agent/stream`, { Authorization: `Bearer ${token}` })).toBe(401);
    }
  }, 30_000);

  test("the agent's typing and messages sent on A reach the customer's stream on B; the customer's typing on B reaches the agent on A", async () => {
    const [a, b] = bases;
    const agent = await agentStream(a);
    const chat = await customer(b, b);
    expect((await chat.post(b, { type: 'message', text: 'I want to talk to a person' })).status).toBe(200);
    const waiting = await agent.events.until(
      "the hand-off in the agent's feed",
      (e) => e.claim?.conversationId === chat.conversationId && e.claim.status === 'pending_agent',
    );
    const claimId = waiting.claim?.id as string;
    const asAgent = { Authorization: `Bearer ${agent.token}`, 'Content-Type': 'application/json' };
    expect((await fetch(`${a}/api/agent/claims/${claimId}/accept`, { method: 'POST', headers: asAgent })).status).toBe(200);
    expect((await fetch(`${a}/api/agent/claims/${claimId}/typing`, { method: 'POST', headers: asAgent })).status).toBe(200);
    const typing = await chat.activity("the agent's typing", (x) => x.type === 'typing' && x.from.id === `agent:${AGENT.username}`);
    expect(typing.from.id).toBe('agent:ana');
    const body = JSON.stringify({ text: 'Hello, I am looking at your claim now.' });
    expect((await fetch(`${a}/api/agent/claims/${claimId}/messages`, { method: 'POST', headers: asAgent, body })).status).toBe(200);
    await chat.activity(
      "the agent's message",
      (x) => x.type === 'message' && x.from.id === 'agent:ana' && x.text === 'Hello, I am looking at your claim now.',
    );
    // and back: the customer types on B, the agent on A sees it
    expect((await chat.post(b, { type: 'typing' })).status).toBe(200);
    await agent.events.until("the customer's typing in the agent's feed", (e) => e.type === 'customer.typing' && e.claimId === claimId);
  }, 30_000);

  test('a stream ticket used on A opens nothing on B (nor on A again)', async () => {
    const [a, b] = bases;
    const chat = await customer(a, a);
    const streamUrl = async () =>
      (
        (await (await fetch(`${a}/v3/directline/conversations/${chat.conversationId}`, { headers: chat.auth })).json()) as {
          streamUrl: string;
        }
      ).streamUrl;
    const onB = (url: string) => url.replace(ws(a), ws(b));
    const first = await streamUrl();
    const opened = await open(first);
    expect(opened).toBeInstanceOf(WebSocket);
    sockets.push(opened as WebSocket);
    expect(await open(onB(first))).toBe(401);
    expect(await open(first)).toBe(401);
    // the other way round: first used on B, then refused on A
    const second = await streamUrl();
    const openedOnB = await open(onB(second));
    expect(openedOnB).toBeInstanceOf(WebSocket);
    sockets.push(openedOnB as WebSocket);
    expect(await open(second)).toBe(401);
  }, 30_000);

  // last: it stops this file's Redis
  test('Redis unreachable: a browser still reconnects with a stream ticket (single use on this instance); the token opens the stream too', async () => {
    const [a] = bases;
    const chat = await customer(a, a);
    const { streamUrl } = (await (
      await fetch(`${a}/v3/directline/conversations/${chat.conversationId}`, { headers: chat.auth })
    ).json()) as {
      streamUrl: string;
    };
    await redis.stop();
    try {
      const withTicket = await open(streamUrl);
      expect(withTicket).toBeInstanceOf(WebSocket);
      sockets.push(withTicket as WebSocket);
      expect(await open(streamUrl)).toBe(401);
      const withToken = await open(`${ws(a)}/v3/directline/conversations/${chat.conversationId}/stream`, chat.auth);
      expect(withToken).toBeInstanceOf(WebSocket);
      sockets.push(withToken as WebSocket);
    } finally {
      await redis.start();
    }
  }, 30_000);
});

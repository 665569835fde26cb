import { WebSocket } from 'ws';
import type { App } from '../../src/app';
import { SESSION_ENDED_CLOSE_CODE } from '../../src/channels/directLine/directLineStreams';
import { fixedClock } from '../../src/clock';
import { DIRECT_LINE_CHANNEL } from '../../src/domain/conversationKey';
import { ResumeLinks } from '../../src/mail/resumeLinks';
import { arrivals } from '../helpers/arrivals';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';
import { startTestApp } from '../helpers/testApp';

const SECRET = 'cluster-test-secret';

interface Session {
  token: string;
  conversationId: string;
  userId: string;
}

/*
 * Instances on one PostgreSQL database and one Redis, no affinity: a stranger chats on instance A, and
 * the person the transcript was mailed to follows the link on instance B. A hears of it over the bus,
 * refuses the stranger's session and closes its stream; an instance that starts later reads it back
 * from the database, and so does A when Redis was away while it happened.
 */
postgresOnly('a resume through a link on another instance', () => {
  let redis: OwnRedis;
  let database: { url: string; drop(): Promise<void> };
  const clock = fixedClock('2026-03-02T17:30:00Z');
  const apps: App[] = [];

  const startInstance = async () => {
    const { app, base } = await startTestApp({
      clock,
      env: { DATABASE_URL: database.url, TOKEN_SECRET: SECRET, REDIS_URL: redis.url, REDIS_PREFIX: 'test-resumes:' },
    });
    apps.push(app);
    await app.redis?.ready();
    await app.bus?.ready();
    return base;
  };

  beforeAll(async () => {
    redis = await startOwnRedis();
    database = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis?.stop();
    await database?.drop();
  });

  const newChat = async (base: string) => (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as Session;
  const resume = async (base: string, conversationId: string) => {
    const link = new ResumeLinks(SECRET, clock, 30, () => base).linkFor({ channel: DIRECT_LINE_CHANNEL, id: conversationId }) as string;
    const res = await fetch(`${base}/api/directline/resume`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link: link.split('/').at(-1) }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Session;
  };
  const read = async (base: string, session: Session) => {
    const res = await fetch(`${base}/v3/directline/conversations/${session.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    return { status: res.status, code: res.ok ? null : ((await res.json()) as { error: { code: string } }).error.code };
  };
  /** The stranger's chat on `base`, with its stream open there; and a stream URL minted there for later. */
  const chatWithStream = async (base: string) => {
    const session = await newChat(base);
    const auth = { Authorization: `Bearer ${session.token}` };
    const started = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as {
      streamUrl: string;
    };
    const spare = (await (await fetch(`${base}/v3/directline/conversations/${session.conversationId}`, { headers: auth })).json()) as {
      streamUrl: string;
    };
    const arrived = arrivals();
    let closedWith: number | null = null;
    const socket = new WebSocket(started.streamUrl);
    socket.on('close', (code) => {
      closedWith = code;
      arrived.wake();
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return {
      session,
      spareStreamUrl: spare.streamUrl,
      closed: () =>
        arrived.until(
          'the stranger’s stream to close',
          () => closedWith ?? undefined,
          () => 'its stream is still open',
        ),
      isOpen: () => closedWith === null,
      close: () => socket.close(),
    };
  };
  const upgradeStatus = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => {
        resolve(101);
        socket.close();
      });
      socket.once('error', reject);
    });

  test('the stranger on A is refused and its stream on A closed when the link is used on B; an instance started later refuses it too', async () => {
    const a = await startInstance();
    const b = await startInstance();
    const stranger = await chatWithStream(a);
    const resumed = await resume(b, stranger.session.conversationId);

    // A heard it over the bus: the stream closes, and the session is refused there
    expect(await stranger.closed()).toBe(SESSION_ENDED_CLOSE_CODE);
    expect(await read(a, stranger.session)).toEqual({ status: 403, code: 'SESSION_ENDED' });
    expect(await upgradeStatus(stranger.spareStreamUrl)).toBe(401);
    // the one who followed the link works on either instance
    expect((await read(a, resumed)).status).toBe(200);
    expect((await read(b, resumed)).status).toBe(200);

    // an instance that starts after the resume reads it back from the database
    const c = await startInstance();
    expect(await read(c, stranger.session)).toEqual({ status: 403, code: 'SESSION_ENDED' });
    expect((await read(c, resumed)).status).toBe(200);
  }, 60_000);

  test('with Redis away while the link is used on B, A learns it from the database once Redis is back', async () => {
    const a = await startInstance();
    const b = await startInstance();
    const stranger = await chatWithStream(a);
    const gone = Promise.all(apps.slice(-2).map((app) => new Promise((resolve) => app.redis?.client.once('close', resolve))));
    await redis.stop();
    await gone;

    await resume(b, stranger.session.conversationId);
    // A heard nothing: its stream is open, and nothing ever arrives to wake it while Redis is away
    expect(stranger.isOpen()).toBe(true);
    await redis.start();
    expect(await stranger.closed()).toBe(SESSION_ENDED_CLOSE_CODE);
    expect(await read(a, stranger.session)).toEqual({ status: 403, code: 'SESSION_ENDED' });
  }, 60_000);
});

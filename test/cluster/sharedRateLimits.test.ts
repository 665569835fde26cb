import type { App } from '../../src/app';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { startTestApp } from '../helpers/testApp';

/*
 * Two instances on one Redis share their rate limits: a client that spreads its requests over
 * instances behind a load balancer gets no more than from one. While Redis is away each instance
 * limits on its own again (nothing refused for the outage alone). Redis is the test's own.
 */
describe('rate limits shared through Redis', () => {
  let redis: OwnRedis;
  const apps: App[] = [];
  const bases: string[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    for (let instance = 0; instance < 2; instance++) {
      const { app, base } = await startTestApp({
        env: {
          REDIS_URL: redis.url,
          REDIS_PREFIX: 'test-limits:',
          DIRECTLINE_TOKENS_PER_MINUTE: '3',
        },
      });
      apps.push(app);
      bases.push(base);
      await app.redis?.ready();
    }
  }, 30_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await redis?.stop();
  });

  const newChat = (base: string) => fetch(`${base}/api/directline/token`, { method: 'POST' }).then((res) => res.status);

  test('new chats per address are counted across instances', async () => {
    expect([await newChat(bases[0]), await newChat(bases[1]), await newChat(bases[0])]).toEqual([200, 200, 200]);
    expect(await newChat(bases[1])).toBe(429);
    expect(await newChat(bases[0])).toBe(429);
  });

  test('agents signing in are counted across instances too, and Redis away does not refuse everyone', async () => {
    const login = (base: string) =>
      fetch(`${base}/api/agent/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'wrong password' }),
      }).then((res) => res.status);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await login(bases[i % 2]));
    // ten attempts a minute per address, whichever instance they reach
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const disconnected = new Promise((resolve) => apps[0].redis?.client.once('close', resolve));
    await redis.stop();
    await disconnected;
    // each instance counts on its own meanwhile (its insurance limiter starts afresh)
    expect(await login(bases[0])).toBe(401);
    await redis.start();
    // every connection is back (and re-subscribed) before the instances close
    for (const app of apps) {
      await app.redis?.ready();
      await app.bus?.ready();
    }
  }, 30_000);
});

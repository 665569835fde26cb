import Redis from 'ioredis';
import type { App } from '../../src/app';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { startTestApp } from '../helpers/testApp';

/*
 * A Redis that stops answering without going away (a partition, a failover that pauses writes: here
 * the redis-server process stopped with SIGSTOP: connections stay open, nothing answers) must not hold customers' requests: each command gives up after its timeout and the
 * request goes on with this instance's own limits and memory.
 */
describe('Redis connected but not answering', () => {
  let redis: OwnRedis;
  let admin: Redis;
  let app: App;
  let base: string;

  beforeAll(async () => {
    redis = await startOwnRedis();
    admin = new Redis(redis.url);
    ({ app, base } = await startTestApp({ env: { REDIS_URL: redis.url, REDIS_PREFIX: 'test-not-answering:' } }));
    await app.redis?.ready();
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  /** The response, or an error once `ms` passed without one. */
  const within = (request: Promise<Response>, ms: number) =>
    Promise.race([request, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

  test('a customer starts a chat and posts while every Redis command hangs: answered, not held', async () => {
    const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
    admin.disconnect();
    // frozen for as long as the test runs: only the command timeout can let the requests through
    process.kill(pid, 'SIGSTOP');
    try {
      const started = await within(fetch(`${base}/api/directline/token`, { method: 'POST' }), 10_000);
      expect(started.status).toBe(200);
      const { token, conversationId } = (await started.json()) as { token: string; conversationId: string };
      const posted = await within(
        fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: { id: 'someone' }, text: 'my camera stopped working' }),
        }),
        10_000,
      );
      expect(posted.status).toBe(200);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  }, 30_000);
});

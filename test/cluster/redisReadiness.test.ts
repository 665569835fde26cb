import type { App } from '../../src/app';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { startTestApp } from '../helpers/testApp';

/*
 * With REDIS_URL, /readyz reports Redis too: 503 while it is away, 200 again once the client has
 * reconnected by itself; /healthz (liveness) stays 200 throughout. Redis is the test's own, on a
 * free port, never the shared one.
 */
describe('/readyz with Redis', () => {
  let redis: OwnRedis;
  let app: App;
  let base: string;

  beforeAll(async () => {
    redis = await startOwnRedis();
    ({ app, base } = await startTestApp({
      env: {
        REDIS_URL: redis.url,
        REDIS_PREFIX: 'test-readiness:',
      },
    }));
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  test('ready with Redis; not ready while it is away; ready again once it is back, by itself', async () => {
    await app.redis?.ready();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const disconnected = new Promise((resolve) => app.redis?.client.once('close', resolve));
    await redis.stop();
    await disconnected;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await redis.start();
    await app.redis?.ready();
    await app.bus?.ready();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  }, 30_000);

  test('keys carry the deployment prefix; pub/sub channels are named with it too', async () => {
    await app.redis?.ready();
    expect(app.redis?.channel('feed')).toBe('test-readiness:feed');
    await app.redis?.client.set('probe', '1');
    const raw = new (await import('ioredis')).default(redis.url);
    try {
      expect(await raw.get('test-readiness:probe')).toBe('1');
      expect(await raw.get('probe')).toBeNull();
    } finally {
      raw.disconnect();
    }
  });
});

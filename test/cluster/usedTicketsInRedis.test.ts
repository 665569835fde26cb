import { RedisConnection } from '../../src/cluster/redisConnection';
import { UsedTicketsInRedis } from '../../src/cluster/usedTicketsInRedis';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';

/* Stream tickets' single use in Redis: the first instance to ask wins, and while Redis is away every ticket is refused, logged once. */
describe('used stream tickets in Redis', () => {
  let redis: OwnRedis;
  let connection: RedisConnection;
  const NOW = 1_772_472_600; // 2026-03-02T17:30:00Z, in seconds

  beforeAll(async () => {
    redis = await startOwnRedis();
    connection = new RedisConnection(redis.url, 'test-tickets:', () => undefined);
    await connection.ready();
  }, 30_000);

  afterAll(async () => {
    await connection?.close();
    await redis?.stop();
  });

  function logger() {
    const lines: { level: string; code: string }[] = [];
    return {
      lines,
      warn: (fields: { code: string }) => void lines.push({ level: 'warn', code: fields.code }),
      info: (fields: { code: string }) => void lines.push({ level: 'info', code: fields.code }),
    };
  }

  test('a ticket is used once, whichever instance asks; it is forgotten with its expiry, not before', async () => {
    const onA = new UsedTicketsInRedis(connection, logger());
    const onB = new UsedTicketsInRedis(connection, logger());
    expect(await onA.markUsed('jti-1', NOW + 90, NOW)).toBe(true);
    expect(await onB.markUsed('jti-1', NOW + 90, NOW)).toBe(false);
    expect(await onA.markUsed('jti-1', NOW + 90, NOW)).toBe(false);
    expect(await onB.markUsed('jti-2', NOW + 90, NOW)).toBe(true);
    // kept for the ticket's remaining life plus a margin for the instances' clocks, under the deployment's prefix
    const ttl = await connection.client.pttl('dl-ticket:jti-1');
    expect(ttl).toBeGreaterThan(90_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  test('Redis away: this instance alone remembers its tickets (each still used once here), logged once for the outage; back: Redis again', async () => {
    const log = logger();
    const tickets = new UsedTicketsInRedis(connection, log);
    await redis.stop();
    try {
      for (let i = 0; i < 3; i++) {
        expect(await tickets.markUsed(`away-${i}`, NOW + 90, NOW)).toBe(true);
        expect(await tickets.markUsed(`away-${i}`, NOW + 90, NOW)).toBe(false);
      }
      expect(log.lines).toEqual([{ level: 'warn', code: 'REDIS_TICKETS_UNAVAILABLE' }]);
    } finally {
      await redis.start();
    }
    await connection.ready();
    expect(await tickets.markUsed('back-1', NOW + 90, NOW)).toBe(true);
    expect(await tickets.markUsed('back-1', NOW + 90, NOW)).toBe(false);
    expect(log.lines).toEqual([
      { level: 'warn', code: 'REDIS_TICKETS_UNAVAILABLE' },
      { level: 'info', code: 'REDIS_TICKETS_BACK' },
    ]);
  }, 30_000);
});

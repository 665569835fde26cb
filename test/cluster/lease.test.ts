import { randomUUID } from 'node:crypto';
import { fixedClock } from '../../src/clock';
import { Lease, type LeaseScheduler, type LedWork } from '../../src/cluster/lease';
import { RedisConnection } from '../../src/cluster/redisConnection';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';

/*
 * Work that must run once per cluster (the file sweep, later timers) is led through a lease in Redis.
 * Renewals are run by the test (an injected scheduler that never fires by itself); the lease's own
 * clock is fixed unless a test moves it. Redis's TTL is real time, so a takeover waits for the key to
 * expire: bounded, checking the condition, never a bare sleep.
 */

/** A scheduler that runs nothing by itself: the test ticks. */
const manual: LeaseScheduler = { every: () => ({ cancel: () => {} }) };

/** Work that records whether it is led here. */
function work(): LedWork & { running: boolean; starts: number } {
  const w = {
    running: false,
    starts: 0,
    lead: () => {
      w.running = true;
      w.starts++;
    },
    follow: () => {
      w.running = false;
    },
  };
  return w;
}

/** Ticks `lease` until `done()` holds, within `withinMs`: the moment is Redis's own expiry. */
async function tickUntil(lease: Lease, done: () => boolean, withinMs: number): Promise<number> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > withinMs) throw new Error(`not within ${withinMs} ms`);
    await lease.tick();
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - start;
}

describe('a lease on one Redis', () => {
  const prefix = `test-lease-${randomUUID().slice(0, 8)}:`;
  let a: RedisConnection;
  let b: RedisConnection;

  beforeAll(async () => {
    a = new RedisConnection('redis://127.0.0.1:6379', prefix, () => {});
    b = new RedisConnection('redis://127.0.0.1:6379', prefix, () => {});
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    const keys = await a.client.keys(`${prefix}*`);
    if (keys.length) await a.client.del(...keys.map((key) => key.slice(prefix.length)));
    await Promise.all([a.close(), b.close()]);
  });

  test('two holders: exactly one leads; stopped, it gives the lease up and the other takes it at its next try', async () => {
    const name = `one-${randomUUID()}`;
    const first = new Lease(a.client, { name, ttlMs: 5_000, scheduler: manual });
    const second = new Lease(b.client, { name, ttlMs: 5_000, scheduler: manual });
    const [w1, w2] = [work(), work()];
    await Promise.all([first.start(w1), second.start(w2)]);
    expect([first.isLeader, second.isLeader].filter(Boolean)).toHaveLength(1);
    const [leader, follower, led, waiting] = first.isLeader ? [first, second, w1, w2] : [second, first, w2, w1];
    expect(led.running).toBe(true);
    expect(waiting.running).toBe(false);
    expect(await a.client.pttl(`lease:${name}`)).toBeGreaterThan(0);

    // renewals keep it where it is
    await Promise.all([leader.tick(), follower.tick(), leader.tick(), follower.tick()]);
    expect([leader.isLeader, follower.isLeader]).toEqual([true, false]);
    expect(led.starts).toBe(1);

    await leader.stop();
    expect(led.running).toBe(false);
    await follower.tick();
    expect(follower.isLeader).toBe(true);
    expect(waiting.running).toBe(true);
    await follower.stop();
  });

  test('a leader that dies without giving it up (no more renewals): the other takes over once the TTL has run out', async () => {
    const name = `death-${randomUUID()}`;
    const ttlMs = 400;
    const dead = new Lease(a.client, { name, ttlMs, scheduler: manual });
    const other = new Lease(b.client, { name, ttlMs, scheduler: manual });
    const [wDead, wOther] = [work(), work()];
    await dead.start(wDead);
    await other.start(wOther);
    expect([dead.isLeader, other.isLeader]).toEqual([true, false]);
    // from here `dead` is never ticked again nor stopped: its lease only expires
    await other.tick();
    expect(other.isLeader).toBe(false);
    const waited = await tickUntil(other, () => other.isLeader, ttlMs * 10);
    expect(wOther.running).toBe(true);
    // not before the dead leader's TTL could have run out (it was renewed last at its start)
    expect(waited).toBeGreaterThanOrEqual(ttlMs / 2);
    expect(await b.client.get(`lease:${name}`)).toBe(other.owner);
    await other.stop();
  });
});

describe('a lease while Redis is away', () => {
  let redis: OwnRedis;
  let connection: RedisConnection;

  beforeAll(async () => {
    redis = await startOwnRedis();
    connection = new RedisConnection(redis.url, 'test-lease-away:', () => {});
    await connection.ready();
  }, 30_000);
  afterAll(async () => {
    await connection?.close();
    await redis?.stop();
  });

  test('the leader stops leading at its next renewal, and leads again once Redis is back', async () => {
    const errors: unknown[] = [];
    const lease = new Lease(connection.client, { name: 'sweep', ttlMs: 5_000, scheduler: manual, onError: (e) => errors.push(e) });
    const w = work();
    await lease.start(w);
    expect(lease.isLeader).toBe(true);

    const gone = new Promise((resolve) => connection.client.once('close', resolve));
    await redis.stop();
    await gone;
    await lease.tick();
    expect(lease.isLeader).toBe(false);
    expect(w.running).toBe(false);
    // every try fails alike while Redis is away: said once for the outage
    await lease.tick();
    await lease.tick();
    expect(errors).toHaveLength(1);

    // a new Redis (nothing kept): the lease is free, and this instance takes it again
    await redis.start();
    await connection.ready();
    await lease.tick();
    expect(lease.isLeader).toBe(true);
    expect(w.running).toBe(true);
    await lease.stop();
  });

  test("a leader whose renewal gets no answer before the lease's end steps down by its own clock", async () => {
    const name = `late-${randomUUID()}`;
    const clock = fixedClock('2026-03-02T12:00:00Z');
    const lease = new Lease(connection.client, { name, ttlMs: 5_000, scheduler: manual, clock });
    const w = work();
    await lease.start(w);
    expect(lease.isLeader).toBe(true);
    // Redis answers nobody's writes for a while (its own Redis: the shared one is never paused): the renewal hangs
    const admin = new RedisConnection(redis.url, 'test-lease-away:', () => {});
    await admin.ready();
    // shorter than the command timeout (500 ms): the renewal is answered, only late
    await admin.client.call('CLIENT', 'PAUSE', '300', 'WRITE');
    try {
      const renewal = lease.tick();
      clock.advance(5_000);
      void lease.tick();
      expect(lease.isLeader).toBe(false);
      expect(w.running).toBe(false);
      // Redis's late "renewed" is read after the lease it renewed had run out (another instance may hold
      // it by now): it must not make this one lead again
      await renewal;
      expect(lease.isLeader).toBe(false);
      expect(w.running).toBe(false);
    } finally {
      await admin.client.call('CLIENT', 'UNPAUSE');
      await admin.close();
      await lease.stop();
    }
  });
});

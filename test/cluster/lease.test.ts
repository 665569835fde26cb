import { randomUUID } from 'node:crypto';
import { fixedClock } from '../../src/clock';
import { ClusterBus } from '../../src/cluster/clusterBus';
import { Lease, type LeaseScheduler, type LedWork } from '../../src/cluster/lease';
import { RedisConnection } from '../../src/cluster/redisConnection';
import { relayLeasesGivenUp } from '../../src/cluster/relays';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';

/*
 * Work that must run once per cluster (the file sweep, later timers) is led through a lease in Redis.
 * Renewals are run by the test (an injected scheduler that never fires by itself); the lease's own
 * clock is fixed unless a test moves it. Redis's TTL is real time: a test that needs it run out shortens
 * it in Redis and waits (bounded, checking) for Redis to expire the key, never asserting on elapsed time.
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

/** Waits until Redis no longer has `key` (its own expiry), checking within `withinMs`: the moment is Redis's, not a sleep's. */
async function expired(redis: RedisConnection, key: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while ((await redis.client.exists(key)) === 1) {
    if (Date.now() > deadline) throw new Error(`${key} still in Redis after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
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

  test('a leader that dies without giving it up (no more renewals): the other takes over once the TTL has run out, not before', async () => {
    const name = `death-${randomUUID()}`;
    const key = `lease:${name}`;
    // a TTL no test run outlasts: while the dead leader's lease lives, no try can race its expiry
    const ttlMs = 60_000;
    const dead = new Lease(a.client, { name, ttlMs, scheduler: manual });
    const other = new Lease(b.client, { name, ttlMs, scheduler: manual });
    const [wDead, wOther] = [work(), work()];
    await dead.start(wDead);
    await other.start(wOther);
    expect([dead.isLeader, other.isLeader]).toEqual([true, false]);
    // from here `dead` is never ticked again nor stopped: its lease only expires
    for (let period = 0; period < 3; period++) {
      await other.tick();
      expect(other.isLeader).toBe(false);
      expect(wOther.running).toBe(false);
    }
    expect(await b.client.get(key)).toBe(dead.owner);
    // the TTL runs out: Redis is told it ends now (the time a real TTL takes, skipped), and expires the key itself
    expect(await a.client.pexpire(key, 1)).toBe(1);
    await expired(a, key, 5_000);
    // the other's next try takes it: one tick, no waiting
    await other.tick();
    expect(other.isLeader).toBe(true);
    expect(wOther.running).toBe(true);
    expect(await b.client.get(key)).toBe(other.owner);
    expect(await b.client.pttl(key)).toBeGreaterThan(ttlMs / 2);
    await other.stop();
  });
});

describe('a lease given up, told on the bus', () => {
  const prefix = `test-lease-bus-${randomUUID().slice(0, 8)}:`;
  let a: RedisConnection;
  let b: RedisConnection;
  let busA: ClusterBus;
  let busB: ClusterBus;

  beforeAll(async () => {
    a = new RedisConnection('redis://127.0.0.1:6379', prefix, () => {});
    b = new RedisConnection('redis://127.0.0.1:6379', prefix, () => {});
    await Promise.all([a.ready(), b.ready()]);
    busA = new ClusterBus(a, () => {});
    busB = new ClusterBus(b, () => {});
  });
  afterAll(async () => {
    await Promise.all([busA.close(), busB.close()]);
    await Promise.all([a.close(), b.close()]);
  });

  test('the leader stops: the other instance takes the lease at once, not at its next try (here: never, nobody ticks it)', async () => {
    const name = `handover-${randomUUID()}`;
    const first = new Lease(a.client, { name, ttlMs: 60_000, scheduler: manual });
    const second = new Lease(b.client, { name, ttlMs: 60_000, scheduler: manual });
    // a lease of another name given up is no reason to try this one
    const unrelated = new Lease(b.client, { name: `other-${randomUUID()}`, ttlMs: 60_000, scheduler: manual });
    relayLeasesGivenUp(busA, [first]);
    relayLeasesGivenUp(busB, [second, unrelated]);
    await Promise.all([busA.ready(), busB.ready()]);
    const [w1, w2] = [work(), work()];
    await first.start(w1);
    await second.start(w2);
    expect([first.isLeader, second.isLeader]).toEqual([true, false]);
    const tries = jest.spyOn(unrelated, 'tick');

    await first.stop();
    const deadline = Date.now() + 5_000;
    while (!second.isLeader) {
      if (Date.now() > deadline) throw new Error('the other lease did not take over within 5 s of the notice');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(w2.running).toBe(true);
    expect(await b.client.get(`lease:${name}`)).toBe(second.owner);
    expect(tries).not.toHaveBeenCalled();
    await second.stop();
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

import { fixedClock } from '../../src/clock';
import { ClusterBus } from '../../src/cluster/clusterBus';
import { ClusterPresence, PRESENCE_HEARTBEAT_MS, PRESENCE_STALE_AFTER_MS } from '../../src/cluster/clusterPresence';
import { RedisConnection } from '../../src/cluster/redisConnection';
import { AgentPresence } from '../../src/handoff/agentPresence';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';

/*
 * Presence between instances, one ClusterPresence per "instance" over a Redis of the test's own.
 * Heartbeats tick only when the test says so (injected `every`), and "how long since we heard of
 * another instance" is read on each instance's injected clock: no test waits for time to pass.
 */
describe('agents online across instances', () => {
  let redis: OwnRedis;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
  }, 30_000);

  afterAll(async () => {
    for (const o of opened.reverse()) await o.close();
    await redis?.stop();
  });

  /**
   * One instance: its own connection, bus, local presence, clock and hand-cranked heartbeat. Returns
   * once the `othersRunning` instances already started have answered its roll call: an answer still
   * in flight would otherwise be taken for the word a test waits for next (and could say an agent is
   * online after they left).
   */
  async function instance(othersRunning = 0) {
    const connection = new RedisConnection(redis.url, 'test-presence:', () => undefined);
    const bus = new ClusterBus(connection, () => undefined);
    opened.push({
      close: async () => {
        await bus.close();
        await connection.close();
      },
    });
    const local = new AgentPresence();
    const clock = fixedClock('2026-03-02T17:30:00Z');
    const ticks: (() => void)[] = [];
    const presence = new ClusterPresence(local, bus, clock, (_ms, tick) => {
      ticks.push(tick);
      return () => ticks.splice(ticks.indexOf(tick), 1);
    });
    await connection.ready();
    await presence.start();
    const heard: Array<() => void> = [];
    let wordsHeard = 0;
    presence.onChange(() => {
      wordsHeard++;
      for (const wake of heard.splice(0)) wake();
    });
    /** Waits until another instance's next word is heard here (a real event, bounded by the test's timeout). */
    const nextWord = () => new Promise<void>((wake) => heard.push(wake));
    while (wordsHeard < othersRunning) await nextWord();
    const heartbeat = () => {
      for (const tick of ticks) tick();
    };
    return { local, presence, clock, nextWord, heartbeat };
  }

  test('an agent connected to A counts on B as soon as A says so, and stops counting when they leave', async () => {
    const a = await instance();
    const b = await instance(1);
    expect(b.presence.anyOnline()).toBe(false);
    let heard = b.nextWord();
    const leave = a.local.connect('ana');
    await heard;
    expect(b.presence.anyOnline()).toBe(true);
    expect(b.presence.isOnline('ana')).toBe(true);
    expect(b.presence.isOnline('bob')).toBe(false);
    // a second tab of the same agent changes nothing; closing the last one does
    const secondTab = a.local.connect('ana');
    secondTab();
    expect(b.presence.anyOnline()).toBe(true);
    heard = b.nextWord();
    leave();
    await heard;
    expect(b.presence.anyOnline()).toBe(false);
    a.presence.stop();
    b.presence.stop();
  });

  test('a new instance asks for a roll call: it knows who is online before any heartbeat', async () => {
    const a = await instance();
    a.local.connect('ana');
    // C joins after ana connected to A; no heartbeat ticks anywhere
    const c = await instance(1);
    expect(c.presence.isOnline('ana')).toBe(true);
    a.presence.stop();
    c.presence.stop();
  });

  test('an instance that dies (no goodbye) stops counting after three missed heartbeats; one that stops says goodbye', async () => {
    const a = await instance();
    const b = await instance(1);
    let heard = b.nextWord();
    a.local.connect('ana');
    await heard;
    // A's heartbeats keep it counted however long it runs
    b.clock.advance(PRESENCE_STALE_AFTER_MS - 1);
    heard = b.nextWord();
    a.heartbeat();
    await heard;
    b.clock.advance(PRESENCE_STALE_AFTER_MS - 1);
    expect(b.presence.anyOnline()).toBe(true);
    // then A falls silent (killed): just past three heartbeats since its last word, ana no longer counts on B
    b.clock.advance(2);
    expect(PRESENCE_STALE_AFTER_MS).toBe(3 * PRESENCE_HEARTBEAT_MS);
    expect(b.presence.anyOnline()).toBe(false);
    // A was only late: its next heartbeat counts ana again
    heard = b.nextWord();
    a.heartbeat();
    await heard;
    expect(b.presence.isOnline('ana')).toBe(true);
    // a clean stop says goodbye: B forgets A at once, without waiting for it to go stale
    heard = b.nextWord();
    a.presence.stop();
    await heard;
    expect(b.presence.anyOnline()).toBe(false);
    b.presence.stop();
  });

  test('onChange returns its unsubscribe: a listener removed is not called again, here or across instances', async () => {
    const a = await instance();
    const b = await instance(1);
    // across instances: B hears A, a removed listener does not
    const calls = { kept: 0, removed: 0 };
    b.presence.onChange(() => calls.kept++);
    const unsubscribe = b.presence.onChange(() => calls.removed++);
    let heard = b.nextWord();
    const leave = a.local.connect('ana');
    await heard;
    // roll calls may be heard too, so counts are compared, not fixed
    expect(calls.removed).toBe(calls.kept);
    expect(calls.kept).toBeGreaterThan(0);
    unsubscribe();
    unsubscribe(); // twice is harmless
    const before = { ...calls };
    heard = b.nextWord();
    leave();
    await heard;
    expect(calls.kept).toBeGreaterThan(before.kept);
    expect(calls.removed).toBe(before.removed);
    // on the instance itself (AgentPresence): the same function subscribed twice is removed once per unsubscribe
    let local = 0;
    const count = () => local++;
    const first = a.local.onChange(count);
    a.local.onChange(count);
    first();
    a.local.connect('bob');
    expect(local).toBe(1);
    a.presence.stop();
    b.presence.stop();
  });

  test('edge cases: a malformed word on the bus changes nothing', async () => {
    const b = await instance();
    const rogue = new RedisConnection(redis.url, 'test-presence:', () => undefined);
    opened.push(rogue);
    await rogue.ready();
    const heard = b.nextWord();
    for (const text of ['not json', '{"kind":"here","usernames":"ana","from":"x"}', '{"kind":"here","usernames":["ana"]}']) {
      await rogue.client.publish(rogue.channel('agents.presence'), text);
    }
    // a well-formed word last: once it is heard, the malformed ones before it were read (pub/sub keeps order)
    await rogue.client.publish(rogue.channel('agents.presence'), JSON.stringify({ kind: 'here', usernames: ['zoe'], from: 'rogue' }));
    await heard;
    expect(b.presence.isOnline('ana')).toBe(false);
    expect(b.presence.isOnline('zoe')).toBe(true);
    b.presence.stop();
  });
});

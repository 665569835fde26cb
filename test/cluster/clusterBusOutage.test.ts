import { ClusterBus } from '../../src/cluster/clusterBus';
import { RedisConnection } from '../../src/cluster/redisConnection';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';

/*
 * While Redis is away every heartbeat and notice an instance publishes fails alike: the log says so
 * once per outage, not every few seconds for as long as it lasts.
 */
describe('the cluster bus while Redis is away', () => {
  let redis: OwnRedis;
  let connection: RedisConnection;
  let bus: ClusterBus;
  const problems: unknown[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    connection = new RedisConnection(redis.url, 'test-bus-outage:', () => undefined);
    bus = new ClusterBus(connection, (error) => problems.push(error));
    await Promise.all([connection.ready(), bus.ready()]);
  }, 30_000);

  afterAll(async () => {
    await bus?.close();
    await connection?.close();
    await redis?.stop();
  });

  /** Publishes, then waits for Redis's answer to it: commands on one connection are answered in order. */
  async function publishAndSettle(): Promise<void> {
    bus.publish('heartbeat', { n: 1 });
    await connection.client.ping().catch(() => undefined);
  }

  test('one problem reported per outage, however many messages fail in it', async () => {
    await publishAndSettle();
    expect(problems).toHaveLength(0);

    const disconnected = new Promise((resolve) => connection.client.once('close', resolve));
    await redis.stop();
    await disconnected;
    for (let i = 0; i < 5; i++) await publishAndSettle();
    expect(problems).toHaveLength(1);

    await redis.start();
    await connection.ready();
    await publishAndSettle();
    expect(problems).toHaveLength(1);

    // a second outage is a new problem, said once again
    const again = new Promise((resolve) => connection.client.once('close', resolve));
    await redis.stop();
    await again;
    for (let i = 0; i < 3; i++) await publishAndSettle();
    expect(problems).toHaveLength(2);
    // back: the bus's own resume (its subscriber reconnected) is awaited here, so that it cannot land in the next test
    const resumed = new Promise<void>((resolve) => bus.onResumed(resolve));
    await redis.start();
    await connection.ready();
    await resumed;
  });

  test("one instance's publishing connection dropped alone: once it is back, the others catch up (what it said meanwhile was lost)", async () => {
    const other = new RedisConnection(redis.url, 'test-bus-outage:', () => undefined);
    const otherBus = new ClusterBus(other, () => undefined);
    try {
      await Promise.all([connection.ready(), other.ready(), otherBus.ready(), bus.ready()]);
      let caughtUp = 0;
      const heard = new Promise<void>((resolve) =>
        bus.onResumed(() => {
          caughtUp++;
          resolve();
        }),
      );
      // only the other instance's command connection is cut (a failover, an idle timeout): nobody's subscriber notices
      const id = await other.client.client('ID');
      const admin = new RedisConnection(redis.url, 'test-bus-outage:', () => undefined);
      await admin.ready();
      const back = new Promise((resolve) => other.client.once('ready', resolve));
      await admin.client.client('KILL', 'ID', String(id));
      await admin.close();
      await back;
      await Promise.race([heard, new Promise((_, reject) => setTimeout(() => reject(new Error('no catch-up within 10 s')), 10_000))]);
      // and only one: the instances whose connections stayed do not ask
      await publishAndSettle();
      expect(caughtUp).toBe(1);
    } finally {
      await otherBus.close();
      await other.close();
    }
  });
});

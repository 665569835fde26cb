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
  });
});

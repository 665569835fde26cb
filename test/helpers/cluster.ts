import { type BuiltServer, startBuiltServer } from './builtServer';
import { type OwnRedis, startOwnRedis } from './ownRedis';
import { createTestDatabase } from './postgres';
import { type RoundRobinProxy, startRoundRobinProxy } from './roundRobinProxy';
import { AGENT } from './testApp';

export interface Cluster {
  /** The proxy's base URL: where every client request of a multi-instance test goes. */
  readonly base: string;
  readonly proxy: RoundRobinProxy;
  readonly instances: BuiltServer[];
  readonly redis: OwnRedis;
  readonly database: { url: string; name: string };
  /** The instance behind `target` (a base URL from the proxy's record). */
  instanceAt(target: string | null): BuiltServer;
  /** Kills what is left of the instances, the proxy and Redis, and drops the database. */
  stop(): Promise<void>;
}

/**
 * N built instances (child processes, `npm run build` first) on one fresh PostgreSQL database and one
 * Redis of the test's own (it may be restarted), behind a round-robin proxy with no affinity. The
 * instances name the proxy as their public origin (PUBLIC_URL), so the stream URLs they hand out go
 * through it too, as behind a real load balancer. They are started at once, as a deploy would.
 */
export async function startCluster(options: { instances?: number; env?: Record<string, string> } = {}): Promise<Cluster> {
  const redis = await startOwnRedis();
  const database = await createTestDatabase('warranty_multi', { migrated: true });
  const proxy = await startRoundRobinProxy([]);
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `multi-${process.pid}:`,
    PUBLIC_URL: proxy.base,
    BOOTSTRAP_AGENT_USERNAME: AGENT.username,
    BOOTSTRAP_AGENT_PASSWORD: AGENT.password,
    ...options.env,
  };
  const started = await Promise.allSettled(Array.from({ length: options.instances ?? 3 }, () => startBuiltServer({ env })));
  const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.kill()));
    await proxy.close();
    await redis.stop();
    await database.drop();
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  proxy.setTargets(instances.map((instance) => instance.base));
  return {
    base: proxy.base,
    proxy,
    instances,
    redis,
    database,
    instanceAt(target) {
      const found = instances.find((instance) => instance.base === target);
      if (!found) throw new Error(`no instance at ${target}`);
      return found;
    },
    stop,
  };
}

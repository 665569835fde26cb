/**
 * Issue 18's rows of `npm run bench`: instances of ours on PostgreSQL + Redis, reached three ways —
 * one instance directly, the same instance behind the round-robin proxy (so the proxy's own share
 * shows), and two instances behind it (no affinity: a customer's consecutive messages land on both).
 * Each way knows what to read the CPU of (the instances, PostgreSQL's processes for its database,
 * Redis, the proxy), and each cluster counts the messages sent to it, for the round trips and
 * conversation-lock waits per turn that its instances log when they stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { cpuMs, postgresCpuMeterOf } from './cpuMeters';
import { track } from './startedChildren';

/** A server of ours the bench started (run.ts's startProcess). */
export interface Server {
  child: ChildProcess;
  base: string;
  log: () => string;
}
export type StartServer = (env: Record<string, string>) => Promise<Server>;
export type StopServer = (child: ChildProcess) => Promise<void>;

/** What a measured stretch reads the CPU time of, per tier (ms so far). */
export interface CpuMeters {
  servers: Array<number | undefined>;
  database?: () => number;
  others?: Record<string, () => number>;
}

/** One way of reaching a cluster, as a row of the table. */
export interface ScaleOutTarget {
  label: string;
  base: string;
  cluster: ClusterUnderTest;
  cpu: CpuMeters;
}

/** What a cluster's instances did, read from their last log lines. */
export interface ClusterCounts {
  cluster: string;
  instances: number;
  messages: number;
  roundTripsPerMessage: number;
  lockWaitsPerMessage: number;
  /** mean wait of the turns that waited, ms */
  meanLockWaitMs: number;
}

export interface ClusterUnderTest {
  name: string;
  /** Counts the customer messages sent to this cluster (the divisor of round trips and lock waits). */
  count(): void;
}

/** The round-robin proxy in a process of its own (bench/proxyProcess.ts), so its CPU is its own. */
async function startProxy(root: string, targets: string[]): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'bench', 'proxyProcess.js'), ...targets], {
    env: { ...process.env, BENCH_PROXY_KEEPALIVE: process.env.BENCH_PROXY_KEEPALIVE ?? '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  track(child);
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^(http:\S+)\n/.exec(output);
      if (line) resolve(line[1]);
    });
    child.once('exit', () => reject(new Error('the proxy did not start')));
  });
  return { child, base };
}

/** Redis's own CPU when it runs on this machine (its pid from INFO), else nothing to read. */
async function redisMeter(redis: Redis): Promise<(() => number) | undefined> {
  const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  if (!pid || !existsSync(`/proc/${pid}/stat`) || !readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(redis-server)')) return undefined;
  return () => cpuMs(pid);
}

/**
 * Starts the clusters on `postgresUrl`'s server and `redisUrl` — "one": one instance, reached
 * directly and through a proxy of its own; "two": two instances behind another proxy — each on a
 * database and a Redis key prefix of its own. Null, with a note, when PostgreSQL or Redis cannot be
 * reached. `settle` flushes PostgreSQL's dirty pages between measurements; `stop` stops everything, drops the databases, deletes the bench's Redis keys and returns
 * each cluster's counts.
 */
export async function startScaleOut(
  root: string,
  start: StartServer,
  stop: StopServer,
  postgresUrl: string,
  redisUrl: string,
): Promise<{ targets: ScaleOutTarget[]; settle(): Promise<void>; stop(): Promise<ClusterCounts[]> } | null> {
  const prefix = `qsee-bench-${process.pid}-`;
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    console.log(`scale-out run skipped: Redis at ${redisUrl} cannot be reached (${(error as Error).message})`);
    redis.disconnect();
    return null;
  }
  const { default: pg } = await import('pg');
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const databases = { one: `qsee_bench_${process.pid}_one`, two: `qsee_bench_${process.pid}_two` };
  try {
    for (const name of Object.values(databases)) await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(`scale-out run skipped: PostgreSQL cannot be reached (${(error as Error).message})`);
    redis.disconnect();
    return null;
  }
  const redisCpu = await redisMeter(redis);
  const postgresCpu = postgresCpuMeterOf(Object.values(databases));
  const dataDirs: string[] = [];
  const instanceOf = (cluster: keyof typeof databases) => {
    const url = new URL(postgresUrl);
    url.pathname = `/${databases[cluster]}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), `bench-${cluster}-`));
    dataDirs.push(dataDir);
    return start({
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `${prefix}${cluster}:`,
      TOKEN_SECRET: 'bench-secret',
      DIRECTLINE_TOKENS_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
    });
  };
  // one at a time: each instance migrates its empty database, the second of a cluster finds it done
  const one = await instanceOf('one');
  const twoA = await instanceOf('two');
  const twoB = await instanceOf('two');
  const proxyOne = await startProxy(root, [one.base]);
  const proxyTwo = await startProxy(root, [twoA.base, twoB.base]);

  const messages = { one: 0, two: 0 };
  const clusterNamed = (name: keyof typeof databases): ClusterUnderTest => ({
    name,
    count: () => {
      messages[name]++;
    },
  });
  const meters = (instances: Server[], proxy?: ChildProcess): CpuMeters => ({
    servers: instances.map((s) => s.child.pid),
    database: postgresCpu,
    others: {
      ...(redisCpu ? { redis: redisCpu } : {}),
      ...(proxy ? { proxy: () => cpuMs(proxy.pid) } : {}),
    },
  });
  const targets: ScaleOutTarget[] = [
    { label: '1 instance, direct', base: one.base, cluster: clusterNamed('one'), cpu: meters([one]) },
    { label: '1 instance, proxy', base: proxyOne.base, cluster: clusterNamed('one'), cpu: meters([one], proxyOne.child) },
    { label: '2 instances, proxy', base: proxyTwo.base, cluster: clusterNamed('two'), cpu: meters([twoA, twoB], proxyTwo.child) },
  ];

  return {
    targets,
    settle: () => admin('CHECKPOINT'),
    stop: async () => {
      const stopProxy = async (child: ChildProcess) => {
        const exited = new Promise((resolve) => child.once('close', resolve));
        child.kill('SIGTERM');
        await exited;
      };
      await Promise.all([stopProxy(proxyOne.child), stopProxy(proxyTwo.child)]);
      await Promise.all([one, twoA, twoB].map((s) => stop(s.child)));
      const counts = (name: keyof typeof databases, instances: Server[]): ClusterCounts => {
        const totals = { roundTrips: 0, waits: 0, waitMs: 0 };
        for (const instance of instances) {
          const line = instance
            .log()
            .split('\n')
            .find((l) => l.includes('databaseRoundTrips'));
          const logged = line ? JSON.parse(line) : {};
          totals.roundTrips += Number(logged.databaseRoundTrips);
          totals.waits += Number(logged.conversationLockWaits);
          totals.waitMs += Number(logged.conversationLockWaitMs);
        }
        return {
          cluster: name,
          instances: instances.length,
          messages: messages[name],
          roundTripsPerMessage: totals.roundTrips / messages[name],
          lockWaitsPerMessage: totals.waits / messages[name],
          meanLockWaitMs: totals.waits ? totals.waitMs / totals.waits : 0,
        };
      };
      const result = [counts('one', [one]), counts('two', [twoA, twoB])];
      for (const name of Object.values(databases)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      // the keys the instances left (rate limits, tickets…): SCAN, never KEYS, on a shared Redis
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}

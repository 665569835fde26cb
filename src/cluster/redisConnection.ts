import Redis from 'ioredis';

/** How long readiness waits for Redis to answer a PING. */
const PING_TIMEOUT_MS = 1_000;
/** How long any command may wait for Redis's answer. */
export const COMMAND_TIMEOUT_MS = 500;

/**
 * The connection that joins this instance to the others (REDIS_URL). Keys get the deployment's
 * prefix (REDIS_PREFIX) from the client itself; pub/sub channel names do not — a key prefix does not
 * apply to them — so `channel()` prefixes those. Redis restarting is an ordinary event: the client
 * reconnects by itself (retrying every 2 s at most), commands fail at once while it is away instead
 * of queueing, and readiness says so.
 */
export class RedisConnection {
  readonly client: Redis;

  constructor(
    url: string,
    readonly prefix: string,
    onError: (error: Error) => void,
  ) {
    this.client = new Redis(url, {
      keyPrefix: prefix,
      // while Redis is away a command fails now (the caller answers 503) rather than waiting unseen
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // a Redis that stops answering (a partition, a paused failover) must not hold requests: a command
      // fails after this long, and its caller falls back (rate limits' insurance, tickets' memory)
      commandTimeout: COMMAND_TIMEOUT_MS,
      // and a peer gone without a FIN is found by TCP keepalive, not only by the next command
      keepAlive: 10_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      connectionName: 'qsee-warranty',
    });
    // without a listener, a connection error would end the process
    this.client.on('error', onError);
  }

  /** The deployment's name for a pub/sub channel. */
  channel(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Whether Redis answers now (a PING, within a second). */
  async isReady(): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.client.ping().then((answer) => answer === 'PONG'), late]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the client is connected and ready (at once if it is). */
  ready(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.client.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

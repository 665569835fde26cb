import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { RedisConnection } from './redisConnection';

type Handler = (message: Record<string, unknown>) => void;

/** The bus channel on which an instance whose publishing connection came back asks the others to catch up. */
const CATCH_UP = 'bus.catch-up';

/**
 * Tells the other instances what happened here, over Redis pub/sub: one subscriber connection per
 * instance (a subscribing connection can do nothing else), channels named with the deployment's
 * prefix. Each message carries this instance's id, so an instance does not act twice on its own
 * news. Pub/sub is fire-and-forget: what a message says must be recoverable from the database
 * (a stream that missed a notice reads the activities after its watermark at its next notice or
 * reconnect), never the only copy.
 */
export class ClusterBus {
  readonly instanceId = randomUUID();
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly subscriptions: Promise<void>[] = [];
  private readonly resumeListeners: Array<() => void> = [];
  private wasReady = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly onError: (error: unknown) => void,
  ) {
    // its subscriptions wait for the connection (at start, after Redis restarted) and are renewed on reconnect
    this.subscriber = redis.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true });
    this.subscriber.on('error', onError);
    // the first 'ready' is the start; each later one is Redis back after an outage
    this.subscriber.on('ready', () => {
      if (this.wasReady) void this.resume();
      this.wasReady = true;
    });
    this.subscriber.on('message', (channel: string, text: string) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(text);
      } catch (error) {
        return onError(error);
      }
      if (message.from === this.instanceId) return;
      for (const handler of this.handlers.get(channel) ?? []) {
        try {
          handler(message);
        } catch (error) {
          onError(error);
        }
      }
    });
    this.askOthersToCatchUp();
  }

  /** Runs `handler` for every message another instance publishes on `name` (from when Redis confirms the subscription). */
  subscribe(name: string, handler: Handler): Promise<void> {
    const channel = this.redis.channel(name);
    const known = this.handlers.get(channel);
    if (known) {
      known.push(handler);
      return Promise.resolve();
    }
    this.handlers.set(channel, [handler]);
    // sent once connected, not queued before: a SUBSCRIBE queued while connecting was seen to be lost
    const subscribed = this.connected()
      .then(() => this.subscriber.subscribe(channel))
      .then(
        () => undefined,
        (error) => this.onError(error),
      );
    this.subscriptions.push(subscribed);
    return subscribed;
  }

  /** Resolves once the subscriber is connected and Redis has confirmed every subscription made so far. */
  async ready(): Promise<void> {
    await this.connected();
    await Promise.all(this.subscriptions);
  }

  /**
   * Runs `listener` each time the bus is back after Redis was away, once its subscriptions are
   * renewed: what the other instances said meanwhile was lost, so a listener reads from the database
   * what it may have missed (from then on, every notice arrives again).
   */
  onResumed(listener: () => void): void {
    this.resumeListeners.push(listener);
  }

  /** Whether the subscriber is connected (while it is not, this instance hears nothing from the others). */
  get listening(): boolean {
    return this.subscriber.status === 'ready';
  }

  private async resume(): Promise<void> {
    // ioredis resubscribes by itself, but does not say when Redis has confirmed it: subscribing again
    // (harmless) gives that moment, after which nothing published is missed
    const channels = [...this.handlers.keys()];
    try {
      if (channels.length > 0) await this.subscriber.subscribe(...channels);
    } catch (error) {
      // Redis went away again: its next 'ready' resumes
      return this.onError(error);
    }
    this.runResumeListeners();
  }

  private runResumeListeners(): void {
    for (const listener of this.resumeListeners) {
      try {
        listener();
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /**
   * This instance's publishing connection came back after it was lost: what it published meanwhile
   * never reached the others, even when their own connections never dropped (a failover, a killed
   * client, an idle timeout on one connection), so it asks them to catch up as after an outage.
   */
  private askOthersToCatchUp(): void {
    let connectedBefore = this.redis.client.status === 'ready';
    this.redis.client.on('ready', () => {
      if (connectedBefore) this.publish(CATCH_UP, {});
      connectedBefore = true;
    });
    void this.subscribe(CATCH_UP, () => this.runResumeListeners());
  }

  private connected(): Promise<void> {
    if (this.subscriber.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.subscriber.once('ready', () => resolve()));
  }

  /** Publishes to the other instances; a failure (Redis away) is reported, never thrown at the caller. */
  publish(name: string, message: Record<string, unknown>): void {
    this.redis.client.publish(this.redis.channel(name), JSON.stringify({ ...message, from: this.instanceId })).then(
      () => {
        this.failing = false;
      },
      (error) => {
        // Redis away: every heartbeat and notice would fail alike; the first failure says it, the next success ends it
        if (this.failing) return;
        this.failing = true;
        this.onError(error);
      },
    );
  }
  private failing = false;

  async close(): Promise<void> {
    // connected: a clean QUIT; reconnecting (Redis away): drop it, nothing queued is waited for
    if (this.subscriber.status === 'ready') await this.subscriber.quit().catch(() => this.subscriber.disconnect());
    else this.subscriber.disconnect();
  }
}

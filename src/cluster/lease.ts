import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { type Clock, systemClock } from '../clock';

/** Timer functions, injected so tests run renewals without waiting (the same shape as FileRetention's). */
export interface LeaseScheduler {
  every(ms: number, work: () => void): { cancel(): void };
}

const timers: LeaseScheduler = {
  every(ms, work) {
    const timer = setInterval(work, ms);
    timer.unref(); // a lease alone keeps no process alive
    return { cancel: () => clearInterval(timer) };
  },
};

/** Work that runs on one instance of the cluster at a time: started when this instance gains the lease, stopped when it loses it. */
export interface LedWork {
  lead(): void;
  follow(): void;
}

/** How long a lease lasts unless renewed: a dead leader's work is taken over within about this long. */
export const LEASE_TTL_MS = 30_000;

// Extends the lease only if this instance still holds it: a leader that was paused past its TTL must not
// extend the lease another instance took meanwhile.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
// Gives the lease up only if it is still ours.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface LeaseOptions {
  /** The work's name: the lease's key is `lease:<name>` under the deployment's prefix. */
  name: string;
  ttlMs?: number;
  /** How often the leader renews and a follower tries to take the lease; a third of the TTL by default. */
  renewEveryMs?: number;
  clock?: Clock;
  scheduler?: LeaseScheduler;
  /** Redis could not be asked (it is away): the leader has stepped down, followers keep trying. */
  onError?: (error: unknown) => void;
}

/**
 * A lease in Redis for work that must run once per cluster (sweeps, timers): `SET key owner NX PX ttl`
 * takes it, a compare-and-extend renews it, a compare-and-delete gives it up on stop. The leader runs
 * the work; every instance tries each renewal period, so when the leader dies without giving it up the
 * lease expires and another takes it within about a TTL.
 *
 * Never two leaders for long: a leader steps down as soon as a renewal fails or finds the lease
 * someone else's, and also when its own clock says the lease has run out (a renewal that cannot get
 * an answer: Redis away, or this process paused) — before another instance can have taken it.
 */
export class Lease {
  readonly owner = randomUUID();
  /** The work's name (LeaseOptions.name). */
  readonly name: string;
  private readonly key: string;
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private readonly clock: Clock;
  private readonly scheduler: LeaseScheduler;
  private timer: { cancel(): void } | null = null;
  private work: LedWork | null = null;
  private leading = false;
  /** Until when the lease is ours, counted from before the request that took or renewed it. */
  private validUntil = 0;
  private asking: Promise<void> | null = null;
  private failing = false;
  private readonly givenUp: (() => void)[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly options: LeaseOptions,
  ) {
    this.name = options.name;
    this.key = `lease:${options.name}`;
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.ttlMs / 3);
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? timers;
  }

  /** Whether this instance leads now. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries to take the lease now and then every renewal period; `work` leads while it is held. */
  start(work: LedWork): Promise<void> {
    this.work = work;
    this.timer = this.scheduler.every(this.renewEveryMs, () => void this.tick());
    // at start the connection is still being made, and commands are not queued meanwhile: the first
    // try waits for it, rather than failing and leaving the work unled for a renewal period
    if (this.redis.status !== 'ready') {
      return new Promise((resolve) => this.redis.once('ready', () => void this.tick().then(resolve)));
    }
    return this.tick();
  }

  /** One renewal (leader) or attempt to take the lease (follower); at most one under way. */
  tick(): Promise<void> {
    if (!this.work) return Promise.resolve();
    // a renewal still unanswered at the end of the lease: step down before another instance can take it
    if (this.leading && this.clock.now().getTime() >= this.validUntil) this.stepDown();
    this.asking ??= this.ask().finally(() => {
      this.asking = null;
    });
    return this.asking;
  }

  /** Called when this instance has given the lease up (a stop): the others may take it now rather than at their next try. */
  onGivenUp(listener: () => void): void {
    this.givenUp.push(listener);
  }

  /** Stops trying and leading; gives the lease up if it is ours, so another instance can take it over at once. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    const wasLeading = this.leading;
    this.stepDown();
    this.work = null;
    if (!wasLeading) return;
    const released = await this.redis.eval(RELEASE, 1, this.key, this.owner).catch((error) => this.options.onError?.(error));
    if (released === 1) for (const listener of this.givenUp) listener();
  }

  private async ask(): Promise<void> {
    const askedAt = this.clock.now().getTime();
    try {
      const held = this.leading
        ? (await this.redis.eval(RENEW, 1, this.key, this.owner, String(this.ttlMs))) === 1
        : (await this.redis.set(this.key, this.owner, 'PX', this.ttlMs, 'NX')) === 'OK';
      this.failing = false;
      if (!this.work) return; // stopped meanwhile
      if (!held) return this.stepDown();
      // answered, but read after the lease it granted ran out (this process was paused): another
      // instance may hold it by now, so this answer leads nothing
      if (this.clock.now().getTime() >= askedAt + this.ttlMs) return this.stepDown();
      this.validUntil = askedAt + this.ttlMs;
      if (!this.leading) {
        this.leading = true;
        this.work.lead();
      }
    } catch (error) {
      this.stepDown();
      // Redis away: every try fails alike; the first says so, the next success ends the outage
      if (!this.failing) this.options.onError?.(error);
      this.failing = true;
    }
  }

  private stepDown(): void {
    if (!this.leading) return;
    this.leading = false;
    this.work?.follow();
  }
}

/**
 * Runs `work` once per cluster when there is a lease to lead it (REDIS_URL and a shared database), or
 * right here otherwise (one instance, or work on what only this instance has). `stop` ends it either way.
 */
export function runOncePerCluster(work: LedWork, lease: Lease | undefined): { stop(): Promise<void> } {
  if (!lease) {
    work.lead();
    return { stop: async () => work.follow() };
  }
  void lease.start(work);
  return { stop: () => lease.stop() };
}

import { type UsedTickets, UsedTicketsInMemory } from '../channels/directLine/usedTickets';
import type { Logger } from '../logger';
import type { RedisConnection } from './redisConnection';

/**
 * Kept a little past the ticket's expiry: the instances' clocks may differ by a few seconds, and an
 * instance whose clock is behind still accepts the ticket after Redis would have forgotten it.
 */
const CLOCK_SKEW_MS = 30_000;

/**
 * Stream tickets' single use, shared by every instance: `SET <prefix>dl-ticket:<jti> 1 PX <ttl> NX`
 * answers OK only to the first instance that asks. The lifetime is relative (PX, counted from our
 * clock's "now" to the ticket's expiry), not EXAT: Redis's clock and ours need not agree.
 * Redis unreachable (or not answering within its command timeout) → this instance's own memory
 * decides, as with one instance: a browser whose stream dropped (its instance stopped or died) must
 * still be able to reconnect, and it can only do so with a ticket (no WebSocket header in a browser).
 * For the outage a ticket read from a log could open one stream per instance instead of one in all,
 * within its 90 s. That is logged once per outage, not per request.
 */
export class UsedTicketsInRedis implements UsedTickets {
  private unavailable = false;
  private readonly whileRedisIsAway = new UsedTicketsInMemory();

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
  ) {}

  async markUsed(jti: string, expiresAt: number, now: number): Promise<boolean> {
    const ttlMs = Math.max(1, expiresAt - now) * 1000 + CLOCK_SKEW_MS;
    try {
      const answer = await this.redis.client.set(`dl-ticket:${jti}`, '1', 'PX', ttlMs, 'NX');
      if (this.unavailable) {
        this.unavailable = false;
        this.logger.info({ code: 'REDIS_TICKETS_BACK' }, 'stream tickets are checked in Redis again');
      }
      return answer === 'OK';
    } catch (error) {
      if (!this.unavailable) {
        this.unavailable = true;
        this.logger.warn(
          { err: error, code: 'REDIS_TICKETS_UNAVAILABLE' },
          'redis unreachable: stream tickets are checked by each instance alone until it is back',
        );
      }
      return this.whileRedisIsAway.markUsed(jti, expiresAt, now);
    }
  }
}

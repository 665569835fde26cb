import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RedisConnection } from './redisConnection';

/** A rate limit: `points` per `seconds`, for one kind of request (`name` keeps the kinds apart in Redis). */
export type RateLimits = (name: string, points: number, seconds: number) => RateLimiterAbstract;

/**
 * Rate limits for this instance alone, or, with Redis, shared by every instance: a client that
 * spreads its requests over several instances behind a load balancer gets no more than from one.
 * While Redis is away each instance limits on its own (rate-limiter-flexible's insurance limiter),
 * so a Redis outage neither lets everything through nor refuses everyone.
 */
export function rateLimits(redis: RedisConnection | undefined): RateLimits {
  if (!redis) return (_name, points, seconds) => new RateLimiterMemory({ points, duration: seconds });
  return (name, points, seconds) =>
    new RateLimiterRedis({
      storeClient: redis.client,
      // the client adds the deployment's prefix to every key
      keyPrefix: `ratelimit:${name}`,
      points,
      duration: seconds,
      insuranceLimiter: new RateLimiterMemory({ points, duration: seconds }),
    });
}

import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Request, Response } from 'restify';
import { bearerToken, fail } from '../../server/http';
import type { DirectLineTokenClaims, DirectLineTokens } from './directLineTokens';

/**
 * The customer's token for this request, bound to `conversationId` when one is in the path. A session
 * that a resume through a link ended answers 403: botframework-directlinejs takes a 403 (and only a 403)
 * as final on every call — posting, uploading, refreshing, reconnecting — and says so to the page,
 * where a 401 is retried quietly for a quarter of an hour.
 */
export function authorize(tokens: DirectLineTokens, req: Request, conversationId?: string): DirectLineTokenClaims & { token: string } {
  const token = bearerToken(req.headers.authorization);
  const claims = tokens.verify(token);
  if (claims === 'expired') fail('UNAUTHENTICATED', 'The token has expired.');
  if (claims === 'invalid') fail('UNAUTHENTICATED');
  if (claims === 'ended') fail('SESSION_ENDED');
  const valid = claims as DirectLineTokenClaims;
  if (conversationId !== undefined && valid.conversationId !== conversationId) fail('FORBIDDEN', 'The token is for another conversation.');
  return { ...valid, token: token as string };
}

/** A watermark from the query: a whole number, 0 when absent; anything else is a 400. */
export function watermarkOf(req: Request): number {
  const given = req.query?.watermark;
  if (given === undefined || given === '') return 0;
  if (typeof given !== 'string' || !/^\d{1,15}$/.test(given)) fail('BAD_REQUEST', 'The watermark must be a whole number.');
  return Number(given);
}

/** Takes a point from `limiter` for `key`; none left: RATE_LIMITED, with Retry-After. */
export async function limit(limiter: RateLimiterAbstract, key: string, res: Response): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    res.setHeader('Retry-After', String(Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000)));
    fail('RATE_LIMITED');
  }
}

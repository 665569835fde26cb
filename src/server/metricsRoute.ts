import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Server } from 'restify';
import type { Logger } from '../logger';
import { bearerToken, fail, isLoopbackAddress, route } from './http';

/**
 * `GET /metrics` (Prometheus text) for operators: with METRICS_TOKEN set, for `Authorization: Bearer
 * <METRICS_TOKEN>` only; unset, for callers on this machine only (the client's address as TRUST_PROXY
 * judges it: a trusted proxy forwarding a public client is refused). Anyone else: 401.
 */
export function registerMetrics(
  server: Server,
  deps: {
    metricsToken?: string;
    addressOf: (req: Request) => string;
    scrape: () => Promise<{ contentType: string; body: string }>;
    logger: Logger;
  },
): void {
  const allowed = deps.metricsToken ? bearerMatches(deps.metricsToken) : (req: Request) => isLoopbackAddress(deps.addressOf(req));
  server.get(
    '/metrics',
    route(deps.logger, async (req, res) => {
      if (!allowed(req)) fail('UNAUTHENTICATED');
      const { contentType, body } = await deps.scrape();
      res.status(200);
      res.setHeader('Content-Type', contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    }),
  );
}

/** Compares the caller's bearer token with the setting in constant time (digests: equal lengths, whatever was sent). */
function bearerMatches(token: string) {
  const expected = digest(token);
  return (req: Request) => {
    const sent = bearerToken(req.headers.authorization);
    return sent !== undefined && timingSafeEqual(digest(sent), expected);
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

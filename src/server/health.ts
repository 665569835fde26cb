import type { Server } from 'restify';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { route, sendError, sendJson } from './http';

/**
 * `/healthz` is liveness: 200 while the process serves and is not shutting down (a database outage
 * is not a reason to restart it). `/readyz` is readiness: 200 when the database answers and its
 * migrations are done (and Redis answers, with REDIS_URL), 503 otherwise, so a load balancer sends
 * requests elsewhere meanwhile.
 */
export function registerHealth(server: Server, deps: { isReady: () => Promise<boolean>; logger: Logger; closing: () => boolean }): void {
  const health = route(deps.logger, (_req, res) => {
    if (deps.closing()) return sendError(res, new AppError('NOT_READY'));
    sendJson(res, 200, { status: 'ok' });
  });
  const ready = route(deps.logger, async (_req, res) => {
    if (deps.closing() || !(await deps.isReady().catch(() => false))) return sendError(res, new AppError('NOT_READY'));
    sendJson(res, 200, { status: 'ready' });
  });
  server.get('/healthz', health);
  server.head('/healthz', health); // load balancers that check with HEAD
  server.get('/readyz', ready);
  server.head('/readyz', ready);
}

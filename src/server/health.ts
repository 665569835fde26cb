import type { Server } from 'restify';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { route, sendError, sendJson } from './http';

/** `/healthz`: 200 while the database answers and the server is not shutting down, NOT_READY otherwise. */
export function registerHealth(server: Server, deps: { isReady: () => boolean; logger: Logger; closing: () => boolean }): void {
  const health = route(deps.logger, (_req, res) => {
    if (deps.closing() || !deps.isReady()) return sendError(res, new AppError('NOT_READY'));
    sendJson(res, 200, { status: 'ok' });
  });
  server.get('/healthz', health);
  server.head('/healthz', health); // load balancers that check with HEAD
}

import type { Server } from 'restify';
import { AppError } from '../errors';
import { sendError } from './http';

/**
 * While the instance drains (SIGTERM), it stops listening, but a request can still arrive on a
 * connection opened before (a client's or a proxy's keep-alive): it starts nothing — no turn, no
 * agent action — and is answered 503 NOT_READY, with the connection closed, so the client's next
 * try opens a connection to an instance that serves.
 */
export function refuseWhileDraining(server: Server, draining: () => boolean): void {
  server.pre((_req, res, next) => {
    if (!draining()) return next();
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '1');
    sendError(res, new AppError('NOT_READY'));
    return next(false);
  });
}

import type { Server } from 'restify';
import { AppError } from '../errors';
import { sendError } from './http';

/**
 * While the instance drains (SIGTERM), it stops listening, but a request can still arrive on a
 * connection opened before (a client's or a proxy's keep-alive): it starts nothing — no turn, no
 * agent action — and is answered 503 NOT_READY, with the connection closed, so the client's next
 * try opens a connection to an instance that serves.
 *
 * The requests it did take are counted until they are answered (or their client is gone): the drain
 * waits for them, not only for turns — an agent's resolve reads, decides and commits before any turn
 * starts, and its customer must still be told.
 */
export function refuseWhileDraining(server: Server, draining: () => boolean): { busy(): boolean } {
  let inFlight = 0;
  server.pre((_req, res, next) => {
    if (!draining()) {
      inFlight++;
      res.once('close', () => inFlight--);
      return next();
    }
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '1');
    sendError(res, new AppError('NOT_READY'));
    return next(false);
  });
  return { busy: () => inFlight > 0 };
}

import * as restify from 'restify';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { sendError } from './http';
import { useOurErrorShape } from './restifyErrors';

/** The HTTP server with what every response carries: the query parsed, security headers, our error shape. */
export function createServer(logger: Logger, publicUrl: string | undefined): restify.Server {
  const server = restify.createServer({ name: 'qsee-warranty-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // a NUL names nothing we store (bodies have theirs removed at the door), and PostgreSQL refuses it
  // in a statement: a path or query value that holds one is a bad request, not a lookup
  server.use((req, res, next) => {
    if (holdsNul(req.params) || holdsNul(req.query)) {
      sendError(res, new AppError('BAD_REQUEST', 'A NUL character is not allowed in the URL.'));
      return next(false);
    }
    return next();
  });
  server.pre((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (publicUrl?.startsWith('https:')) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    return next();
  });
  useOurErrorShape(server, logger);
  return server;
}

/** Listens on the configured address; resolves with the port (the one picked when 0 was asked for). */
export function listen(server: restify.Server, port: number, host: string): Promise<{ port: number }> {
  return new Promise((resolve) => {
    server.listen(port, host, () => resolve({ port: (server.address() as { port: number }).port }));
  });
}

/** Whether a parsed path or query holds a NUL anywhere (values are strings or arrays of them). */
function holdsNul(values: unknown): boolean {
  if (typeof values === 'string') return values.includes('\0');
  if (!values || typeof values !== 'object') return false;
  return Object.entries(values).some(([key, value]) => key.includes('\0') || holdsNul(value));
}

import * as restify from 'restify';
import type { Logger } from '../logger';
import { useOurErrorShape } from './restifyErrors';

/** The HTTP server with what every response carries: the query parsed, security headers, our error shape. */
export function createServer(logger: Logger, publicUrl: string | undefined): restify.Server {
  const server = restify.createServer({ name: 'qsee-warranty-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
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

import type { Request, Response } from 'restify';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { StorageUnavailableError } from '../storage/storageUnavailable';

/** Sends a JSON body with a status. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

export function sendError(res: Response, error: AppError): void {
  if (res.headersSent) return;
  // a client that waits a moment and sends the same request again is served once the database is back
  if (error.code === 'DATABASE_UNAVAILABLE') res.setHeader('Retry-After', '2');
  sendJson(res, error.status, error.toJSON());
}

type Handler = (req: Request, res: Response) => Promise<void> | void;

/** Wraps a route: AppErrors become their status; anything else is logged and answered 500. */
export function route(logger: Logger, handler: Handler) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof AppError) return sendError(res, error);
      if (error instanceof StorageUnavailableError) {
        logger.warn(
          { err: error, url: redactUrl(req.url), method: req.method, code: 'DATABASE_UNAVAILABLE' },
          'request refused: database unavailable',
        );
        return sendError(res, new AppError('DATABASE_UNAVAILABLE'));
      }
      logger.error({ err: error, url: redactUrl(req.url), method: req.method }, 'request failed');
      sendError(res, new AppError('INTERNAL'));
    }
  };
}

/** Paths whose last part is a token (the link back to a conversation in a customer's mail). */
const TOKEN_IN_PATH = /^(\/+resume\/).*$/i;

/**
 * A URL for the log: query values hidden, since some carry a token (`?token=`, `?t=`, `?sig=`), and
 * so is the token of a path that is one (`/resume/<token>`).
 *
 * @example redactUrl('/api/agent/stream?token=eyJ…&x=1') // → '/api/agent/stream?token=…&x=…'
 */
export function redactUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  const pathname = (q < 0 ? url : url.slice(0, q)).replace(TOKEN_IN_PATH, '$1…');
  if (q < 0) return pathname;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0].slice(0, 40)}=…`);
  return `${pathname}?${names.join('&')}`;
}

/** The token of an `Authorization: Bearer <token>` header (of any type the caller sent), or undefined. */
export const bearerToken = (header: unknown): string | undefined =>
  typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;

export { fail } from '../errors';

/** Whether a socket address is this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

export function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

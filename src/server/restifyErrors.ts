import type { Request, Response, Server } from 'restify';
import { AppError, type ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { redactUrl } from './http';

// restify's own refusals (its router and body parser), by status, in our catalogue
const BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Our error for one of restify's: unreadable JSON is BAD_JSON; an unknown 4xx keeps its status. */
export function appErrorFor(err: { name?: string; statusCode?: number }): { status: number; error: AppError } {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
  const code: ErrorCode =
    err.name === 'InvalidContentError' ? 'BAD_JSON' : (BY_STATUS[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL'));
  return { status, error: new AppError(code) };
}

/**
 * restify answers some requests itself (malformed JSON, 413, 415, unknown route, wrong
 * method): those answers get our `{error:{code,message}}` shape and a log line without the
 * query string (it may carry a token).
 */
export function useOurErrorShape(server: Server, logger: Logger): void {
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, next: () => void) => {
    const { status, error } = appErrorFor(err);
    logger.warn({ url: redactUrl(req.url), method: req.method, status, code: error.code }, 'request refused');
    Object.assign(err, { statusCode: status, toJSON: () => error.toJSON() });
    // the JSON formatter whatever the client accepts: the shape is the same for everyone
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    return next();
  });
}

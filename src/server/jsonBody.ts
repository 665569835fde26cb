import type { IncomingMessage } from 'node:http';
import type { Request } from 'restify';
import * as restify from 'restify';
import { storableStrings } from '../domain/storableStrings';
import { AppError } from '../errors';
import { sendError } from './http';
import { MemoryBudget } from './memoryBudget';

/** A parser of JSON bodies up to a size: `json(64 * 1024)`. */
export type JsonBodies = (maxBodySize: number) => restify.RequestHandler;

/** JSON bytes held in memory at once while bodies arrive, overall and per client address. */
export const JSON_BYTES_IN_MEMORY = 64 * 1024 * 1024;
export const JSON_BYTES_IN_MEMORY_PER_ADDRESS = 4 * 1024 * 1024;
/** A body that sends nothing for this long is abandoned (Node's own limit is 300 s), as uploads are. */
export const JSON_IDLE_MS = 30_000;

export interface JsonBodyLimits {
  /** what bodies being read may hold in memory; a body that would pass it is refused with 429 */
  budget: MemoryBudget;
  /** whose budget a request counts against (the client address) */
  keyOf: (req: Request) => string;
  idleMs: number;
}

/**
 * The JSON body parsers of one server, sharing one memory budget: without it, a few clients
 * that open many bodies and send them slowly (or never finish them) hold the process's memory,
 * and a stalled body is held until Node's 300 s request timeout.
 */
export function jsonBodies(keyOf: (req: Request) => string): JsonBodies {
  const limits = { budget: new MemoryBudget(JSON_BYTES_IN_MEMORY, JSON_BYTES_IN_MEMORY_PER_ADDRESS), keyOf, idleMs: JSON_IDLE_MS };
  return (maxBodySize) => jsonBody(maxBodySize, limits);
}

/**
 * restify's JSON body parser for JSON bodies only, its refusals answered in our error shape
 * (restify's own errors have another one): malformed JSON 400, too large 413, not JSON 415,
 * over the memory budget 429; a body that stalls is abandoned.
 */
export function jsonBody(maxBodySize: number, limits?: JsonBodyLimits): restify.RequestHandler {
  const parsers = restify.plugins.bodyParser({ maxBodySize, mapParams: false }) as unknown as restify.RequestHandler[];
  return (req, res, next) => {
    // JSON only: restify's parser would also take multipart forms and write their files to the temp
    // folder, before the route has checked anyone's token
    if (!/^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))) {
      sendError(res, new AppError('UNSUPPORTED_MEDIA_TYPE'));
      return next(false);
    }
    // no compressed bodies: restify would gunzip them with no limit on the unpacked size and no
    // listener for the decompressor's errors (one bad gzip body ended the process)
    const encoding = String(req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      sendError(res, new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body uncompressed (no Content-Encoding).'));
      return next(false);
    }
    const declared = Number(req.headers['content-length']);
    if (declared > maxBodySize) {
      sendError(res, new AppError('TOO_LARGE'));
      return next(false);
    }
    const held = limits ? holdWhileReading(req, Number.isFinite(declared) ? declared : maxBodySize, limits) : () => {};
    if (!held) {
      res.header('Retry-After', '5');
      sendError(res, new AppError('RATE_LIMITED'));
      return next(false);
    }
    let step = 0;
    const advance = (error?: unknown) => {
      if (error) {
        held();
        const status = (error as { statusCode?: number }).statusCode;
        sendError(res, new AppError(status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_JSON'));
        return next(false);
      }
      if (step === parsers.length) {
        held();
        req.body = storableStrings(req.body);
        return next();
      }
      parsers[step++](req, res, advance as restify.Next);
    };
    advance();
  };
}

/**
 * Counts `bytes` against the client's budget until the body is read (or the request ends),
 * and abandons a body that stalls. Returns the release (safe to call more than once), or
 * null when the budget has no room.
 */
function holdWhileReading(req: Request, bytes: number, limits: JsonBodyLimits): (() => void) | null {
  const key = limits.keyOf(req);
  if (!limits.budget.reserve(key, bytes)) return null;
  const message = req as unknown as IncomingMessage;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    limits.budget.release(key, bytes);
    message.setTimeout(0);
    message.off('close', release);
  };
  message.on('close', release);
  // the socket's idle timer: no byte of the body for idleMs ends the request (and frees its bytes)
  message.setTimeout(limits.idleMs, () => {
    release();
    message.destroy();
  });
  return release;
}

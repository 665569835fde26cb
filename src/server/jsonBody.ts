import * as restify from 'restify';
import { AppError } from '../errors';
import { sendError } from './http';

/**
 * restify's JSON body parser for JSON bodies only, its refusals answered in our error shape
 * (restify's own errors have another one): malformed JSON 400, too large 413, not JSON 415.
 */
export function jsonBody(maxBodySize: number): restify.RequestHandler {
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
    let step = 0;
    const advance = (error?: unknown) => {
      if (error) {
        const status = (error as { statusCode?: number }).statusCode;
        sendError(res, new AppError(status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_JSON'));
        return next(false);
      }
      if (step === parsers.length) return next();
      parsers[step++](req, res, advance as restify.Next);
    };
    advance();
  };
}

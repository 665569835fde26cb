import { Writable } from 'node:stream';
import pino from 'pino';
import type { Request, Response } from 'restify';
import { redactUrl, route } from '../../src/server/http';

describe('query strings in the log', () => {
  test.each([
    ['/api/agent/stream?token=eyJhbGciOi.x.y', '/api/agent/stream?token=…'],
    ['/v3/directline/conversations/c1/stream?t=abc&watermark=3', '/v3/directline/conversations/c1/stream?t=…&watermark=…'],
    ['/v3/directline/attachments/f1?sig=s3cr3t', '/v3/directline/attachments/f1?sig=…'],
    ['/healthz', '/healthz'],
    ['/resume/eyJhbGciOi.eyJjb252Ijoi.c2lnbmF0dXJl', '/resume/…'],
    ['/resume/eyJhbGciOi.x.y/more?x=1', '/resume/…?x=…'],
    ['//resume/eyJhbGciOi.x.y', '//resume/…'],
    ['/api/directline/resume', '/api/directline/resume'],
    ['/x?', '/x?'],
    ['/x?a=1&&b', '/x?a=…&b=…'],
    ['/x?novalue', '/x?novalue=…'],
    [undefined, ''],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  test("route()'s log of a failed request carries no query value", async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _e, done) {
        out += String(chunk);
        done();
      },
    });
    const handler = route(pino({ level: 'info' }, sink), () => {
      throw new Error('boom');
    });
    const res = { headersSent: false, status: jest.fn(), setHeader: jest.fn(), end: jest.fn() };
    await handler(
      { url: '/v3/directline/conversations/c1/stream?t=SECRET', method: 'GET' } as unknown as Request,
      res as unknown as Response,
    );
    expect(res.status).toHaveBeenCalledWith(500);
    expect(out).toContain('request failed');
    expect(out).toContain('/v3/directline/conversations/c1/stream?t=…');
    expect(out).not.toContain('SECRET');
  });
});

import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { App } from '../../src/app';
import { agentToken, startTestApp } from '../helpers/testApp';

// formidable's names (restify's multipart parser): a form it read would leave its files here
const uploadsInTemp = () =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith('upload_'))
    .sort();

let app: App;
let base: string;
let token: string;
beforeAll(async () => {
  ({ app, base } = await startTestApp());
  token = await agentToken(base);
});
afterAll(() => app.close());

const form = () => {
  const body = new FormData();
  body.append('file', new Blob([Buffer.alloc(30_000, 65)]), 'x.bin');
  body.append('type', 'message');
  return body;
};

describe('JSON routes read JSON only: no form is parsed (or written to disk) before the route checks who is asking', () => {
  test.each([
    ['/api/messages', false],
    ['/api/agent/login', false],
    ['/api/agent/claims/x/notes', true],
    ['/api/agent/claims/x/messages', true],
  ])('a multipart POST to %s is a 415 in our shape (signed in: %p)', async (route, signedIn) => {
    const before = uploadsInTemp();
    const res = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: signedIn ? { Authorization: `Bearer ${token}` } : {},
      body: form(),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
    expect(uploadsInTemp()).toEqual(before);
  });

  test('JSON with a charset still works', async () => {
    const res = await fetch(`${base}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ username: 'nobody', password: 'wrong' }),
    });
    expect(res.status).toBe(401);
  });
});

describe('compressed bodies are refused before anything unpacks them', () => {
  const { gzipSync } = require('node:zlib') as typeof import('node:zlib');
  test.each([
    ['not gzip at all', Buffer.from('abcde')],
    ['gzip of a body over the limit', gzipSync(Buffer.alloc(700_000, 32))],
    ['a small gzip bomb', gzipSync(Buffer.alloc(50_000_000, 32))],
    ['valid gzip of valid JSON', gzipSync(Buffer.from(JSON.stringify({ username: 'x', password: 'y' })))],
  ])('%s → 415 on every JSON route, and the server goes on', async (_name, body) => {
    for (const route of ['/api/messages', '/api/agent/login', '/v3/directline/conversations/x/activities']) {
      const res = await fetch(`${base}${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body,
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

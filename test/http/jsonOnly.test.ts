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

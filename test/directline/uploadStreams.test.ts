import { connect } from 'node:net';
import type { Storage } from '../../src/storage/storage';
import { row } from '../helpers/rows';
import { startTestApp } from '../helpers/testApp';

/** Writes raw bytes to the server and collects what comes back until the server closes (or we do). */
function rawRequest(base: string, head: string, body: Buffer | string, options: { endAfterWrite?: 'half' | 'destroy' | 'wait' } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise<string>((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(head);
    socket.write(body, () => {
      if (options.endAfterWrite === 'destroy') socket.destroy();
      // 'wait', as browsers do: keep the socket until the server closes it (the head says Connection: close).
      // A half-close makes Node's HTTP server abort a request whose answer is not ready yet (a database away).
      else if (options.endAfterWrite !== 'wait') socket.end();
    });
  });
}

async function session(base: string) {
  return (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
    userId: string;
  };
}

const BOUNDARY = 'xYzBoundary';
const activityPart = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n{"type":"message"}\r\n`;
const filePartStart = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

function uploadHead(s: { token: string; conversationId: string }, length: number, boundary = BOUNDARY) {
  return (
    `POST /v3/directline/conversations/${s.conversationId}/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Authorization: Bearer ${s.token}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
    `Content-Length: ${length}\r\nConnection: close\r\n\r\n`
  );
}

const storedFiles = async (app: { storage: Storage }) => (await row<{ n: number }>(app.storage, 'SELECT COUNT(*) AS n FROM dl_files'))?.n;

describe('a Direct Line upload that breaks off', () => {
  test('a body that ends inside the file part is answered 400 and the server stays up, keeping nothing', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await session(base);
      const body = Buffer.concat([Buffer.from(activityPart + filePartStart), jpeg.subarray(0, 10)]);
      const answer = await rawRequest(base, uploadHead(s, body.length), body);
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toMatch(/"code":"BAD_REQUEST"/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await storedFiles(app)).toBe(0);
    } finally {
      await app.close();
    }
  });

  test('a client that disconnects mid-body settles its request; nothing is kept and the server goes on', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await session(base);
      const body = Buffer.concat([Buffer.from(activityPart + filePartStart), jpeg.subarray(0, 10)]);
      // announces a longer body than it sends, then goes away
      await rawRequest(base, uploadHead(s, body.length + 5000), body, { endAfterWrite: 'destroy' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await storedFiles(app)).toBe(0);
      // the conversation still works: a whole upload afterwards is accepted
      const whole = Buffer.concat([Buffer.from(activityPart + filePartStart), jpeg, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
      expect(await rawRequest(base, uploadHead(s, whole.length), whole, { endAfterWrite: 'wait' })).toMatch(/^HTTP\/1\.1 200/);
      expect(await storedFiles(app)).toBe(1);
    } finally {
      await app.close();
    }
  });

  test('a half-closed request (body shorter than Content-Length) is answered or closed, never a crash', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await session(base);
      const body = Buffer.from(activityPart + filePartStart);
      const answer = await rawRequest(base, uploadHead(s, body.length + 100), body);
      expect(answer === '' || /^HTTP\/1\.1 4\d\d/.test(answer)).toBe(true);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await storedFiles(app)).toBe(0);
    } finally {
      await app.close();
    }
  });

  test.each([
    ['a garbage boundary', 'multipart/form-data; boundary=', 'garbage'],
    ['no boundary at all', 'multipart/form-data', 'garbage'],
    ['not multipart', 'text/plain', 'hello'],
    ['a boundary that never appears', `multipart/form-data; boundary=${BOUNDARY}`, 'just some bytes\r\n'],
  ])('%s is a 4xx in our error shape', async (_name, contentType, body) => {
    const { app, base } = await startTestApp();
    try {
      const s = await session(base);
      const head =
        `POST /v3/directline/conversations/${s.conversationId}/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${s.token}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
      const answer = await rawRequest(base, head, body);
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(answer).toMatch(/\{"error":\{"code":"[A-Z_]+","message":/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await storedFiles(app)).toBe(0);
    } finally {
      await app.close();
    }
  });

  test('an activity part larger than 64 KB is refused', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await session(base);
      const big = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n{"type":"message","value":"${'a'.repeat(70 * 1024)}"}\r\n--${BOUNDARY}--\r\n`;
      const answer = await rawRequest(base, uploadHead(s, Buffer.byteLength(big)), big);
      expect(answer).toMatch(/^HTTP\/1\.1 413/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

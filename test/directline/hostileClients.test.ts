import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../bench/freePort';

// The built server (npm test builds first) as its own process: an error nobody listens to would end
// it here, where inside jest's worker it would only fail a test.
const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'src', 'index.js');

let server: ChildProcess;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-hostile-'));
  server = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', TOKEN_SECRET: 'hostile-test' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet: the health check is the synchronisation
    }
    if (server.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(() => {
  server.kill('SIGKILL');
});

/** Writes bytes over a raw socket; resolves with what came back once the socket closes. */
function raw(head: string, body: Buffer | string, end: 'half-close' | 'destroy' = 'half-close'): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(head);
    socket.write(body, () => (end === 'destroy' ? socket.destroy() : socket.end()));
  });
}

async function stillUp(): Promise<void> {
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect(server.exitCode).toBeNull();
}

const BOUNDARY = 'hostileBoundary';
const body = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n{"type":"message"}\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\x00\x10JFIF`,
  'latin1',
);

async function uploadHead(length: number, contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
  const s = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
  return (
    `POST /v3/directline/conversations/${s.conversationId}/upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.token}\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`
  );
}

describe('hostile clients against the running server process', () => {
  test('an upload whose body ends inside the file part: 400, and the process goes on', async () => {
    const answer = await raw(await uploadHead(body.length), body);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await stillUp();
  });

  test('an upload whose client disconnects mid-body', async () => {
    await raw(await uploadHead(body.length + 50_000), body, 'destroy');
    await stillUp();
  });

  test('an upload with a garbage boundary', async () => {
    const answer = await raw(await uploadHead(7, 'multipart/form-data; boundary='), 'garbage');
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
    await stillUp();
  });

  test('a WebSocket upgrade dropped mid-handshake, and one with a bad ticket', async () => {
    const upgrade = (pathname: string) =>
      `GET ${pathname} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    await raw(upgrade('/v3/directline/conversations/abc/stream?ticket=x').slice(0, 60), '', 'destroy');
    expect(await raw(upgrade('/v3/directline/conversations/abc/stream?ticket=forged'), '')).toMatch(/^HTTP\/1\.1 401 /);
    await raw(upgrade('/v3/directline/conversations/abc/stream?ticket=forged'), '', 'destroy');
    await stillUp();
  });

  test.each(['//', '///v3/directline/conversations/abc/stream', '/\\'])(
    'an upgrade for the path %s is refused, not a crash',
    async (pathname) => {
      const answer = await raw(
        `GET ${pathname} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
        '',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
      await stillUp();
    },
  );
});

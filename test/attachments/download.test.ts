import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDownloader } from '../../src/attachments/download';

const RECEIPT = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 0x20)]);

/** A channel's attachment service on 127.0.0.1. */
async function startFiles(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    switch (req.url) {
      case '/receipt.pdf':
        res.writeHead(200, { 'Content-Type': 'application/pdf' });
        return res.end(RECEIPT);
      case '/chunked-big':
        // no Content-Length: the limit must hold while the bytes arrive
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1024, 1));
        return res.end();
      case '/declared-big':
        res.writeHead(200, { 'Content-Length': String(50 * 1024 * 1024) });
        return res.write(Buffer.alloc(10));
      case '/elsewhere':
        res.writeHead(302, { Location: 'http://203.0.113.9/receipt.pdf' });
        return res.end();
      case '/silent':
        return; // never answers
      case '/error-then-reset':
        // an error page whose body breaks off: the drain must not throw where nobody listens
        res.writeHead(500, { 'Content-Length': '100000' });
        res.write(Buffer.alloc(10));
        return setImmediate(() => req.socket.destroy());
      default:
        res.writeHead(404);
        return res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe('HttpDownloader', () => {
  let files: Awaited<ReturnType<typeof startFiles>>;
  let downloader: HttpDownloader;
  beforeAll(async () => {
    files = await startFiles();
    downloader = new HttpDownloader(200);
  });
  afterAll(async () => {
    await downloader.close();
    await files.close();
  });

  test('returns the bytes of a file', async () => {
    const result = await downloader.download(`${files.url}/receipt.pdf`, 10_000);
    expect(result.ok && result.bytes.equals(RECEIPT)).toBe(true);
  });

  test.each([
    ['a missing file', '/nothing-here', 10_000, 'download_failed'],
    ['a redirect (not followed: it could leave the allowed origins)', '/elsewhere', 10_000, 'download_failed'],
    ['a file that declares more than the limit', '/declared-big', 10_000, 'too_big'],
    ['a file that grows past the limit while it arrives', '/chunked-big', 10_000, 'too_big'],
    ['a file one byte over the limit', '/receipt.pdf', RECEIPT.length - 1, 'too_big'],
    ['a server that never answers (after the timeout)', '/silent', 10_000, 'download_failed'],
    ['an error page whose connection resets', '/error-then-reset', 10_000, 'download_failed'],
  ])('%s is refused', async (_name, path, limit, problem) => {
    expect(await downloader.download(`${files.url}${path}`, limit)).toEqual({ ok: false, problem });
  });

  test('an unreachable host is a failed download, not an exception', async () => {
    const closed = await startFiles();
    await closed.close();
    expect(await downloader.download(`${closed.url}/receipt.pdf`, 10_000)).toEqual({ ok: false, problem: 'download_failed' });
  });
});

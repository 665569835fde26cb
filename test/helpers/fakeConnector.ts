import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Posted {
  conversationId: string;
  activity: Record<string, any>;
}

/**
 * A Bot Connector stand-in on 127.0.0.1 that records what the bot sends and serves files.
 * `onPost` runs inside the request handler, the moment a reply arrives (before it is answered).
 */
export async function startFakeConnector(
  files: Record<string, Buffer> = {},
  onPost: (posted: Posted) => void = () => {},
): Promise<{ url: string; posted: Posted[]; close(): Promise<void> }> {
  const posted: Posted[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    const file = /^\/files\/(.+)$/.exec(url)?.[1];
    if (req.method === 'GET' && file && files[file]) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return res.end(files[file]);
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(url);
      if (m && req.method === 'POST') {
        const one = { conversationId: decodeURIComponent(m[1]), activity: JSON.parse(body || '{}') };
        posted.push(one);
        onPost(one);
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: `a${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, posted, close: () => new Promise((r) => server.close(() => r())) };
}

import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';

export interface ProxiedRequest {
  method: string;
  url: string;
  /** the instance that answered (its base URL), or null when none could be reached */
  target: string | null;
  /** a WebSocket upgrade rather than a plain request */
  upgrade: boolean;
}

export interface RoundRobinProxy {
  readonly base: string;
  /** Every request and upgrade passed on, in order, with the instance that took it. */
  readonly served: ProxiedRequest[];
  /** Replaces the instances behind the proxy (a deploy, a new instance). */
  setTargets(targets: string[]): void;
  /**
   * The next request or upgrade goes to `target` (if it is up), and round robin goes on from there:
   * for a test that needs one request on a given instance (a turn in flight on the one it drains).
   */
  aimNextAt(target: string): void;
  close(): Promise<void>;
}

/** The few errors that mean the request never reached the instance, so another may take it. */
const NOT_REACHED = new Set(['ECONNREFUSED', 'EHOSTUNREACH']);
const DOWN_MS = 10_000;

/**
 * A load balancer like the reverse proxy of docs/deploy.md, for the multi-instance tests and the
 * bench: round robin over the instances with no affinity (consecutive requests of one client land
 * on different instances), WebSocket upgrades passed through, X-Forwarded-For added. Like nginx's
 * default `proxy_next_upstream error`, a request an instance refused to connect (it is down) goes to
 * the next one — it never reached the dead one, so even a POST is safe to send again — and the
 * instance is skipped for a while (max_fails=1 fail_timeout=10s); a request an instance took and
 * then died on is answered 502, as nginx would.
 */
export async function startRoundRobinProxy(targets: string[], options: { keepAlive?: boolean } = {}): Promise<RoundRobinProxy> {
  let instances = [...targets];
  let next = 0;
  const served: ProxiedRequest[] = [];
  // without an agent http-proxy-3 opens a connection per request (nginx's default too); `keepAlive`
  // reuses them, as nginx does with `keepalive` in its upstream block (the bench measures both). An
  // idle connection is closed after 4 s, before Node's server closes it (keepAliveTimeout, 5 s): a
  // request sent on a connection the instance is closing would fail (a 502 to the client)
  const agent = options.keepAlive ? new http.Agent({ keepAlive: true, timeout: 4_000 }) : undefined;
  const proxy = createProxyServer({ xfwd: true, ws: true, ...(agent ? { agent } : {}) });
  // like nginx's max_fails=1 fail_timeout=10s: an instance that refused a connection is skipped for a while
  const downUntil = new Map<string, number>();
  const pick = () => {
    for (let tried = 0; tried < instances.length; tried++) {
      const target = instances[next++ % instances.length];
      if ((downUntil.get(target) ?? 0) <= Date.now()) return target;
    }
    return instances[next++ % instances.length];
  };
  const notReached = (target: string, error: NodeJS.ErrnoException) => {
    if (!NOT_REACHED.has(error.code ?? '')) return false;
    downUntil.set(target, Date.now() + DOWN_MS);
    return true;
  };

  const web = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const record: ProxiedRequest = { method: req.method ?? '', url: req.url ?? '', target: null, upgrade: false };
    res.once('close', () => served.push(record));
    const forwardedFor = req.headers['x-forwarded-for'];
    const attempt = (tries: number) => {
      const target = pick();
      record.target = target;
      // xfwd appends to the header: each attempt starts from the client's own
      req.headers['x-forwarded-for'] = forwardedFor;
      proxy.web(req, res, { target, buffer: Readable.from([body]) }, (error: NodeJS.ErrnoException) => {
        if (notReached(target, error) && tries < instances.length) return attempt(tries + 1);
        record.target = null;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      });
    };
    attempt(1);
  };

  // an upgrade is not sent again (its socket is the client's): the client reconnects, and the dead instance is skipped then
  const upgrade = (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    const target = pick();
    const record: ProxiedRequest = { method: req.method ?? '', url: req.url ?? '', target, upgrade: true };
    served.push(record);
    proxy.ws(req, socket, head, { target }, (error: NodeJS.ErrnoException) => {
      notReached(target, error);
      record.target = null;
      socket.destroy();
    });
  };

  const server = http.createServer((req, res) => {
    // the body is read first (nginx buffers it too), so a request an instance refused can go to another
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => web(req, res, Buffer.concat(chunks)));
    req.on('error', () => res.destroy());
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => upgrade(req, socket, head));
  // a client that goes away mid-stream is not the proxy's failure
  proxy.on('error', () => undefined);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    served,
    setTargets(targets) {
      instances = [...targets];
    },
    aimNextAt(target) {
      const at = instances.indexOf(target);
      if (at < 0) throw new Error(`${target} is not behind the proxy`);
      next = at;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        proxy.close();
        agent?.destroy();
      }),
  };
}

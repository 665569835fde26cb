import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { registerMessages } from '../../src/channels/botFramework/messagesRoute';
import { jsonBodies, jsonBody } from '../../src/server/jsonBody';
import { MemoryBudget } from '../../src/server/memoryBudget';

/** A bare server with one JSON route whose bodies count against `budget`, abandoned after `idleMs` of silence. */
async function serverWith(budget: MemoryBudget, idleMs: number) {
  const server = restify.createServer({ handleUncaughtExceptions: false } as restify.ServerOptions);
  server.post('/echo', jsonBody(64 * 1024, { budget, keyOf: () => 'one-client', idleMs }), (req, res, next) => {
    res.send(200, { got: req.body });
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

type Sent = {
  status: Promise<number>;
  closed: Promise<void>;
  send: (text: string) => void;
  end: (text?: string) => void;
  abort: () => void;
};

/** A POST whose body the test sends piece by piece (or never finishes). */
function open(port: number, path: string, declaredLength: number | null): Sent {
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
  if (declaredLength !== null) headers['Content-Length'] = declaredLength;
  const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers });
  const status = new Promise<number>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
  });
  const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
  req.on('error', () => {}); // the server may cut a stalled body off
  req.flushHeaders();
  return { status, closed, send: (text) => req.write(text), end: (text) => req.end(text), abort: () => req.destroy() };
}

describe('JSON bodies count against a memory budget per client while they arrive', () => {
  let budget: MemoryBudget;
  let ctx: Awaited<ReturnType<typeof serverWith>>;
  beforeEach(async () => {
    budget = new MemoryBudget(1_000_000, 3_000);
    ctx = await serverWith(budget, 60_000);
  });
  afterEach(() => stop(ctx.server));

  test('a client that holds bodies open up to its budget gets 429 for the next one, and room again once one is read', async () => {
    const first = open(ctx.port, '/echo', 1_500);
    const second = open(ctx.port, '/echo', 1_500);
    first.send('{"a":');
    second.send('{"b":');
    await until(() => budget.inUse === 3_000);
    const third = open(ctx.port, '/echo', 10);
    third.end('{"c":"10"}');
    expect(await third.status).toBe(429);

    first.end(`"${'x'.repeat(1_500 - 8)}"}`);
    expect(await first.status).toBe(200);
    expect(budget.inUse).toBe(1_500);
    const fourth = open(ctx.port, '/echo', 10);
    fourth.end('{"d":"10"}');
    expect(await fourth.status).toBe(200);
    second.end(`"${'x'.repeat(1_500 - 8)}"}`);
    expect(await second.status).toBe(200);
    expect(budget.inUse).toBe(0);
  });

  test.each([
    ['malformed JSON', '{"a": nope}', 400],
    ['a truncated object', '{"a": [1, 2', 400],
    ['an empty body', '', 200],
  ])('%s gives its bytes back (%p)', async (_name, body, status) => {
    const sent = open(ctx.port, '/echo', Buffer.byteLength(body));
    sent.end(body);
    expect(await sent.status).toBe(status);
    await until(() => budget.inUse === 0);
  });

  test('a client that goes away mid-body gives its bytes back', async () => {
    const sent = open(ctx.port, '/echo', 2_000);
    sent.send('{"a":');
    await until(() => budget.inUse === 2_000);
    sent.abort();
    await until(() => budget.inUse === 0);
  });

  test('a body without Content-Length counts as the largest it may be (64 KB here: over this client’s 3 KB)', async () => {
    const chunked = open(ctx.port, '/echo', null);
    chunked.send('{"a":');
    expect(await chunked.status).toBe(429);
    expect(budget.inUse).toBe(0);
  });

  test('a declared length over the route limit is a 413 before any byte is read', async () => {
    const sent = open(ctx.port, '/echo', 100_000);
    expect(await sent.status).toBe(413);
    expect(budget.inUse).toBe(0);
  });
});

describe('a body that stalls is abandoned', () => {
  test('no byte for the idle time ends the request and frees its bytes', async () => {
    const budget = new MemoryBudget(1_000_000, 100_000);
    const ctx = await serverWith(budget, 200);
    try {
      const stalled = open(ctx.port, '/echo', 5_000);
      stalled.send('{"a":');
      await until(() => budget.inUse === 5_000);
      await stalled.closed; // the server cut it off: the test waits for that event, not for a time
      expect(budget.inUse).toBe(0);
    } finally {
      stop(ctx.server);
    }
  });
});

describe('jsonBodies: one budget for all of a server’s JSON routes', () => {
  test('a client holding bodies open on two routes runs out of one budget (4 MB per address)', async () => {
    const json = jsonBodies(() => 'the same client');
    const server = restify.createServer({ handleUncaughtExceptions: false } as restify.ServerOptions);
    for (const path of ['/a', '/b'])
      server.post(path, json(512 * 1024), (_req, res, next) => {
        res.send(200, {});
        next();
      });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // bodies without a length count as the route's largest (512 KB): eight fill the client's 4 MB
      const held = Array.from({ length: 8 }, (_, i) => open(port, i % 2 ? '/a' : '/b', null));
      for (const body of held) body.send('{"a":');
      const ninth = open(port, '/a', null);
      ninth.send('{"a":');
      expect(await ninth.status).toBe(429);
      held[0].end('1}');
      expect(await held[0].status).toBe(200);
      const tenth = open(port, '/b', 2);
      tenth.end('{}');
      expect(await tenth.status).toBe(200);
    } finally {
      stop(server);
    }
  });
});

describe('/api/messages in local mode refuses a caller that is not this machine before reading its body', () => {
  test('a remote caller gets 403 while its body has not even arrived', async () => {
    const server = restify.createServer({ handleUncaughtExceptions: false } as restify.ServerOptions);
    const read: string[] = [];
    registerMessages(server, {
      adapter: {} as never,
      runner: {} as never,
      logger: { error: () => {}, warn: () => {}, info: () => {} } as never,
      localMode: true,
      addressOf: () => '203.0.113.9',
      json: () => (_req, _res, next) => {
        read.push('read');
        next();
      },
      closing: () => false,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const sent = open((server.address() as AddressInfo).port, '/api/messages', 400_000);
      sent.send('{"type":');
      expect(await sent.status).toBe(403);
      expect(read).toEqual([]);
    } finally {
      stop(server);
    }
  });
});

function stop(server: restify.Server): void {
  server.server.closeAllConnections();
  server.close();
}

/** Waits for the server to reach a state, checking whenever the event loop is idle (bounded, no fixed sleep). */
async function until(condition: () => boolean, tries = 2_000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}

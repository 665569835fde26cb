import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { AgentFeed } from '../../src/agents/agentFeed';
import type { AgentTokenClaims, AgentTokens } from '../../src/agents/agentTokens';
import { AgentPresence } from '../../src/handoff/agentPresence';
import { createLogger } from '../../src/logger';

/** The real timer, taken before a test fakes them: a bound that still fires. */
const realSetTimeout = setTimeout;
const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => realSetTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))]);

/** The feed on a loopback server, with tokens that name the agent ("token-ana" is ana's). */
async function feedOnLoopback(limits = { socketsPerAgent: 2, maxBufferedBytes: 64 * 1024, recheckEveryMs: 60_000 }) {
  const revokeListeners: ((c: AgentTokenClaims) => void)[] = [];
  /** tokens logged out without a word to this instance (the notice lost with Redis away) */
  const revokedQuietly = new Set<string>();
  const tokens = {
    verify: (t: string) => (t.startsWith('token-') ? { username: t.slice(6), role: 'agent', tokenId: t, expiresAt: 0 } : null),
    onRevoke: (l: (c: AgentTokenClaims) => void) => revokeListeners.push(l),
    msLeft: () => 3_600_000,
    stillValid: async (c: AgentTokenClaims) => !revokedQuietly.has(c.tokenId),
  } as unknown as AgentTokens;
  const presence = new AgentPresence();
  const feed = new AgentFeed(tokens, presence, createLogger('silent'), limits);
  const server: Server = createServer();
  server.on('upgrade', (req, socket, head) => feed.handleUpgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/agent/stream`;
  const connect = async (token: string) => {
    const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
    const closed = new Promise<void>((r) => ws.on('close', () => r()));
    const opened = await new Promise<boolean | number>((resolve) => {
      ws.on('message', () => resolve(true)); // the hello
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    return { ws, opened, closed };
  };
  return {
    feed,
    presence,
    connect,
    revokedQuietly,
    revoke: (tokenId: string) => {
      for (const l of revokeListeners) l({ tokenId } as AgentTokenClaims);
    },
    close: async () => {
      feed.closeAll();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('the agent stream', () => {
  test('a consumer that stops reading is dropped once its buffer passes the bound, and goes offline', async () => {
    const f = await feedOnLoopback();
    const slow = await f.connect('token-ana');
    expect(slow.opened).toBe(true);
    slow.ws.pause(); // reads nothing more
    const big = 'x'.repeat(64 * 1024);
    // 25 MB in one go: more than loopback's kernel buffers can take, so frames queue in the process
    for (let n = 0; n < 400; n++) f.feed.publish({ type: 'customer.typing', claimId: big });
    expect(f.presence.anyOnline()).toBe(false);
    slow.ws.resume();
    await slow.closed;
    await f.close();
  });

  test('a revoked token ends its streams at once; the agent’s other sessions stay', async () => {
    const f = await feedOnLoopback({ socketsPerAgent: 5, maxBufferedBytes: 1024 * 1024, recheckEveryMs: 60_000 });
    const first = await f.connect('token-ana');
    const other = await f.connect('token-ana-2'); // another agent entirely ("ana-2")
    f.revoke('token-ana');
    await first.closed;
    expect(f.presence.anyOnline()).toBe(true);
    f.revoke('token-ana-2');
    await other.closed;
    expect(f.presence.anyOnline()).toBe(false);
    await f.close();
  });

  test('streams per agent are capped: one more is refused with 429', async () => {
    const f = await feedOnLoopback();
    const a = await f.connect('token-ana');
    const b = await f.connect('token-ana');
    expect([a.opened, b.opened]).toEqual([true, true]);
    expect((await f.connect('token-ana')).opened).toBe(429);
    expect((await f.connect('token-bo')).opened).toBe(true); // others are not affected
    a.ws.close();
    await a.closed;
    await f.close();
  });

  test('a logout this instance was not told of (the bus notice lost) still ends the stream at the next recheck', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const f = await feedOnLoopback({ socketsPerAgent: 2, maxBufferedBytes: 64 * 1024, recheckEveryMs: 1_000 });
      const ana = await f.connect('token-ana');
      const bo = await f.connect('token-bo');
      expect([ana.opened, bo.opened]).toEqual([true, true]);
      f.revokedQuietly.add('token-ana');
      jest.advanceTimersByTime(1_000);
      await within(ana.closed, 5_000, 'the revoked stream closed');
      expect(bo.ws.readyState).toBe(WebSocket.OPEN);
      expect(f.presence.anyOnline()).toBe(true);
      bo.ws.close();
      await bo.closed;
      await f.close();
    } finally {
      jest.useRealTimers();
    }
  });
});

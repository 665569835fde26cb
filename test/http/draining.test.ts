import { createLogger } from '../../src/logger';
import { createServer, listen } from '../../src/server/createServer';
import { sendJson } from '../../src/server/http';
import { refuseWhileDraining } from '../../src/server/refuseWhileDraining';
import { Shutdown } from '../../src/server/shutdown';

/*
 * While an instance drains (SIGTERM), a request that still reaches it on a connection opened before
 * the stop starts nothing: 503 NOT_READY, Retry-After, and the connection closed, so the client's
 * retry opens one to an instance that serves. (The whole drain — the turn in flight finishing,
 * streams reconnecting elsewhere — is in test/cluster/multiInstance.test.ts.)
 */
describe('a draining instance', () => {
  test('refuses every request NOT_READY with Connection: close; serves them again when not draining', async () => {
    let draining = false;
    let served = 0;
    const server = createServer(createLogger('silent'), undefined);
    refuseWhileDraining(server, () => draining);
    server.post('/v3/directline/conversations/:id/activities', async (_req, res) => {
      served++;
      sendJson(res, 200, { id: 'x' });
    });
    const { port } = await listen(server, 0, '127.0.0.1');
    const post = () => fetch(`http://127.0.0.1:${port}/v3/directline/conversations/c1/activities`, { method: 'POST' });
    try {
      expect((await post()).status).toBe(200);
      draining = true;
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('connection')).toBe('close');
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('NOT_READY');
      expect(served).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a request taken before the stop is waited for: the drain ends only once it is answered (an agent resolving a claim)', async () => {
    let draining = false;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const inRoute = new Promise<void>((resolve) => (arrived = resolve));
    const server = createServer(createLogger('silent'), undefined);
    const requests = refuseWhileDraining(server, () => draining);
    server.post('/api/agent/claims/:id/resolve', async (_req, res) => {
      arrived();
      await held; // deciding and committing, before any turn starts
      sendJson(res, 200, { status: 'rma_issued' });
    });
    const { port } = await listen(server, 0, '127.0.0.1');
    const resolving = fetch(`http://127.0.0.1:${port}/api/agent/claims/c1/resolve`, { method: 'POST' });
    await inRoute;
    expect(requests.busy()).toBe(true);

    const shutdown = new Shutdown();
    draining = true;
    let closedLast = false;
    const stopping = shutdown.close({
      server,
      stopFirst: [],
      turns: { idle: () => true, commitRemaining: () => {} },
      requests,
      closeLast: async () => {
        closedLast = true;
      },
    });
    // the database is not closed under the request
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedLast).toBe(false);
    release();
    expect((await resolving).status).toBe(200);
    await stopping;
    expect(closedLast).toBe(true);
    expect(requests.busy()).toBe(false);
  });
});

import { createLogger } from '../../src/logger';
import { createServer, listen } from '../../src/server/createServer';
import { sendJson } from '../../src/server/http';
import { refuseWhileDraining } from '../../src/server/refuseWhileDraining';

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
});

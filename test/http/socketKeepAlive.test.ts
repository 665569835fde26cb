import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { keepSocketsAlive } from '../../src/server/socketKeepAlive';

const INTERVAL = 1_000;
const once = <T = void>(emitter: NodeJS.EventEmitter, event: string) => new Promise<T>((resolve) => emitter.once(event, resolve as never));

/*
 * The pings run on jest's clock (a tick is `advanceTimersByTime`); the pongs are real frames on
 * loopback sockets, waited for as events: no interval races the machine's load.
 */
describe('keepSocketsAlive: pings that keep proxies from closing quiet streams, and end dead ones', () => {
  let server: http.Server;
  let wss: WebSocketServer;
  const serverSide: WebSocket[] = [];

  beforeEach(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    wss = new WebSocketServer({ noServer: true });
    server = http.createServer();
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => serverSide.push(ws)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    for (const ws of serverSide.splice(0)) ws.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
    jest.useRealTimers();
  });

  async function connect(options: { autoPong: boolean }): Promise<{ client: WebSocket; onServer: WebSocket }> {
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, options);
    await once(client, 'open');
    while (serverSide.length === 0 || serverSide.at(-1)?.readyState !== WebSocket.OPEN) await new Promise((r) => setImmediate(r));
    return { client, onServer: serverSide.at(-1) as WebSocket };
  }

  test('a client that answers stays; one that does not is ended at the next ping; stop() stops pinging', async () => {
    const keepAlive = keepSocketsAlive(wss, INTERVAL);
    const alive = await connect({ autoPong: true });
    const gone = await connect({ autoPong: false });

    // first ping: both are pinged, the live one answers
    let answered = once(alive.onServer, 'pong');
    const silentPinged = once(gone.client, 'ping');
    jest.advanceTimersByTime(INTERVAL);
    await Promise.all([answered, silentPinged]);

    // second ping: the silent one has not answered the first, and is ended; the live one is pinged again
    answered = once(alive.onServer, 'pong');
    const ended = once(gone.client, 'close');
    jest.advanceTimersByTime(INTERVAL);
    await Promise.all([answered, ended]);
    expect(alive.client.readyState).toBe(WebSocket.OPEN);

    // third: still there
    answered = once(alive.onServer, 'pong');
    jest.advanceTimersByTime(INTERVAL);
    await answered;
    expect(alive.client.readyState).toBe(WebSocket.OPEN);

    keepAlive.stop();
    let pinged = false;
    alive.client.on('ping', () => (pinged = true));
    jest.advanceTimersByTime(INTERVAL * 3);
    // a ping sent would have been written before this round trip's answer comes back
    alive.client.send('x');
    await once(alive.onServer, 'message');
    alive.onServer.send('y');
    await once(alive.client, 'message');
    expect(pinged).toBe(false);
    alive.client.close();
  });
});

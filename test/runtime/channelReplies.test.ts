import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { ConnectorClient } from 'botframework-connector';
import { usesHttpProxy } from '../../src/config/config';
import { ChannelReplies, ChannelReplyError } from '../../src/runtime/channelReplies';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A channel on 127.0.0.1 that answers each request with the next scripted response. */
async function startChannel(script: Array<{ status: number; body?: string; headers?: Record<string, string> }>) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const next = script.shift() ?? { status: 200, body: '{"id":"default"}' };
      res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers });
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const signedAs = (token: string | null) => ({
  signRequest: async (resource: { headers: { set(name: string, value: string): void } }) => {
    if (token) resource.headers.set('authorization', `Bearer ${token}`);
    return resource;
  },
});

const reply = { type: 'message', text: 'When did you buy it?', conversation: { id: 'conv/1' }, replyToId: 'act 7' } as Activity;

describe('ChannelReplies', () => {
  let waits: number[];
  let replies: ChannelReplies;
  let channel: Awaited<ReturnType<typeof startChannel>>;
  const client = (token: string | null = null) =>
    replies.attach(new ConnectorClient(signedAs(token) as never, { baseUri: channel.url }), channel.url);

  beforeEach(() => {
    waits = [];
    replies = new ChannelReplies({ wait: async (ms) => void waits.push(ms) });
  });
  afterEach(async () => {
    await replies.close();
    await channel.close();
  });

  test('a reply is one JSON POST to the activity it answers, with the framework headers and the credentials', async () => {
    channel = await startChannel([{ status: 200, body: '{"id":"r1"}' }]);
    const response = await client('t0k3n').conversations.replyToActivity('conv/1', 'act 7', reply);
    expect(response).toEqual({ id: 'r1' });
    const [request] = channel.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v3/conversations/conv%2F1/activities/act%207');
    expect(request.headers.authorization).toBe('Bearer t0k3n');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['x-ms-conversation-id']).toBe('conv/1');
    expect(request.headers['user-agent']).toMatch(/^Microsoft-BotFramework\/3\.1 botframework-connector\//);
    expect(JSON.parse(request.body)).toEqual(reply);
  });

  test('a new message goes to the conversation; without an app id there is no Authorization header', async () => {
    channel = await startChannel([{ status: 201, body: '{"id":"n1"}' }, { status: 202 }]);
    const conversations = client().conversations;
    expect(await conversations.sendToConversation('c2', { type: 'message', text: 'hi' } as Activity)).toEqual({ id: 'n1' });
    // 202 with no body: accepted, no id to report
    expect(await conversations.sendToConversation('c2', { type: 'typing' } as Activity)).toEqual({ id: '' });
    expect(channel.received.map((r) => r.url)).toEqual(['/v3/conversations/c2/activities', '/v3/conversations/c2/activities']);
    expect(channel.received[0].headers.authorization).toBeUndefined();
  });

  test.each([
    [429, { 'Retry-After': '3' }, 3000],
    [503, { 'Retry-After': '0' }, 0],
    [500, {}, 'backoff'],
    [408, {}, 'backoff'],
  ] as const)('HTTP %i is retried (Retry-After honoured) and then delivered', async (status, headers, waited) => {
    channel = await startChannel([
      { status, headers, body: 'busy' },
      { status: 200, body: '{"id":"r2"}' },
    ]);
    expect(await client().conversations.replyToActivity('c', 'a', reply)).toEqual({ id: 'r2' });
    expect(channel.received).toHaveLength(2);
    expect(waits).toHaveLength(1);
    if (waited === 'backoff') expect(waits[0]).toBeGreaterThanOrEqual(800);
    else expect(waits[0]).toBe(waited);
  });

  test.each([400, 401, 403, 404, 501])('HTTP %i is not retried: the turn learns the status', async (status) => {
    channel = await startChannel([{ status, body: '{"error":{"code":"BadArgument"}}' }]);
    const sent = client().conversations.replyToActivity('c', 'a', reply);
    await expect(sent).rejects.toThrow(new RegExp(`HTTP ${status}`));
    await expect(sent).rejects.toMatchObject({ name: 'ChannelReplyError', statusCode: status });
    expect(channel.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('a channel that keeps failing is given three retries, with growing waits', async () => {
    channel = await startChannel(Array.from({ length: 4 }, () => ({ status: 502 })));
    await expect(client().conversations.replyToActivity('c', 'a', reply)).rejects.toBeInstanceOf(ChannelReplyError);
    expect(channel.received).toHaveLength(4);
    expect(waits).toHaveLength(3);
    expect(waits[2]).toBeGreaterThan(waits[0]);
  });

  test('an unreachable channel is retried, then the network error reaches the turn', async () => {
    channel = await startChannel([]);
    await channel.close();
    const gone = replies.attach(new ConnectorClient(signedAs(null) as never, { baseUri: channel.url }), channel.url);
    await expect(gone.conversations.sendToConversation('c', reply)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(waits).toHaveLength(3);
    channel = await startChannel([]); // for afterEach
  });

  test('a channel that never answers is abandoned after the timeout', async () => {
    const silent = createServer(() => {
      // holds every request open
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const impatient = new ChannelReplies({ timeoutMs: 50, maxRetries: 0 });
    const stuck = impatient.attach(new ConnectorClient(signedAs(null) as never, { baseUri: url }), url);
    await expect(stuck.conversations.sendToConversation('c', reply)).rejects.toThrow(/did not answer within 50 ms/);
    silent.closeAllConnections();
    await impatient.close();
    await new Promise<void>((r) => silent.close(() => r()));
    channel = await startChannel([]);
  });

  test('calls with per-call options still go through the framework client', async () => {
    channel = await startChannel([{ status: 200, body: '{"id":"fw"}' }]);
    const response = await client().conversations.sendToConversation('c3', { type: 'message', text: 'x' } as Activity, {
      customHeaders: { 'x-probe': '1' },
    });
    expect(response.id).toBe('fw');
    expect(channel.received[0].headers['x-probe']).toBe('1');
  });

  test.each([
    [{}, false],
    [{ HTTPS_PROXY: 'http://proxy:3128' }, true],
    [{ http_proxy: 'http://proxy:3128' }, true],
  ])('proxy settings %j: use the framework client = %s', (env, expected) => {
    expect(usesHttpProxy(env as NodeJS.ProcessEnv)).toBe(expected);
  });
});

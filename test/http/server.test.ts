import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { startFakeConnector } from '../helpers/fakeConnector';
import { FILES } from '../helpers/harness';

let app: App;
let base: string;
let connector: Awaited<ReturnType<typeof startFakeConnector>>;

beforeAll(async () => {
  connector = await startFakeConnector(FILES);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-http-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BOOTSTRAP_AGENT_USERNAME: 'ana',
    BOOTSTRAP_AGENT_PASSWORD: 'correct horse',
    LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { clock: fixedClock('2026-03-02T17:30:00Z'), logger: createLogger('silent') });
  const { port } = await app.listen();
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app.close();
  await connector.close();
});

const activity = (conversationId: string, extra: Record<string, unknown>) => channelActivity(connector.url, conversationId, extra);
const post = (body: unknown, headers?: Record<string, string>) => postToChannelEndpoint(base, body, headers);
const repliesTo = (conversationId: string) => connector.posted.filter((p) => p.conversationId === conversationId).map((p) => p.activity);
const lastPrompt = (conversationId: string) =>
  repliesTo(conversationId)
    .filter((a) => a.inputHint === 'expectingInput')
    .at(-1)?.channelData?.prompt;

async function login(password = 'correct horse') {
  const res = await fetch(`${base}/api/agent/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'ana', password }),
  });
  return { status: res.status, body: (await res.json()) as { token?: string } };
}

describe('the running server', () => {
  test('GET /healthz reports ready', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/healthz`, { method: 'HEAD' })).status).toBe(200); // load balancers check with HEAD
  });

  test('GET /readyz: the database answers and its schema is current', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${base}/readyz`, { method: 'HEAD' })).status).toBe(200);
  });

  test('a whole claim over /api/messages, replies to the serviceUrl, readable in the agent API', async () => {
    const conv = 'http-claim-1';
    expect((await post(activity(conv, { type: 'conversationUpdate', membersAdded: [{ id: 'customer-1' }, { id: 'bot' }] }))).status).toBe(
      200,
    );
    expect(lastPrompt(conv)).toBe('menu');
    const answers: Array<Record<string, unknown>> = [
      { text: 'my camera stopped working' },
      { text: 'QT5682' },
      { text: 'February 20th' },
      { text: 'I have the receipt' },
      { text: '', attachments: [{ contentType: 'image/jpeg', contentUrl: `${connector.url}/files/receipt.jpg`, name: 'IMG_1.jpg' }] },
      { text: 'it will not power on' },
      { text: 'no, none of that' },
      { text: 'yes' },
    ];
    for (const a of answers) expect((await post(activity(conv, a))).status).toBe(200);
    expect(lastPrompt(conv)).toBe('csat');
    const { body } = await login();
    const claims = (await (
      await fetch(`${base}/api/agent/claims?conversationId=${conv}`, { headers: { Authorization: `Bearer ${body.token}` } })
    ).json()) as any[];
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ conversationId: conv, status: 'rma_issued', decision: { outcome: 'covered' } });
    const one = (await (
      await fetch(`${base}/api/agent/claims/${claims[0].id}`, { headers: { Authorization: `Bearer ${body.token}` } })
    ).json()) as any;
    expect(one.transcript.filter((t: any) => t.from === 'customer').map((t: any) => t.text)).toContain('QT5682');
    expect(one.transcript.some((t: any) => t.from === 'bot' && /RMA-2026-/.test(t.text))).toBe(true);
    // the agent sees the receipt byte for byte; nobody else does
    const fileUrl = `${base}/api/agent/files/${one.proof.files[0].id}`;
    const file = await fetch(fileUrl, { headers: { Authorization: `Bearer ${body.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await file.arrayBuffer()).equals(FILES['receipt.jpg'])).toBe(true);
    expect((await fetch(fileUrl)).status).toBe(401);
    expect((await fetch(`${base}/api/agent/files/no-such-file`, { headers: { Authorization: `Bearer ${body.token}` } })).status).toBe(404);
  });

  test.each<[string, () => Promise<Response>, number]>([
    ['malformed JSON', () => post('{"type": "message",', { 'Content-Type': 'application/json' }), 400],
    ['not an activity', () => post({ hello: 'world' }), 400],
    ['a body over the limit', () => post(activity('big', { text: 'x'.repeat(600_000) })), 413],
    [
      'a serviceUrl that is not loopback in local mode',
      () => post({ ...activity('remote', { text: 'hi' }), serviceUrl: 'https://evil.example.com' }),
      403,
    ],
  ])('%s is refused with a clear status', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(JSON.stringify(await res.json())).toMatch(/"message":"[^"]+"/);
  });

  test('an unknown activity type is accepted and ignored', async () => {
    const res = await post(activity('odd', { type: 'somethingNew' }));
    expect(res.status).toBe(200);
    expect(repliesTo('odd')).toEqual([]);
  });

  test('agent login: wrong password refused, right one gives a token', async () => {
    expect((await login('wrong password')).status).toBe(401);
    const ok = await login();
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
  });

  test.each(['/api/agent/claims', '/api/agent/queue', '/api/agent/claims/nope'])('%s needs a token', async (url) => {
    expect((await fetch(`${base}${url}`)).status).toBe(401);
    expect((await fetch(`${base}${url}`, { headers: { Authorization: 'Bearer forged.token.here' } })).status).toBe(401);
  });

  test('an unknown claim is 404 and a bad status filter 400', async () => {
    const { body } = await login();
    const auth = { Authorization: `Bearer ${body.token}` };
    expect((await fetch(`${base}/api/agent/claims/does-not-exist`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/agent/claims?status=bogus`, { headers: auth })).status).toBe(400);
  });

  test('a hand-off puts the claim in the queue and sends handoff.initiate to the channel', async () => {
    const conv = 'http-handoff-1';
    await post(activity(conv, { text: 'I want to talk to a person' }));
    const event = repliesTo(conv).find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    expect(event?.value).toMatchObject({ reason: 'customer_request', claimId: expect.any(String), summary: expect.any(String) });
    const { body } = await login();
    const queue = (await (await fetch(`${base}/api/agent/queue`, { headers: { Authorization: `Bearer ${body.token}` } })).json()) as any[];
    expect(queue.map((c) => c.id)).toContain(event?.value.claimId);
  });
});

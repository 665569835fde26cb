import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { startFakeConnector } from '../helpers/fakeConnector';

/** Whatever arrives at /api/messages, a malformed activity is a 400 in our error shape: never a 500, never a crash. */

let app: App;
let base: string;
let connector: Awaited<ReturnType<typeof startFakeConnector>>;

beforeAll(async () => {
  connector = await startFakeConnector();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'warranty-bad-')),
    LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { clock: fixedClock('2026-03-02T17:30:00Z'), logger: createLogger('silent') });
  base = `http://127.0.0.1:${(await app.listen()).port}`;
});
afterAll(async () => {
  await app.close();
  await connector.close();
});

const good = () => ({
  type: 'message',
  id: 'in1',
  channelId: 'emulator',
  serviceUrl: connector.url,
  from: { id: 'customer-1', name: 'Customer' },
  recipient: { id: 'bot', name: 'Bot' },
  conversation: { id: 'bad-input' },
  text: 'hello',
});
const without = (field: string) => {
  const activity: Record<string, unknown> = good();
  delete activity[field];
  return activity;
};
const nested = (depth: number) => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
};
const post = (body: string) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('bad input on /api/messages', () => {
  test.each<[string, () => unknown]>([
    ['no conversation', () => without('conversation')],
    ['a conversation without an id', () => ({ ...good(), conversation: {} })],
    ['a conversation that is a string', () => ({ ...good(), conversation: 'c1' })],
    ['a numeric conversation id', () => ({ ...good(), conversation: { id: 42 } })],
    ['a conversation id that is an object', () => ({ ...good(), conversation: { id: { $gt: '' } } })],
    ['a numeric activity id', () => ({ ...good(), id: 7 })],
    ['a type that is a list', () => ({ ...good(), type: ['message'] })],
    ['text that is an object', () => ({ ...good(), text: { toString: 'x' } })],
    ['a from that is a string', () => ({ ...good(), from: 'customer-1' })],
    ['a from that is a list', () => ({ ...good(), from: [{ id: 'customer-1' }] })],
    ['a recipient that is a number', () => ({ ...good(), recipient: 5 })],
    ['a from id that is an object', () => ({ ...good(), from: { id: { a: 1 } } })],
    ['attachments that are not a list', () => ({ ...good(), attachments: 'receipt.jpg' })],
    ['attachments that are not objects', () => ({ ...good(), attachments: [null, 1] })],
    [
      'an attachment name that is an object',
      () => ({ ...good(), attachments: [{ contentUrl: 'data:image/png;base64,AA==', name: { a: 1 } }] }),
    ],
    ['an attachment contentUrl that is a number', () => ({ ...good(), attachments: [{ contentUrl: 7 }] })],
    ['membersAdded with a null member', () => ({ ...good(), type: 'conversationUpdate', membersAdded: [null] })],
    ['deeply nested channelData', () => ({ ...good(), channelData: nested(1_000) })],
    ['deeply nested value', () => ({ ...good(), type: 'event', name: 'x', value: nested(40) })],
    ['a list of activities', () => [good()]],
    ['a bare string', () => 'hello'],
    ['null', () => null],
    ['no serviceUrl', () => without('serviceUrl')],
    ['our Direct Line as the serviceUrl', () => ({ ...good(), serviceUrl: 'urn:qsee:directline' })],
    ['a serviceUrl that is not http(s)', () => ({ ...good(), serviceUrl: 'file:///etc/passwd' })],
    ['a serviceUrl that is not a URL', () => ({ ...good(), serviceUrl: 'not a url' })],
  ])('%s: 400 in our error shape', async (_name, body) => {
    const res = await post(JSON.stringify(body()));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test('nesting deeper than JSON.stringify can serialise: 400, and the server still answers', async () => {
    const depth = 100_000;
    const res = await post(
      `{"type":"message","conversation":{"id":"deep"},"serviceUrl":"${connector.url}","channelData":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  test('a well-formed activity after all that is still answered', async () => {
    expect((await post(JSON.stringify(good()))).status).toBe(200);
    expect(connector.posted.some((p) => p.conversationId === 'bad-input')).toBe(true);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { DirectLine } from 'botframework-directlinejs';
import pino from 'pino';
import WebSocket from 'ws';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { newClaim } from '../../src/domain/claim';
import { AGENT, agentToken } from '../helpers/testApp';

(global as any).XMLHttpRequest = require('xhr2');
(global as any).WebSocket = WebSocket;

let app: App;
let base: string;
let logged = '';
let admin: string; // ana, the bootstrap account, is an admin
let bo: string; // an agent
let cy: string; // another agent

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-hardening-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BOOTSTRAP_AGENT_USERNAME: AGENT.username,
    BOOTSTRAP_AGENT_PASSWORD: AGENT.password,
    DEFAULT_TIMEZONE: 'America/New_York',
  });
  // every log line the server writes, to look for secrets in
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += String(chunk);
      done();
    },
  });
  app = await createApp(config, { clock: fixedClock('2026-03-02T17:30:00Z'), logger: pino({ level: 'info' }, sink) });
  base = `http://127.0.0.1:${(await app.listen()).port}`;
  const accounts = new AgentAccounts(app.storage.agents);
  await accounts.create('bo', 'password-bo');
  await accounts.create('cy', 'password-cy');
  admin = await agentToken(base);
  bo = await agentToken(base, { username: 'bo', password: 'password-bo' });
  cy = await agentToken(base, { username: 'cy', password: 'password-cy' });
});
afterAll(async () => {
  await app.close();
});

const call = (p: string, token?: string, body?: unknown) =>
  fetch(`${base}${p}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A Web Chat customer; `say` sends, `until` waits for an activity. */
async function customer() {
  const session = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as any;
  const dl = new DirectLine({ domain: `${base}/v3/directline`, token: session.token, webSocket: true } as any);
  const seen: any[] = [];
  let wake: () => void = () => {};
  dl.activity$.subscribe(
    (a: any) => {
      seen.push(a);
      wake();
    },
    () => {},
  );
  const until = async (test: (a: any) => boolean, from = 0) => {
    for (;;) {
      const found = seen.slice(from).find(test);
      if (found) return found;
      await new Promise<void>((r) => (wake = r));
    }
  };
  const say = (text: string) =>
    new Promise((resolve, reject) => dl.postActivity({ type: 'message', from: { id: 'x' }, text } as any).subscribe(resolve, reject));
  await until((a) => a.channelData?.prompt === 'menu');
  await say('my QT5682 died, bought it February 20th');
  await until((a) => a.channelData?.prompt === 'proofType');
  const claims = (await (await call(`/api/agent/claims?conversationId=${session.conversationId}`, admin)).json()) as any[];
  return { dl, seen, until, say, claimId: claims[0].id as string };
}

async function waiting() {
  const c = await customer();
  await c.say('I want to talk to a person');
  await c.until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  return c;
}

describe('who may change a claim, over HTTP', () => {
  test('an agent closes only a claim they hold; an admin takes over on the record and may close', async () => {
    const c = await waiting();
    const id = c.claimId;
    expect((await call(`/api/agent/claims/${id}/close`, bo, {})).status).toBe(409); // waiting: nobody holds it
    expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
    const refused = await call(`/api/agent/claims/${id}/close`, cy, {});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: { code: 'NOT_CLAIM_OWNER', message: expect.stringMatching(/^Another agent has this claim/) },
    });
    expect((await call(`/api/agent/claims/${id}/resolve`, cy, { outcome: 'covered' })).status).toBe(403);
    expect((await call(`/api/agent/claims/${id}/messages`, cy, { text: 'hi' })).status).toBe(403);
    expect((await call(`/api/agent/claims/${id}/take-over`, cy, {})).status).toBe(403); // agents cannot take over
    // an admin acts on another agent's claim only by taking it over
    expect((await call(`/api/agent/claims/${id}/resolve`, admin, { outcome: 'covered' })).status).toBe(403);
    const taken = await call(`/api/agent/claims/${id}/take-over`, admin, {});
    expect(taken.status).toBe(200);
    expect(((await taken.json()) as any).handoff.agent).toBe(AGENT.username);
    expect((await call(`/api/agent/claims/${id}/messages`, bo, { text: 'hi' })).status).toBe(403);
    expect((await call(`/api/agent/claims/${id}/close`, admin, {})).status).toBe(200);
    expect((await call(`/api/agent/claims/${id}/close`, admin, {})).status).toBe(409); // closed stays closed
    const claim = (await (await call(`/api/agent/claims/${id}`, bo)).json()) as any;
    expect(claim.audit.map((e: any) => [e.from, e.to, e.action, e.actorKind, e.actorId])).toEqual([
      ['in_progress', 'pending_agent', 'hand_off', 'bot', null],
      ['pending_agent', 'with_agent', 'accept', 'agent', 'bo'],
      ['with_agent', 'with_agent', 'take_over', 'admin', AGENT.username],
      ['with_agent', 'closed', 'close', 'admin', AGENT.username],
    ]);
    expect(claim.audit[0].at).toBe('2026-03-02T17:30:00.000Z');
    c.dl.end();
  });

  test('nobody closes a claim the bot is running (not even an admin); after the idle timer does, the bot never writes to it again', async () => {
    const c = await customer();
    expect((await call(`/api/agent/claims/${c.claimId}/close`, bo, {})).status).toBe(409);
    expect((await call(`/api/agent/claims/${c.claimId}/close`, admin, {})).status).toBe(409);
    await app.claims.expire(c.claimId);
    const from = c.seen.length;
    await c.say('I have a receipt');
    // its next message starts afresh: the menu (or a new claim), never an apology for a failed turn
    const next = await c.until((a) => a.from?.role !== 'user' && a.inputHint === 'expectingInput', from);
    expect(next.channelData.prompt).toBe('menu');
    expect(c.seen.slice(from).some((a) => /went wrong/.test(a.text ?? ''))).toBe(false);
    const claim = (await (await call(`/api/agent/claims/${c.claimId}`, admin)).json()) as any;
    expect(claim).toMatchObject({ status: 'closed', proof: { type: null } });
    c.dl.end();
  });
});

describe('bad input gets a 4xx in our error shape', () => {
  const raw = (p: string, init: RequestInit) => fetch(`${base}${p}`, init);
  test.each([
    [
      'malformed JSON',
      '/api/agent/login',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":' },
      400,
      'BAD_JSON',
    ],
    [
      'a body over the limit',
      '/api/agent/login',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'x'.repeat(80 * 1024) }) },
      413,
      'TOO_LARGE',
    ],
    ['an unknown route', '/api/agent/nothing-here', { method: 'GET' }, 404, 'NOT_FOUND'],
    ['a method the route does not answer', '/api/agent/login', { method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED'],
    ['HTML accepted only', '/api/agent/nothing-here', { method: 'GET', headers: { Accept: 'text/html' } }, 404, 'NOT_FOUND'],
  ] as const)('%s', async (_name, p, init, status, code) => {
    const res = await raw(p, init as RequestInit);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  test('a text body to a JSON route is 415', async () => {
    const c = await waiting();
    await call(`/api/agent/claims/${c.claimId}/accept`, admin, {});
    const res = await raw(`/api/agent/claims/${c.claimId}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } });
    c.dl.end();
  });
});

describe('filters and pages on the agent API', () => {
  // 1 200 claims inserted directly: 700 waiting, 300 with an agent, 200 closed
  const WAITING = 700;
  beforeAll(async () => {
    const { storage } = app;
    const start = Date.parse('2026-02-01T00:00:00Z');
    await storage.commits.unit(async () => {
      for (let n = 0; n < 1200; n++) {
        const claim = newClaim(`bulk-${n}`, `bulk-conv-${n % 10}`, new Date(start + n * 1000), 'v1', 'UTC');
        claim.status = n < WAITING ? 'pending_agent' : n < 1000 ? 'with_agent' : 'closed';
        // asked for a person in the reverse order of creation: the oldest request is the newest claim
        claim.handoff.requestedAt = new Date(start + (WAITING - n) * 60_000).toISOString();
        await storage.claims.insert(claim);
      }
    });
    storage.commits.flush();
    await storage.commits.durable();
  });

  const all = async (first: string) => {
    const ids: string[] = [];
    let next: string | null = first;
    let total = '';
    while (next) {
      const res = await call(next, admin);
      expect(res.status).toBe(200);
      total = res.headers.get('x-total-count') ?? '';
      ids.push(...((await res.json()) as any[]).map((c) => c.id));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
    }
    return { ids, total: Number(total) };
  };

  test('the queue holds everyone, the longest waiting first, each exactly once over its pages', async () => {
    const { ids, total } = await all('/api/agent/queue?limit=250');
    const bulk = ids.filter((id) => id.startsWith('bulk-'));
    expect(bulk).toHaveLength(WAITING);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bulk[0]).toBe(`bulk-${WAITING - 1}`);
    expect(bulk.at(-1)).toBe('bulk-0');
    expect(total).toBe(ids.length);
  });

  test('a list longer than a page is never cut silently: the rest is behind Link', async () => {
    const first = await call('/api/agent/claims?status=closed&limit=50', admin);
    expect(((await first.json()) as any[]).length).toBe(50);
    expect(first.headers.get('link')).toMatch(/^<\/api\/agent\/claims\?status=closed&limit=50&cursor=[\w-]+>; rel="next"$/);
    const { ids, total } = await all('/api/agent/claims?status=closed&limit=50');
    expect(ids.filter((id) => id.startsWith('bulk-'))).toHaveLength(200);
    expect(total).toBe(ids.length);
  });

  const count = async (query: string) => {
    const res = await call(`/api/agent/claims?${query}`, admin);
    return { status: res.status, body: (await res.json()) as any, total: Number(res.headers.get('x-total-count')) };
  };
  test.each([
    ['status=closed&status=with_agent', 'any of the two', 500],
    ['status[]=closed', 'bracketed, one value', 200],
    ['status[]=closed&status[]=with_agent', 'bracketed, two values', 500],
  ])('?%s is applied (%s)', async (query, _what, atLeast) => {
    const { status, total } = await count(`${query}&limit=1`);
    expect(status).toBe(200);
    expect(total).toBeGreaterThanOrEqual(atLeast);
    expect(total).toBeLessThan(1200); // never the unfiltered list
  });

  test.each([
    'status[$ne]=closed',
    'status[toString]=closed',
    'status[__proto__]=closed',
    'conversationId[hasOwnProperty]=x',
    'status=closed&status=nonsense',
    'status[0][a]=x',
    'conversationId[]=bulk-conv-1',
    'conversationId=bulk-conv-1&conversationId=bulk-conv-2',
    'conversationId[$gt]=',
    'limit=0',
    'limit=501',
    'limit=ten',
    'limit=5&limit=6',
    'cursor=not-a-cursor',
  ])('?%s is refused with 400', async (query) => {
    const { status, body } = await count(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
  });
});

describe('secrets stay out of the log', () => {
  test.each([
    '/api/agent/stream?token=SECRET-TOKEN-1',
    '/v3/directline/conversations/abc/stream?t=SECRET-TOKEN-2',
    '/v3/directline/attachments/00000000-0000-0000-0000-000000000000?sig=SECRET-TOKEN-3',
    '/nowhere?token=SECRET-TOKEN-4&watermark=1',
  ])('a GET to %s', async (url) => {
    const before = logged.length;
    const res = await fetch(`${base}${url}`);
    await res.arrayBuffer();
    expect(res.status).toBeGreaterThanOrEqual(400);
    const lines = logged.slice(before);
    expect(lines).not.toMatch(/SECRET-TOKEN/);
    if (res.status === 404 && url.startsWith('/nowhere')) expect(lines).toContain('/nowhere?token=…&watermark=…'); // logged, redacted
  });
});

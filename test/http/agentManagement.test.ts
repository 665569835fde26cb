import type { DirectLine } from 'botframework-directlinejs';
import { BACK_IN_QUEUE } from '../../src/routing/router';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { AGENT, agentToken, callApi, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/*
 * Admins manage agents (design.md, "Agents and routing"): every route against an admin, an agent,
 * nobody and a disabled agent; the fields' rules; the last enabled admin; and what a disable does to
 * the agent's chats, stream, tokens and sign-in. The bootstrap account `ana` is the admin.
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let admin: string;
const customers: DirectLine[] = [];
beforeEach(async () => {
  ctx = await startTestApp();
  admin = await agentToken(ctx.base);
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

const call = (method: string, path: string, token?: string, body?: unknown, contentType?: string) =>
  callApi(ctx.base, method, path, token, body, contentType);
const login = (username: string, password: string) => call('POST', '/api/agent/login', undefined, { username, password });
const tokenOf = async (username: string, password: string) => ((await (await login(username, password)).json()) as { token: string }).token;
const BO = { username: 'bo', password: 'password-bo', role: 'agent', displayName: 'Bo Berg' };
/** Adds Bo (an agent) as the admin, and signs him in. */
async function addBo(extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/agent/agents', admin, { ...BO, ...extra });
  expect(res.status).toBe(201);
  return { agent: (await res.json()) as any, token: await tokenOf(BO.username, BO.password) };
}

/** A Web Chat customer who asks for a person; returns what they see. */
async function customerWantingAPerson() {
  const { until, say } = await webChatCustomer(ctx.base, customers);
  await say('I want to talk to a person');
  const handoff = await until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  return { until, claimId: handoff.value.claimId as string };
}

// every row has its three values: jest takes a missing one for the test's `done` callback
const ROUTES: [string, string, unknown][] = [
  ['GET', '/api/agent/agents', undefined],
  ['POST', '/api/agent/agents', BO],
  ['PATCH', '/api/agent/agents/ana', { displayName: 'X' }],
  ['POST', '/api/agent/agents/ana/disable', undefined],
  ['POST', '/api/agent/agents/ana/enable', undefined],
  ['POST', '/api/agent/agents/ana/password', { password: 'a new password' }],
  ['GET', '/api/agent/agents/ana/audit', undefined],
];

describe('who may manage agents', () => {
  test.each(ROUTES)('%s %s: 401 signed out or with a forged token, 403 for an agent', async (method, path, body) => {
    expect((await call(method, path, undefined, body)).status).toBe(401);
    expect((await call(method, path, `${admin.slice(0, -2)}xx`, body)).status).toBe(401);
    const { token } = await addBo();
    const refused = await call(method, path, token, body);
    expect(refused.status).toBe(403);
    expect((await ctx.app.storage.agents.find('ana'))?.displayName).toBe('ana');
  });

  test("a disabled admin's token is refused at once (401), and a demoted admin's is an agent's (403)", async () => {
    const { token: carl } = await (async () => {
      await call('POST', '/api/agent/agents', admin, { username: 'carl', password: 'password-carl', role: 'admin', displayName: 'Carl' });
      return { token: await tokenOf('carl', 'password-carl') };
    })();
    expect((await call('GET', '/api/agent/agents', carl)).status).toBe(200);
    expect((await call('PATCH', '/api/agent/agents/carl', admin, { role: 'agent' })).status).toBe(200);
    expect((await call('GET', '/api/agent/agents', carl)).status).toBe(403);
    expect((await call('GET', '/api/agent/me', carl)).status).toBe(200);
    expect((await call('POST', '/api/agent/agents/carl/disable', admin)).status).toBe(200);
    for (const [method, path, body] of ROUTES) expect((await call(method, path, carl, body)).status).toBe(401);
    expect((await call('GET', '/api/agent/queue', carl)).status).toBe(401);
  });
});

describe('adding an agent', () => {
  test('201 with the account (never a hash); the colleague signs in; the list shows them; 409 for the same username', async () => {
    const res = await call('POST', '/api/agent/agents', admin, { ...BO, capacity: 4 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body).toEqual({ username: 'bo', displayName: 'Bo Berg', role: 'agent', capacity: 4, disabledAt: null });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|password/i);
    expect((await login('bo', 'password-bo')).status).toBe(200);
    const list = (await (await call('GET', '/api/agent/agents', admin)).json()) as any;
    expect(list.items.map((a: any) => [a.username, a.role, a.capacity])).toEqual([
      ['ana', 'admin', null],
      ['bo', 'agent', 4],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/scrypt/);
    expect((await call('POST', '/api/agent/agents', admin, { ...BO, password: 'another-one' })).status).toBe(409);
    // nor a name that differs only in case: people could not tell the two apart
    expect((await call('POST', '/api/agent/agents', admin, { ...BO, username: 'BO', password: 'another-one' })).status).toBe(409);
    expect((await login('bo', 'password-bo')).status).toBe(200); // the first account is untouched
  });

  test.each([
    ['no username', { ...BO, username: undefined }],
    ['a username with a space', { ...BO, username: 'b o' }],
    ['a one-letter username', { ...BO, username: 'b' }],
    ['a username of 41 characters', { ...BO, username: 'b'.repeat(41) }],
    ['a short password', { ...BO, password: 'seven77' }],
    ['a password of 1025 characters', { ...BO, password: 'p'.repeat(1025) }],
    ['a password that is a number', { ...BO, password: 12345678 }],
    ['an unknown role', { ...BO, role: 'owner' }],
    ['no role', { ...BO, role: undefined }],
    ['no display name', { ...BO, displayName: undefined }],
    ['an empty display name', { ...BO, displayName: '   ' }],
    ['a display name of 81 characters', { ...BO, displayName: 'n'.repeat(81) }],
    ['a display name with a newline', { ...BO, displayName: 'Bo\nAdmin' }],
    ['a display name with an escape character', { ...BO, displayName: 'Bo\u001b[31m' }],
    ['a display name with a line separator', { ...BO, displayName: 'Bo\u2028Admin' }],
    ['capacity 0', { ...BO, capacity: 0 }],
    ['capacity 51', { ...BO, capacity: 51 }],
    ['capacity 2.5', { ...BO, capacity: 2.5 }],
    ['capacity "3"', { ...BO, capacity: '3' }],
  ])('400 for %s, and nothing is made', async (_what, body) => {
    const res = await call('POST', '/api/agent/agents', admin, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe('BAD_REQUEST');
    expect((await ctx.app.storage.agents.list()).map((a) => a.username)).toEqual(['ana']);
  });

  test('bad JSON 400, not JSON 415, a huge body 413, an array 400', async () => {
    expect((await call('POST', '/api/agent/agents', admin, '{"username":')).status).toBe(400);
    const text = await fetch(`${ctx.base}/api/agent/agents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/plain' },
      body: 'username=bo',
    });
    expect(text.status).toBe(415);
    expect((await call('POST', '/api/agent/agents', admin, { ...BO, password: 'p'.repeat(100_000) })).status).toBe(413);
    expect((await call('POST', '/api/agent/agents', admin, [BO])).status).toBe(400);
  });
});

describe('editing, passwords and the last admin', () => {
  test('PATCH changes the fields sent; capacity null resets it; bad fields 400; unknown agent 404', async () => {
    await addBo({ capacity: 2 });
    const res = await call('PATCH', '/api/agent/agents/bo', admin, { displayName: 'Bo B.', capacity: 5 });
    expect(await res.json()).toMatchObject({ displayName: 'Bo B.', role: 'agent', capacity: 5 });
    expect(await (await call('PATCH', '/api/agent/agents/bo', admin, { capacity: null })).json()).toMatchObject({ capacity: null });
    expect((await call('PATCH', '/api/agent/agents/bo', admin, { capacity: 99 })).status).toBe(400);
    expect((await call('PATCH', '/api/agent/agents/bo', admin, { role: 'root' })).status).toBe(400);
    expect((await call('PATCH', '/api/agent/agents/bo', admin, {})).status).toBe(400);
    expect((await call('PATCH', '/api/agent/agents/nobody', admin, { displayName: 'X' })).status).toBe(404);
    expect((await call('POST', '/api/agent/agents/nobody/disable', admin)).status).toBe(404);
    expect((await call('GET', '/api/agent/agents/nobody/audit', admin)).status).toBe(404);
    expect(await ctx.app.storage.agents.find('bo')).toMatchObject({ displayName: 'Bo B.', capacity: null });
  });

  test('a new password: the old one and the old tokens stop working, the new one signs in', async () => {
    const { token } = await addBo();
    expect((await call('POST', '/api/agent/agents/bo/password', admin, { password: 'short' })).status).toBe(400);
    expect((await call('POST', '/api/agent/agents/bo/password', admin, { password: 'brand new pass' })).status).toBe(200);
    expect((await call('GET', '/api/agent/me', token)).status).toBe(401);
    expect((await login('bo', 'password-bo')).status).toBe(401);
    expect((await login('bo', 'brand new pass')).status).toBe(200);
  });

  test('the last enabled admin can neither disable nor demote themself (409); with a second admin, they can', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/agent/agents/ana/disable', undefined],
      ['PATCH', '/api/agent/agents/ana', { role: 'agent' }],
    ] as const) {
      const res = await call(method, path, admin, body);
      expect(res.status).toBe(409);
      expect(((await res.json()) as any).error.code).toBe('LAST_ADMIN');
    }
    expect(await ctx.app.storage.agents.find('ana')).toMatchObject({ role: 'admin', disabledAt: null });
    // a disabled admin does not count
    await call('POST', '/api/agent/agents', admin, { username: 'dee', password: 'password-dee', role: 'admin', displayName: 'Dee' });
    await call('POST', '/api/agent/agents/dee/disable', admin);
    expect((await call('PATCH', '/api/agent/agents/ana', admin, { role: 'agent' })).status).toBe(409);
    await call('POST', '/api/agent/agents/dee/enable', admin);
    expect((await call('PATCH', '/api/agent/agents/ana', admin, { role: 'agent' })).status).toBe(200);
  });

  test('two admins demoting each other at once: one of them stays an admin', async () => {
    await call('POST', '/api/agent/agents', admin, { username: 'dee', password: 'password-dee', role: 'admin', displayName: 'Dee' });
    const dee = await tokenOf('dee', 'password-dee');
    const results = await Promise.all([
      call('PATCH', '/api/agent/agents/dee', admin, { role: 'agent' }),
      call('PATCH', '/api/agent/agents/ana', dee, { role: 'agent' }),
    ]);
    // the second is refused: as the last admin (409), or, once the first committed, as an agent no longer (403)
    const [first, second] = results.map((r) => r.status).sort();
    expect(first).toBe(200);
    expect([403, 409]).toContain(second);
    expect((await ctx.app.storage.agents.list()).filter((a) => a.role === 'admin')).toHaveLength(1);
  });
});

describe('disabling an agent', () => {
  test('their chats go back to the queue with a note and a word to the customer; their stream closes; their token and login are refused; enable lets them in again', async () => {
    const { token } = await addBo();
    const customer = await customerWantingAPerson();
    expect((await call('POST', `/api/agent/claims/${customer.claimId}/accept`, token, {})).status).toBe(200);
    const feed = await openAgentFeed(ctx.base, token);
    const adminFeed = await openAgentFeed(ctx.base, admin);

    expect(ctx.app.presence.isOnline('bo')).toBe(true);
    const res = await call('POST', '/api/agent/agents/bo/disable', admin);
    expect(res.status).toBe(200);
    // closed by the disable itself, before it answered (not by the streams' periodic recheck)
    expect(ctx.app.presence.isOnline('bo')).toBe(false);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ username: 'bo', disabledAt: '2026-03-02T17:30:00.000Z', returnedClaims: [customer.claimId] });

    const claim = (await (await call('GET', `/api/agent/claims/${customer.claimId}`, admin)).json()) as any;
    expect(claim).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
    expect(claim.audit.at(-1)).toMatchObject({ action: 'requeue', actorKind: 'admin', actorId: 'ana' });
    const notes = (await (await call('GET', `/api/agent/claims/${customer.claimId}/notes`, admin)).json()) as any;
    expect(notes.at(-1)).toMatchObject({ author: 'ana', text: expect.stringMatching(/bo was disabled by ana/) });
    await customer.until((a) => a.text === BACK_IN_QUEUE);
    await adminFeed.until((e) => e.type === 'claim.updated' && e.claim?.status === 'pending_agent', 0, 'the requeued claim');
    await feed.closed;

    expect((await call('GET', '/api/agent/me', token)).status).toBe(401);
    const refused = await login('bo', 'password-bo');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('ACCOUNT_DISABLED');
    expect((await login('bo', 'wrong password')).status).toBe(401); // a wrong password says nothing about the account
    adminFeed.close();

    expect((await call('POST', '/api/agent/agents/bo/enable', admin)).status).toBe(200);
    expect((await call('GET', '/api/agent/me', token)).status).toBe(401); // the old token stays dead
    const again = await tokenOf('bo', 'password-bo');
    expect((await call('GET', '/api/agent/me', again)).status).toBe(200);
  });

  test('every change is in the audit trail, newest first, with who, what and when, never a password', async () => {
    await addBo();
    await call('PATCH', '/api/agent/agents/bo', admin, { displayName: 'Bo B.', capacity: 3 });
    await call('PATCH', '/api/agent/agents/bo', admin, { displayName: 'Bo B.' }); // nothing changes: no row
    await call('POST', '/api/agent/agents/bo/password', admin, { password: 'brand new pass' });
    await call('POST', '/api/agent/agents/bo/disable', admin);
    await call('POST', '/api/agent/agents/bo/enable', admin);
    const res = await call('GET', '/api/agent/agents/bo/audit', admin);
    const { items } = (await res.json()) as any;
    expect(items.map((e: any) => [e.action, e.actor])).toEqual([
      ['enable', 'ana'],
      ['disable', 'ana'],
      ['reset_password', 'ana'],
      ['update', 'ana'],
      ['create', 'ana'],
    ]);
    expect(items[3].changes).toEqual({ displayName: { from: 'Bo Berg', to: 'Bo B.' }, capacity: { from: null, to: 3 } });
    expect(items[4].changes).toMatchObject({ role: { from: null, to: 'agent' }, displayName: { from: null, to: 'Bo Berg' } });
    expect(items[0].at).toBe('2026-03-02T17:30:00.000Z');
    expect(JSON.stringify(items)).not.toMatch(/brand new pass|password-bo|scrypt/);
  });
});

test('the bootstrap admin signs in as before', async () => {
  expect((await login(AGENT.username, AGENT.password)).status).toBe(200);
});

import type { DirectLine } from 'botframework-directlinejs';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

const MIN = 60_000;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
const customers: DirectLine[] = [];
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

/** The server with support hours (unless `always`) ending at 18:00 UTC on Monday 2026-03-02, its clock at `now`, and an agent. */
async function start(now: string, always = false) {
  ctx = await startTestApp({
    now,
    env: {
      ...(always ? {} : { SUPPORT_HOURS: 'Mon-Fri 08:00-18:00', SUPPORT_TIMEZONE: 'UTC' }),
      WAIT_TARGET_MINUTES: '10',
      FIRST_RESPONSE_TARGET_MINUTES: '15',
    },
  });
  await new AgentAccounts(ctx.app.storage.agents).create('bo', 'password-bo', { displayName: 'Bo' });
  return signIn();
}
const signIn = () => agentToken(ctx.base, { username: 'bo', password: 'password-bo' });

const call = (path: string, token: string | null, body?: unknown) =>
  fetch(`${ctx.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (path: string, token: string) => (await (await call(path, token)).json()) as any;
const queued = async (id: string, token: string) => (await json('/api/agent/queue', token)).find((c: any) => c.id === id);

/** A Web Chat customer who asks for a person (at once, or after naming the camera); returns the claim's id. */
async function customerWantingAPerson(atOnce = false): Promise<string> {
  const { until, say } = await webChatCustomer(ctx.base, customers);
  if (!atOnce) {
    await say('my QT5682 died, bought it February 20th');
    await until((a) => a.channelData?.prompt === 'proofType');
  }
  await say('I want to talk to a person');
  const handoff = await until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  return handoff.value.claimId as string;
}

test('a waiting claim counts toward its wait target, warns in the last fifth and is missed after it', async () => {
  const bo = await start('2026-03-02T17:30:00Z');
  const id = await customerWantingAPerson();
  expect((await queued(id, bo)).timers).toEqual({
    waitingSeconds: 0,
    firstResponseSeconds: null,
    dueAt: '2026-03-02T17:40:00.000Z',
    state: 'ok',
  });
  ctx.clock.advance(8 * MIN);
  expect((await queued(id, bo)).timers).toMatchObject({ waitingSeconds: 480, state: 'warning' });
  // the claim's own view and the list by status say the same
  expect((await json(`/api/agent/claims/${id}`, bo)).timers).toMatchObject({ waitingSeconds: 480, state: 'warning' });
  expect((await json('/api/agent/claims?status=pending_agent', bo))[0].timers).toMatchObject({ waitingSeconds: 480, state: 'warning' });
  ctx.clock.advance(2 * MIN + 1000);
  expect((await queued(id, bo)).timers).toMatchObject({ waitingSeconds: 601, state: 'missed' });
});

test('time outside support hours does not count, and the target falls due in the next support hours', async () => {
  await start('2026-03-02T17:55:00Z');
  const id = await customerWantingAPerson();
  ctx.clock.set('2026-03-03T07:00:00Z'); // Tuesday, before opening
  const bo = await signIn(); // a token from the day before has expired
  expect((await queued(id, bo)).timers).toEqual({
    waitingSeconds: 300,
    firstResponseSeconds: null,
    dueAt: '2026-03-03T08:05:00.000Z',
    state: 'ok',
  });
});

test('once taken, the first-response target runs on from the hand-off; the greeting is no response', async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  const id = await customerWantingAPerson();
  ctx.clock.advance(3 * MIN);
  expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
  const open = await json(`/api/agent/claims/${id}`, bo);
  // the greeting went out as the agent, at acceptance: it is no response
  expect(open.transcript.some((m: any) => m.from === 'agent')).toBe(true);
  expect(open.handoff.firstResponseAt).toBeNull();
  expect(open.timers).toEqual({ waitingSeconds: 180, firstResponseSeconds: 180, dueAt: '2026-03-02T17:15:00.000Z', state: 'ok' });
  ctx.clock.advance(9 * MIN);
  const mine = (await json('/api/agent/claims?status=with_agent', bo)).find((c: any) => c.id === id);
  expect(mine.timers).toMatchObject({ waitingSeconds: 180, firstResponseSeconds: 720, state: 'warning' });
  ctx.clock.advance(4 * MIN);
  expect((await json(`/api/agent/claims/${id}`, bo)).timers).toMatchObject({ firstResponseSeconds: 960, state: 'missed' });
});

test("the agent's first typed message settles the first-response target, once: later ones leave it", async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  const id = await customerWantingAPerson(true);
  ctx.clock.advance(2 * MIN);
  expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
  ctx.clock.advance(MIN);
  // nobody but Bo answers for Bo: the admin (who does not hold the chat), the signed out, a customer's token
  const admin = await agentToken(ctx.base);
  const session = (await (await fetch(`${ctx.base}/api/directline/token`, { method: 'POST' })).json()) as any;
  expect((await call(`/api/agent/claims/${id}/messages`, admin, { text: 'Hi' })).status).toBe(403);
  expect((await call(`/api/agent/claims/${id}/messages`, null, { text: 'Hi' })).status).toBe(401);
  expect((await call(`/api/agent/claims/${id}/messages`, session.token, { text: 'Hi' })).status).toBe(401);
  expect((await json(`/api/agent/claims/${id}`, bo)).handoff.firstResponseAt).toBeNull();
  ctx.clock.advance(4 * MIN);
  expect((await call(`/api/agent/claims/${id}/messages`, bo, { text: 'Hello, let me look at your camera.' })).status).toBe(200);
  const answered = { waitingSeconds: 120, firstResponseSeconds: 420, dueAt: '2026-03-02T17:15:00.000Z', state: 'ok' };
  const claim = await json(`/api/agent/claims/${id}`, bo);
  expect(claim.handoff.firstResponseAt).toBe('2026-03-02T17:07:00.000Z');
  expect(claim.timers).toEqual(answered);
  ctx.clock.advance(30 * MIN); // past the target (and past 18:00): it stays met
  expect((await call(`/api/agent/claims/${id}/messages`, bo, { text: 'Still there?' })).status).toBe(200);
  expect((await json(`/api/agent/claims/${id}`, bo)).handoff.firstResponseAt).toBe('2026-03-02T17:07:00.000Z');
  // the open chats in the console's list say the same
  const mine = (await json('/api/agent/claims?status=with_agent', bo)).find((c: any) => c.id === id);
  expect(mine.timers).toEqual(answered);
});

test("after a transfer the new agent's automatic line is no response and the waiting time stays; their first typed message is", async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  await new AgentAccounts(ctx.app.storage.agents).create('cy', 'password-cy', { displayName: 'Cy' });
  const cy = await agentToken(ctx.base, { username: 'cy', password: 'password-cy' });
  const cyConsole = await openAgentFeed(ctx.base, cy);
  const id = await customerWantingAPerson(true);
  ctx.clock.advance(2 * MIN);
  expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
  ctx.clock.advance(1 * MIN);
  expect((await call(`/api/agent/claims/${id}/transfer`, bo, { to: 'cy' })).status).toBe(200);
  ctx.clock.advance(1 * MIN);
  const moved = await json(`/api/agent/claims/${id}`, cy);
  expect(moved.transcript.some((m: any) => /taking over your chat/.test(m.text ?? ''))).toBe(true);
  expect(moved.handoff).toMatchObject({ agent: 'cy', acceptedAt: '2026-03-02T17:02:00.000Z', firstResponseAt: null });
  expect(moved.timers).toEqual({ waitingSeconds: 120, firstResponseSeconds: 240, dueAt: '2026-03-02T17:15:00.000Z', state: 'ok' });
  expect((await call(`/api/agent/claims/${id}/messages`, cy, { text: 'Cy here, I have your notes.' })).status).toBe(200);
  ctx.clock.advance(20 * MIN); // the target is met: the time stops at Cy's message
  const answered = await json(`/api/agent/claims/${id}`, cy);
  expect(answered.handoff.firstResponseAt).toBe('2026-03-02T17:04:00.000Z');
  expect(answered.timers).toEqual({
    waitingSeconds: 120,
    firstResponseSeconds: 240,
    dueAt: '2026-03-02T17:15:00.000Z',
    state: 'ok',
  });
  cyConsole.close();
});

test('a chat given back to the queue keeps its hand-off time and its first response: the wait runs on from the hand-off', async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  const admin = await agentToken(ctx.base);
  const id = await customerWantingAPerson(true);
  ctx.clock.advance(2 * MIN);
  expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
  ctx.clock.advance(1 * MIN);
  expect((await call(`/api/agent/claims/${id}/messages`, bo, { text: 'Hello!' })).status).toBe(200);
  ctx.clock.advance(4 * MIN);
  // disabling Bo gives his chats back to the queue, in their place
  expect((await call('/api/agent/agents/bo/disable', admin, {})).status).toBe(200);
  const back = await queued(id, admin);
  expect(back.handoff).toMatchObject({ requestedAt: '2026-03-02T17:00:00.000Z', firstResponseAt: '2026-03-02T17:03:00.000Z', agent: null });
  expect(back.timers).toEqual({ waitingSeconds: 420, firstResponseSeconds: 180, dueAt: '2026-03-02T17:10:00.000Z', state: 'ok' });
  ctx.clock.advance(4 * MIN);
  expect((await queued(id, admin)).timers).toMatchObject({ waitingSeconds: 660, firstResponseSeconds: 180, state: 'missed' });
  // taken again: the earlier answer still stands, the wait ends now
  expect((await call(`/api/agent/claims/${id}/accept`, admin, {})).status).toBe(200);
  expect((await json(`/api/agent/claims/${id}`, admin)).timers).toEqual({
    waitingSeconds: 660,
    firstResponseSeconds: 180,
    dueAt: '2026-03-02T17:15:00.000Z',
    state: 'ok',
  });
});

test("the agents' lists compute timers without reading any transcript", async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  const waiting = await customerWantingAPerson(true);
  const taken = await customerWantingAPerson(true);
  expect((await call(`/api/agent/claims/${taken}/accept`, bo, {})).status).toBe(200);
  expect((await call(`/api/agent/claims/${taken}/messages`, bo, { text: 'Hello!' })).status).toBe(200);
  const transcript = ctx.app.storage.transcript;
  const read = jest.spyOn(transcript, 'forConversation');
  const lists = [
    await json('/api/agent/claims', bo),
    await json('/api/agent/claims?status=with_agent', bo),
    await json('/api/agent/queue', bo),
  ];
  expect(read).not.toHaveBeenCalled();
  read.mockRestore();
  expect(lists[0].find((c: any) => c.id === taken).timers).toMatchObject({ firstResponseSeconds: 0, state: 'ok' });
  expect(lists[2].find((c: any) => c.id === waiting).timers).toMatchObject({ waitingSeconds: 0, state: 'ok' });
});

test('claims that never asked for a person carry no timers; nobody signed out sees any', async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  const id = await customerWantingAPerson();
  const all = await json('/api/agent/claims', bo);
  expect(all.find((c: any) => c.id === id).timers).not.toBeNull();
  expect(all.filter((c: any) => c.status !== 'pending_agent' && c.status !== 'with_agent').every((c: any) => c.timers === null)).toBe(true);
  for (const path of ['/api/agent/queue', '/api/agent/claims', `/api/agent/claims/${id}`]) {
    expect((await call(path, null)).status).toBe(401);
    expect((await call(path, 'forged.token')).status).toBe(401);
  }
  expect((await call('/api/agent/logout', bo, {})).status).toBe(200);
  expect((await call('/api/agent/queue', bo)).status).toBe(401);
});

import type { DirectLine } from 'botframework-directlinejs';
import { AgentAccounts } from '../../src/agents/agentAccounts';
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
      FIRST_RESPONSE_TARGET_MINUTES: '5',
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

test('once taken, the first-response target runs from taking the chat; the greeting is no response', async () => {
  const bo = await start('2026-03-02T17:00:00Z');
  const id = await customerWantingAPerson();
  ctx.clock.advance(3 * MIN);
  expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
  const open = await json(`/api/agent/claims/${id}`, bo);
  // the greeting went out as the agent, at acceptance: it is no response
  expect(open.transcript.some((m: any) => m.from === 'agent')).toBe(true);
  expect(open.timers).toEqual({ waitingSeconds: 180, firstResponseSeconds: 0, dueAt: '2026-03-02T17:08:00.000Z', state: 'ok' });
  ctx.clock.advance(4 * MIN);
  const mine = (await json('/api/agent/claims?status=with_agent', bo)).find((c: any) => c.id === id);
  expect(mine.timers).toMatchObject({ waitingSeconds: 180, firstResponseSeconds: 240, state: 'warning' });
  ctx.clock.advance(2 * MIN);
  expect((await json(`/api/agent/claims/${id}`, bo)).timers).toMatchObject({ firstResponseSeconds: 360, state: 'missed' });
});

test("the agent's first typed message settles the first-response target", async () => {
  // Direct Line stamps its messages with the injected clock: the agent's message lands when the test says
  const bo = await start('2026-03-02T17:00:00Z', true);
  const id = await customerWantingAPerson(true);
  expect((await call(`/api/agent/claims/${id}/accept`, bo, {})).status).toBe(200);
  ctx.clock.advance(30 * MIN);
  // only the greeting so far: the target is missed
  expect((await json(`/api/agent/claims/${id}`, bo)).timers).toMatchObject({ firstResponseSeconds: 1800, state: 'missed' });
  // back to a minute after taking it, to type the first message then; and the half hour again
  ctx.clock.advance(-29 * MIN);
  expect((await call(`/api/agent/claims/${id}/messages`, bo, { text: 'Hello, let me look at your camera.' })).status).toBe(200);
  ctx.clock.advance(29 * MIN);
  const timers = (await json(`/api/agent/claims/${id}`, bo)).timers;
  expect(timers).toMatchObject({ firstResponseSeconds: 60, state: 'ok' });
  // the open chats in the console's list say the same
  const mine = (await json('/api/agent/claims?status=with_agent', bo)).find((c: any) => c.id === id);
  expect(mine.timers).toEqual(timers);
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

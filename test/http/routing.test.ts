import type { DirectLine } from 'botframework-directlinejs';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { BACK_IN_QUEUE } from '../../src/routing/router';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

const GRACE_S = 120;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
const customers: DirectLine[] = [];
const feeds: { close(): void }[] = [];
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  for (const feed of feeds.splice(0)) feed.close();
  await ctx.app.close();
});

async function start(autoAssign: string, routingEveryMs?: number) {
  ctx = await startTestApp({
    env: { AUTO_ASSIGN: autoAssign, AGENT_CAPACITY: '1', AGENT_OFFLINE_GRACE_SECONDS: String(GRACE_S) },
    routingEveryMs,
  });
  const accounts = new AgentAccounts(ctx.app.storage.agents);
  await accounts.create('bo', 'password-bo', { displayName: 'Bo' });
  await accounts.create('cy', 'password-cy', { displayName: 'Cy' });
  const bo = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
  const cy = await agentToken(ctx.base, { username: 'cy', password: 'password-cy' });
  return { bo, cy };
}

/** The agent's stream, Bearer on the upgrade; connected once the router has seen it (a pass ran). */
async function streamOf(token: string) {
  const feed = await openAgentFeed(ctx.base, token);
  feeds.push(feed);
  await ctx.app.router.tick();
  return feed;
}

const call = (path: string, token: string, body?: unknown) =>
  fetch(`${ctx.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const claimOf = async (id: string, token: string) => (await (await call(`/api/agent/claims/${id}`, token)).json()) as any;

/** A Web Chat customer who asks for a person; returns their view of the chat (after a routing pass unless `tick` is false). */
async function customerWantingAPerson(tick = true) {
  const { seen, until, say } = await webChatCustomer(ctx.base, customers);
  await say('my QT5682 died, bought it February 20th');
  await until((a) => a.channelData?.prompt === 'proofType');
  await say('I want to talk to a person');
  const handoff = await until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  // the hand-off is committed and its pass has run
  if (tick) await ctx.app.router.tick();
  return { seen, until, claimId: handoff.value.claimId as string };
}
const greetedBy = (name: string) => (a: any) => a.type === 'message' && a.text?.startsWith(`Hi, I'm ${name} from`);
const resolve = (id: string, token: string) => call(`/api/agent/claims/${id}/resolve`, token, { outcome: 'covered' });

describe('routing hand-offs (AUTO_ASSIGN)', () => {
  test('passes run on their own events, not only on the timer: a stream opening, a hand-off, a seat freed', async () => {
    // the timer far off: only the events can route here
    const { bo } = await start('on', 60 * 60 * 1000);
    feeds.push(await openAgentFeed(ctx.base, bo));
    const first = await customerWantingAPerson(false);
    await first.until(greetedBy('Bo'));
    const second = await customerWantingAPerson(false);
    expect((await claimOf(second.claimId, bo)).status).toBe('pending_agent'); // Bo's one seat is taken
    expect((await resolve(first.claimId, bo)).status).toBe(200);
    await second.until(greetedBy('Bo'));
    expect((await claimOf(second.claimId, bo)).handoff.agent).toBe('bo');
  });

  test('two agents of capacity 1, three hand-offs, a seat freed, an agent gone past the grace', async () => {
    const { bo, cy } = await start('on');
    const boFeed = await streamOf(bo);
    await streamOf(cy);

    // three hand-offs: the first two go one each (fewest open chats, then by name), the third waits
    const first = await customerWantingAPerson();
    const second = await customerWantingAPerson();
    const third = await customerWantingAPerson();
    const one = await claimOf(first.claimId, bo);
    const two = await claimOf(second.claimId, bo);
    expect([one.status, one.handoff.agent]).toEqual(['with_agent', 'bo']);
    expect([two.status, two.handoff.agent]).toEqual(['with_agent', 'cy']);
    expect(await claimOf(third.claimId, bo)).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
    // greeted exactly as after an accept, in the agent's name
    await first.until(greetedBy('Bo'));
    await second.until(greetedBy('Cy'));
    expect(third.seen.some(greetedBy('Bo')) || third.seen.some(greetedBy('Cy'))).toBe(false);
    // the agent's feed is told, as for any change
    await boFeed.until((e) => e.type === 'claim.updated' && e.claim?.id === first.claimId && e.claim?.status === 'with_agent');
    // the system's routing timer did it, on the record
    const audit = await ctx.app.claims.auditTrail(first.claimId);
    expect(audit.at(-1)).toMatchObject({ action: 'assign', actorKind: 'system', actorId: 'routing', to: 'with_agent' });

    // a resolution frees Bo's seat: the third goes to Bo
    expect((await resolve(first.claimId, bo)).status).toBe(200);
    await ctx.app.router.tick();
    expect(await claimOf(third.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo' } });
    await third.until(greetedBy('Bo'));

    // Cy's stream closes; within the grace nothing happens, past it the chat goes back to the queue
    feeds[1].close();
    await waitUntil(() => !ctx.app.presence.isOnline('cy'));
    await ctx.app.router.tick();
    ctx.clock.advance((GRACE_S - 1) * 1000);
    await ctx.app.router.tick();
    expect((await claimOf(second.claimId, bo)).status).toBe('with_agent');
    ctx.clock.advance(1000);
    await ctx.app.router.tick();
    const back = await claimOf(second.claimId, bo);
    expect(back).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
    await second.until((a) => a.type === 'message' && a.text === BACK_IN_QUEUE);
    const notes = (await (await call(`/api/agent/claims/${second.claimId}/notes`, bo)).json()) as any;
    expect(JSON.stringify(notes)).toContain("cy's console was disconnected");
    expect((await ctx.app.claims.auditTrail(second.claimId)).at(-1)).toMatchObject({ action: 'requeue', actorKind: 'system' });

    // Bo is full (capacity 1): it waits; once Bo resolves, it is Bo's
    expect((await claimOf(second.claimId, bo)).status).toBe('pending_agent');
    expect((await resolve(third.claimId, bo)).status).toBe(200);
    await ctx.app.router.tick();
    expect(await claimOf(second.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo' } });
    await second.until(greetedBy('Bo'));
  }, 60_000);

  test('a reconnect within the grace keeps the chats', async () => {
    const { bo } = await start('on');
    const first = await streamOf(bo);
    feeds.splice(0);
    const c = await customerWantingAPerson();
    expect((await claimOf(c.claimId, bo)).handoff.agent).toBe('bo');
    first.close();
    await waitUntil(() => !ctx.app.presence.isOnline('bo'));
    ctx.clock.advance(60_000);
    await ctx.app.router.tick();
    const again = await streamOf(bo);
    ctx.clock.advance(GRACE_S * 1000);
    await ctx.app.router.tick();
    expect(await claimOf(c.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo' } });
    // gone again: the grace counts from this second drop, not the first
    again.close();
    await waitUntil(() => !ctx.app.presence.isOnline('bo'));
    ctx.clock.advance((GRACE_S - 10) * 1000);
    await ctx.app.router.tick();
    expect(await claimOf(c.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo' } });
    ctx.clock.advance(10_000);
    await ctx.app.router.tick();
    expect(await claimOf(c.claimId, bo)).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
  }, 30_000);

  test("an agent's own capacity, set by an admin, wins over AGENT_CAPACITY", async () => {
    ctx = await startTestApp({ env: { AUTO_ASSIGN: 'on', AGENT_CAPACITY: '3', AGENT_OFFLINE_GRACE_SECONDS: String(GRACE_S) } });
    const admin = await agentToken(ctx.base);
    const created = await call('/api/agent/agents', admin, {
      username: 'di',
      password: 'password-di',
      role: 'agent',
      displayName: 'Di',
      capacity: 1,
    });
    expect(created.status).toBe(201);
    const di = await agentToken(ctx.base, { username: 'di', password: 'password-di' });
    await streamOf(di);
    const [first, second] = [await customerWantingAPerson(), await customerWantingAPerson()];
    await ctx.app.router.tick();
    expect((await claimOf(first.claimId, di)).handoff.agent).toBe('di');
    expect(await claimOf(second.claimId, di)).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
  }, 30_000);

  test('AUTO_ASSIGN off: nothing is assigned, agents pick from the queue', async () => {
    const { bo } = await start('off');
    await streamOf(bo);
    const c = await customerWantingAPerson();
    await ctx.app.router.tick();
    expect(await claimOf(c.claimId, bo)).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
    expect((await call(`/api/agent/claims/${c.claimId}/accept`, bo, {})).status).toBe(200);
  }, 30_000);
});

/** Waits (bounded) for something another socket event makes true, e.g. a closed stream seen by the server. */
async function waitUntil(test: () => boolean, boundMs = 5000) {
  const deadline = Date.now() + boundMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

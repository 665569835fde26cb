import type { DirectLine } from 'botframework-directlinejs';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/*
 * A claim not taken within QUEUE_REOFFER_MINUTES is flagged and offered again (issue 20, item 2): the
 * agents' queue, claim list and claim say `waitingTooLong`, by the injected clock, and every console is
 * told once (`claim.reoffered`); taken, it is no longer flagged.
 */
let ctx: Awaited<ReturnType<typeof startTestApp>>;
let ana: string;
const customers: DirectLine[] = [];
beforeEach(async () => {
  ctx = await startTestApp({ env: { QUEUE_REOFFER_MINUTES: '7', AUTO_ASSIGN: 'off' } });
  ana = await agentToken(ctx.base);
});
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  await ctx.app.close();
});

const get = async (path: string) =>
  (await (await fetch(`${ctx.base}${path}`, { headers: { Authorization: `Bearer ${ana}` } })).json()) as any;

/** A Web Chat customer who asks for a person; returns the claim's id (and how they speak on). */
async function customerWantingAPerson() {
  const { until, say } = await webChatCustomer(ctx.base, customers);
  await say('I want to talk to a person');
  const id: string = (await until((a) => a.type === 'event' && a.name === 'handoff.initiate')).value.claimId;
  return { id, say };
}

/** Whether the claim is flagged in each place agents read it: the queue, the list of waiting claims, the claim. */
async function flags(id: string) {
  const queue = await get('/api/agent/queue');
  const waiting = await get('/api/agent/claims?status=pending_agent');
  const claim = await get(`/api/agent/claims/${id}`);
  return [queue.find((c: any) => c.id === id)?.waitingTooLong, waiting.find((c: any) => c.id === id)?.waitingTooLong, claim.waitingTooLong];
}

test('flagged once it has waited QUEUE_REOFFER_MINUTES, not a second before; no longer once an agent takes it', async () => {
  const { id } = await customerWantingAPerson();
  expect(await flags(id)).toEqual([false, false, false]);
  ctx.clock.advance(7 * 60_000 - 1000);
  expect(await flags(id)).toEqual([false, false, false]);
  ctx.clock.advance(1000);
  expect(await flags(id)).toEqual([true, true, true]);

  const accepted = await fetch(`${ctx.base}/api/agent/claims/${id}/accept`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ana}` },
  });
  expect(accepted.status).toBe(200);
  expect((await get(`/api/agent/claims/${id}`)).waitingTooLong).toBe(false);
  expect((await get('/api/agent/claims?status=with_agent')).find((c: any) => c.id === id).waitingTooLong).toBe(false);
});

test('offered again to every agent once, by the routing pass, when it crosses the time; never before, never twice', async () => {
  const feed = await openAgentFeed(ctx.base, ana);
  try {
    const waiting = await customerWantingAPerson();
    const { id } = waiting;
    ctx.clock.advance(7 * 60_000 - 1000);
    await ctx.app.router.tick();
    // what the pass published has arrived once the customer's next message has
    await waiting.say('hello?');
    await feed.until((e) => e.type === 'customer.message' && e.text === 'hello?');
    expect(feed.events.some((e) => e.type === 'claim.reoffered')).toBe(false);
    ctx.clock.advance(1000);
    const before = feed.events.length;
    await ctx.app.router.tick();
    const offered = await feed.until((e) => e.type === 'claim.reoffered', before, 'the offer again');
    expect(offered.claim?.id).toBe(id);
    await ctx.app.router.tick();
    await ctx.app.router.tick();
    // a last event through the same stream: anything published before it has arrived
    await ctx.app.router.tick();
    const marker = feed.events.length;
    await fetch(`${ctx.base}/api/agent/claims/${id}/accept`, { method: 'POST', headers: { Authorization: `Bearer ${ana}` } });
    await feed.until((e) => e.type === 'claim.updated' && e.claim?.id === id && e.claim?.status === 'with_agent', marker);
    expect(feed.events.filter((e) => e.type === 'claim.reoffered')).toHaveLength(1);
  } finally {
    feed.close();
  }
});

test('the flag is for agents only: the queue is 401 signed out', async () => {
  expect((await fetch(`${ctx.base}/api/agent/queue`)).status).toBe(401);
});

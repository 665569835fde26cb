import type { DirectLine } from 'botframework-directlinejs';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import { type FeedEvent, openAgentFeed } from '../helpers/agentFeedClient';
import { postgresOnly } from '../helpers/store';
import { agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/*
 * Silence in agents' chats (issue 20, timers): a customer silent CUSTOMER_SILENT_REMIND_MINUTES is
 * reminded once; CUSTOMER_SILENT_END_MINUTES later the chat is ended (the claim keeps its status and
 * agent, but frees the seat); the customer writing again makes it the agent's chat again. An agent
 * silent AGENT_SILENT_REMIND_MINUTES after a customer's message is reminded, once per message. Time
 * moves by the injected clock; the watch runs by `tick()`.
 */
const MIN = 60_000;
let ctx: Awaited<ReturnType<typeof startTestApp>>;
const customers: DirectLine[] = [];
let boToken = '';
const feeds: { close(): void }[] = [];
afterEach(async () => {
  for (const dl of customers.splice(0)) dl.end();
  for (const feed of feeds.splice(0)) feed.close();
  await ctx.app.close();
});

/** Bo, an agent of capacity 1 with auto-assignment on, connected; the settings under test on top. */
async function start(env: Record<string, string> = {}) {
  ctx = await startTestApp({ env: { AUTO_ASSIGN: 'on', AGENT_CAPACITY: '1', ...env } });
  await new AgentAccounts(ctx.app.storage.agents).create('bo', 'password-bo', { displayName: 'Bo Berg' });
  const bo = await agentToken(ctx.base, { username: 'bo', password: 'password-bo' });
  boToken = bo;
  const feed = await openAgentFeed(ctx.base, bo);
  feeds.push(feed);
  await ctx.app.router.tick();
  return { bo, feed };
}

const call = (path: string, token: string | undefined, body?: unknown) =>
  fetch(`${ctx.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const claimOf = async (id: string, token: string) => (await (await call(`/api/agent/claims/${id}`, token)).json()) as any;
const notesOf = async (id: string, token: string) => (await (await call(`/api/agent/claims/${id}/notes`, token)).json()) as any[];
const seatsOf = async (token: string) => ((await (await call('/api/agent/me', token)).json()) as any).openChats as number;
/** Moves the clock and runs the watch (and the router, which an ended chat nudges). */
async function later(ms: number) {
  ctx.clock.advance(ms);
  await ctx.app.silenceWatch.tick();
  await ctx.app.router.tick();
}

/**
 * A Web Chat customer who asks for a person; the router gives them to Bo, who is greeted for and then
 * (unless `boSpeaks` is false) types a first question: the turn is the customer's.
 */
async function customerWantingAPerson(boSpeaks = true) {
  const customer = await webChatCustomer(ctx.base, customers);
  await customer.say('I want to talk to a person');
  const handoff = await customer.until((a) => a.type === 'event' && a.name === 'handoff.initiate');
  const claimId = handoff.value.claimId as string;
  await ctx.app.router.tick();
  if (boSpeaks && (await claimOf(claimId, boToken)).handoff.agent === 'bo') {
    expect((await call(`/api/agent/claims/${claimId}/messages`, boToken, { text: 'Hello! Which camera is it?' })).status).toBe(200);
    await customer.until((a) => a.text === 'Hello! Which camera is it?');
  }
  return { ...customer, claimId };
}
const REMINDER = /^Are you still there\? Bo Berg is waiting for your answer\. If we don't hear from you in 10 minutes/;
const ENDED = /^We've ended this chat because we haven't heard from you\. Your claim is saved/;
const lines = (seen: any[], pattern: RegExp) => seen.filter((a) => a.type === 'message' && pattern.test(a.text ?? ''));
const transcriptLines = (claim: any, pattern: RegExp) => claim.transcript.filter((m: any) => pattern.test(m.text ?? ''));
const reminders = (events: FeedEvent[], claimId: string) =>
  events.filter((e) => e.type === 'agent.reminder' && e.claimId === claimId && (e as any).agent === 'bo');

describe('a silent customer', () => {
  test('is reminded once, then the chat ends: the claim stays with the agent, the seat is freed; back, it is the agent chat again', async () => {
    const { bo, feed } = await start();
    const first = await customerWantingAPerson();
    expect(await claimOf(first.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo', chatEndedAt: null } });
    await first.until((a) => a.text?.startsWith("Hi, I'm Bo Berg"));

    await later(5 * MIN - 1000);
    expect(lines(first.seen, REMINDER)).toHaveLength(0);
    await later(1000);
    await first.until((a) => REMINDER.test(a.text ?? ''));
    // from the service, not in the agent's name
    expect(lines(first.seen, REMINDER)[0].from.id).not.toMatch(/^agent:/);
    // a second tick, and a second watch asking again: still one reminder
    await later(MIN);
    await ctx.app.silenceWatch.tick();
    let claim = await claimOf(first.claimId, bo);
    expect(transcriptLines(claim, REMINDER)).toHaveLength(1);
    expect(claim.handoff.customerRemindedAt).toBe(new Date(ctx.clock.now().getTime() - MIN).toISOString());
    expect(claim.handoff.chatEndedAt).toBeNull();
    expect(await seatsOf(bo)).toBe(1);

    // 10 minutes after the reminder (9 already passed: one more) the chat ends
    await later(8 * MIN);
    expect((await claimOf(first.claimId, bo)).handoff.chatEndedAt).toBeNull();
    await later(MIN);
    await first.until((a) => ENDED.test(a.text ?? ''));
    claim = await claimOf(first.claimId, bo);
    expect(claim).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo', chatEndedAt: ctx.clock.now().toISOString() } });
    expect(claim.silentSince).toBe('2026-03-02T17:30:00.000Z');
    expect(transcriptLines(claim, ENDED)).toHaveLength(1);
    expect((await notesOf(first.claimId, bo)).at(-1)).toMatchObject({ author: 'system', text: expect.stringMatching(/^Chat ended/) });
    // no lifecycle step: the status never changed
    expect((await ctx.app.claims.auditTrail(first.claimId)).map((e) => e.action)).toEqual(['hand_off', 'assign']);
    await later(5 * MIN);
    expect(transcriptLines(await claimOf(first.claimId, bo), ENDED)).toHaveLength(1);

    // the seat is free: the next hand-off goes to Bo (capacity 1) by itself
    expect(await seatsOf(bo)).toBe(0);
    const second = await customerWantingAPerson();
    expect(await claimOf(second.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo' } });
    expect(await seatsOf(bo)).toBe(1);
    // the agent may still act on the ended chat: a note, a resolution
    expect((await call(`/api/agent/claims/${first.claimId}/notes`, bo, { text: 'will call them' })).status).toBe(200);

    // the first customer comes back: their chat is Bo's again (over capacity, as a manual accept), Bo is told
    const seenBefore = feed.events.length;
    await first.say('Sorry, I was away. Still there?');
    await feed.until((e) => e.type === 'customer.message' && e.claimId === first.claimId, seenBefore);
    expect((await claimOf(first.claimId, bo)).handoff.chatEndedAt).toBeNull();
    expect(await seatsOf(bo)).toBe(2);
    expect((await call(`/api/agent/claims/${first.claimId}/resolve`, bo, { outcome: 'covered' })).status).toBe(200);
    expect(await seatsOf(bo)).toBe(1);
  });

  test('an agent word after the reminder starts a new silence: reminded again, not ended', async () => {
    const { bo } = await start();
    const customer = await customerWantingAPerson();
    await later(5 * MIN);
    await customer.until((a) => REMINDER.test(a.text ?? ''));
    await customer.say('yes, here');
    expect((await call(`/api/agent/claims/${customer.claimId}/messages`, bo, { text: 'Great, which model is it?' })).status).toBe(200);
    await later(9 * MIN);
    expect((await claimOf(customer.claimId, bo)).handoff.chatEndedAt).toBeNull();
    await customer.until(() => lines(customer.seen, REMINDER).length === 2);
  });
});

describe('an ended chat and an agent who went away', () => {
  test('stays theirs while ended; once the customer is back, the offline grace gives it back to the queue', async () => {
    const { bo, feed } = await start();
    const customer = await customerWantingAPerson();
    await later(5 * MIN);
    await later(10 * MIN);
    await customer.until((a) => ENDED.test(a.text ?? ''));
    feed.close();
    await feed.closed;
    await later(5 * MIN); // past AGENT_OFFLINE_GRACE_SECONDS (120): an ended chat is no seat to give back
    expect(await claimOf(customer.claimId, bo)).toMatchObject({ status: 'with_agent', handoff: { agent: 'bo' } });

    await customer.say('I am back');
    await ctx.app.router.tick();
    expect((await claimOf(customer.claimId, bo)).handoff.chatEndedAt).toBeNull();
    await later(3 * MIN);
    expect(await claimOf(customer.claimId, bo)).toMatchObject({ status: 'pending_agent', handoff: { agent: null, chatEndedAt: null } });
    await customer.until((a) => /back in the queue/.test(a.text ?? ''));
  });
});

describe('a silent agent', () => {
  test('the automatic greeting is no answer: an agent who only greeted is reminded, the customer is not', async () => {
    const { feed } = await start();
    const customer = await customerWantingAPerson(false);
    await customer.until((a) => a.text?.startsWith("Hi, I'm Bo Berg"));
    await later(3 * MIN);
    const reminder = await feed.until((e) => e.type === 'agent.reminder' && e.claimId === customer.claimId);
    expect(reminder).toMatchObject({ agent: 'bo', waitingSince: '2026-03-02T17:30:00.000Z' });
    await later(30 * MIN - 3 * MIN - 1000); // within the customer's token
    expect(customer.seen.some((a) => /still there|ended this chat/i.test(a.text ?? ''))).toBe(false);
    expect(reminders(feed.events, customer.claimId)).toHaveLength(1);
  });

  test('is reminded once per unanswered customer message: a feed event for the chat holder and a note; nothing to the customer', async () => {
    const { bo, feed } = await start({ CUSTOMER_SILENT_REMIND_MINUTES: '0', CUSTOMER_SILENT_END_MINUTES: '0' });
    const customer = await customerWantingAPerson();
    await customer.say('Hello? My camera is broken.');
    await feed.until((e) => e.type === 'customer.message' && e.claimId === customer.claimId);

    await later(3 * MIN - 1000);
    expect(reminders(feed.events, customer.claimId)).toHaveLength(0);
    await later(1000);
    const reminder = await feed.until((e) => e.type === 'agent.reminder' && e.claimId === customer.claimId);
    expect(reminder).toMatchObject({ agent: 'bo', waitingSince: '2026-03-02T17:30:00.000Z' });
    expect((await notesOf(customer.claimId, bo)).at(-1)).toMatchObject({ author: 'system', text: expect.stringMatching(/^Reminder/) });
    await later(10 * MIN);
    await ctx.app.silenceWatch.tick();
    expect(reminders(feed.events, customer.claimId)).toHaveLength(1);
    expect((await notesOf(customer.claimId, bo)).filter((n) => n.author === 'system')).toHaveLength(1);

    // a new message: a new reminder
    const before = feed.events.length;
    await customer.say('Anyone?');
    await feed.until((e) => e.type === 'customer.message' && e.claimId === customer.claimId, before);
    await later(3 * MIN);
    await feed.until((e) => e.type === 'agent.reminder' && e.claimId === customer.claimId, before);
    expect(reminders(feed.events, customer.claimId)).toHaveLength(2);

    // the agent answers: the customer's turn, and with its timers off nothing more
    expect((await call(`/api/agent/claims/${customer.claimId}/messages`, bo, { text: 'Here, sorry!' })).status).toBe(200);
    await later(60 * MIN);
    expect(reminders(feed.events, customer.claimId)).toHaveLength(2);
    expect(customer.seen.some((a) => /still there|ended this chat|waiting/i.test(a.text ?? ''))).toBe(false);
  });
});

describe('timers off (0)', () => {
  test('nothing happens, however long the silence', async () => {
    const { bo, feed } = await start({
      CUSTOMER_SILENT_REMIND_MINUTES: '0',
      CUSTOMER_SILENT_END_MINUTES: '0',
      AGENT_SILENT_REMIND_MINUTES: '0',
    });
    const quiet = await customerWantingAPerson();
    // within the customer's token (30 min): their Web Chat would have refreshed it meanwhile
    await later(25 * MIN);
    // a second chat over Bo's one seat: the first still takes it
    const waiting = await customerWantingAPerson();
    await quiet.say('hello?');
    await later(4 * 60 * MIN);
    const claim = await claimOf(quiet.claimId, bo);
    expect(claim.handoff).toMatchObject({ customerRemindedAt: null, chatEndedAt: null, agentRemindedAt: null });
    expect(feed.events.some((e) => e.type === 'agent.reminder')).toBe(false);
    expect(await seatsOf(bo)).toBe(1);
    expect((await claimOf(waiting.claimId, bo)).status).toBe('pending_agent');
  });
});

postgresOnly('two instances on one database', () => {
  test('both watching at once (no lease between them): one reminder, one end', async () => {
    const { bo } = await start();
    const second = await startTestApp({ dataDir: ctx.dataDir, clock: ctx.clock, env: { AUTO_ASSIGN: 'on', AGENT_CAPACITY: '1' } });
    try {
      const customer = await customerWantingAPerson();
      ctx.clock.advance(5 * MIN);
      await Promise.all([ctx.app.silenceWatch.tick(), second.app.silenceWatch.tick()]);
      ctx.clock.advance(10 * MIN);
      await Promise.all([ctx.app.silenceWatch.tick(), second.app.silenceWatch.tick()]);
      const claim = await claimOf(customer.claimId, bo);
      expect(transcriptLines(claim, REMINDER)).toHaveLength(1);
      expect(transcriptLines(claim, ENDED)).toHaveLength(1);
      expect((await notesOf(customer.claimId, bo)).filter((n) => n.author === 'system')).toHaveLength(1);
    } finally {
      await second.app.close();
    }
  });
});

describe('hostile callers', () => {
  test("another customer neither sees nor changes a chat's silence; anonymous and customers' tokens cannot read it", async () => {
    const { bo } = await start({ AGENT_CAPACITY: '2' });
    const first = await customerWantingAPerson();
    const other = await customerWantingAPerson();
    await later(5 * MIN);
    await first.until((a) => REMINDER.test(a.text ?? ''));
    await other.until((a) => REMINDER.test(a.text ?? ''));
    await later(10 * MIN);
    await first.until((a) => ENDED.test(a.text ?? ''));
    await other.until((a) => ENDED.test(a.text ?? ''));
    // each saw their own lines only: one reminder, one end
    expect(lines(other.seen, REMINDER)).toHaveLength(1);
    expect(lines(other.seen, ENDED)).toHaveLength(1);

    // the other customer writing brings back their own chat, not the first one
    await other.say('back!');
    await ctx.app.silenceWatch.tick();
    expect((await claimOf(other.claimId, bo)).handoff.chatEndedAt).toBeNull();
    expect((await claimOf(first.claimId, bo)).handoff.chatEndedAt).not.toBeNull();

    // the claim (its stamps, silentSince) is for agents only
    expect((await call(`/api/agent/claims/${first.claimId}`, undefined)).status).toBe(401);
    expect((await call(`/api/agent/claims/${first.claimId}`, first.session.token)).status).toBe(401);
    expect((await call('/api/agent/claims?status=with_agent', other.session.token)).status).toBe(401);
    // a signed-out agent neither reads it nor gets the feed's reminders
    expect((await call('/api/agent/logout', bo, {})).status).toBe(200);
    expect((await call(`/api/agent/claims/${first.claimId}`, bo)).status).toBe(401);
    await expect(openAgentFeed(ctx.base, bo)).rejects.toThrow();
  });
});

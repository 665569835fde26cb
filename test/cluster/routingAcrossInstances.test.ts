import type { DirectLine } from 'botframework-directlinejs';
import { AgentAccounts } from '../../src/agents/agentAccounts';
import type { App } from '../../src/app';
import type { fixedClock } from '../../src/clock';
import { BACK_IN_QUEUE } from '../../src/routing/router';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { type OwnRedis, startOwnRedis } from '../helpers/ownRedis';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';
import { AGENT, agentToken, startTestApp } from '../helpers/testApp';
import { webChatCustomer } from '../helpers/webChatCustomer';

/*
 * The router with several instances on one PostgreSQL database and one Redis (issue 20, "once per
 * cluster"): agents' streams and customers on different instances, AUTO_ASSIGN on. Each instance has a
 * fixed clock of its own, moved together by the test; the routers' timers are run by hand (`tick`) on
 * every instance, as if each instance's timer fired at once, and never by themselves: a chat is given
 * out only because something told the leading router to look (a hand-off or a freed seat on any
 * instance, a stream, the lease changing hands) or because the test ticked. Which instance leads is
 * the lease's choice: the test finds out by who assigns (each instance's ClaimService.assign is watched).
 */

/** The greeting an agent's chat starts with, whether they accepted it or the router gave it to them (src/handoff/agentGreeting.ts). */
const isAgentGreeting = (text: string | null) => /^Hi, I'm .+ from .+ support\. I've read your conversation/.test(text ?? '');
// past PRESENCE_STALE_AFTER_MS, the time a new leader lets presence settle before it gives any chat back;
// the clocks moved past it make the other instances' agents stale until their next heartbeat, which
// matters only where an agent is still connected (the disable: Cy keeps her chat, her grace just starts)
const GRACE_S = 20;
const BO = { username: 'bo', password: 'password-bo' };
const CY = { username: 'cy', password: 'password-cy' };
/** How long a condition owed to the test may take before it is called missing (a bounded poll, never a sleep). */
const BOUND_MS = 15_000;

interface Instance {
  app: App;
  base: string;
  clock: ReturnType<typeof fixedClock>;
  closed: boolean;
  /** The router's timer, run by the test only: its own interval does nothing here. */
  tick: () => Promise<void>;
}

/** A successful assignment, in the order they were made, and the instance whose router made it. */
interface Assignment {
  instance: number;
  claimId: string;
  agent: string;
}

postgresOnly('routing across instances (AUTO_ASSIGN, one router per cluster)', () => {
  let redis: OwnRedis;
  let database: { url: string; drop(): Promise<void> };
  let instances: Instance[] = [];
  let assignments: Assignment[] = [];
  const customers: DirectLine[] = [];
  const feeds: { close(): void }[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** Three instances on a fresh database, agents bo (capacity 1) and cy (capacity 3) besides ana (AGENT_CAPACITY 2). */
  beforeEach(async () => {
    database = await createTestDatabase('warranty_routing', { migrated: true });
    const prefix = `routing-${Date.now()}:`;
    instances = [];
    assignments = [];
    for (let n = 0; n < 3; n++) {
      const { app, base, clock } = await startTestApp({
        env: {
          DATABASE_URL: database.url,
          TOKEN_SECRET: 'routing-cluster-secret',
          REDIS_URL: redis.url,
          REDIS_PREFIX: prefix,
          AUTO_ASSIGN: 'on',
          AGENT_CAPACITY: '2',
          AGENT_OFFLINE_GRACE_SECONDS: String(GRACE_S),
        },
      });
      await app.redis?.ready();
      await app.bus?.ready();
      const assign = app.claims.assign.bind(app.claims);
      jest.spyOn(app.claims, 'assign').mockImplementation(async (claimId, agent) => {
        const claim = await assign(claimId, agent);
        assignments.push({ instance: n, claimId, agent });
        return claim;
      });
      // every pass is then caused by an event (a hand-off, a seat freed, a stream, the lease) or by the test's tick
      const tick = app.router.tick.bind(app.router);
      jest.spyOn(app.router, 'tick').mockResolvedValue(undefined);
      instances.push({ app, base, clock, closed: false, tick });
    }
    const accounts = new AgentAccounts(instances[0].app.storage.agents);
    await accounts.create(BO.username, BO.password, { displayName: 'Bo Berg', capacity: 1 });
    await accounts.create(CY.username, CY.password, { displayName: 'Cy Chan', capacity: 3 });
  }, 60_000);

  afterEach(async () => {
    for (const dl of customers.splice(0)) dl.end();
    for (const feed of feeds.splice(0)) feed.close();
    for (const instance of instances) if (!instance.closed) await instance.app.close();
    await database?.drop();
  }, 30_000);

  const live = () => instances.filter((i) => !i.closed);

  /** Polls `check` until it holds (or returns a value), at most BOUND_MS: conditions decided by another instance's timers or Redis. */
  async function eventually<T>(what: string, check: () => Promise<T | false | undefined>, boundMs = BOUND_MS): Promise<T> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      const found = await check();
      if (found !== false && found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${boundMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Resolves when `promise` does, or rejects after BOUND_MS naming what was awaited. */
  async function within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${BOUND_MS} ms`)), BOUND_MS);
    });
    try {
      return await Promise.race([promise, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The agent's stream on instance `on`; returns once every live instance counts them online. */
  async function streamOn(on: number, who = AGENT) {
    const token = await agentToken(instances[on].base, who);
    const feed = await openAgentFeed(instances[on].base, token);
    feeds.push(feed);
    await presence(who.username, true);
    return { feed, token };
  }

  /** Waits until every live instance's presence says `username` is (or is not) online. */
  const presence = (username: string, online: boolean) =>
    eventually(`${username} ${online ? 'online' : 'offline'} on every instance`, async () =>
      live().every((i) => i.app.presence.isOnline(username) === online),
    );

  /** Every live instance's routing timer, at once: only the leader's does anything. */
  const tickEverywhere = () => Promise.all(live().map((i) => i.tick()));
  const advanceClocks = (ms: number) => {
    for (const instance of instances) instance.clock.advance(ms);
  };

  /** An instance still running, to read the shared database through. */
  const db = () => live()[0].app;

  /** A Web Chat customer on instance `on` (token, stream and posts there), at the point of asking for a person. */
  async function customerOn(on: number) {
    const customer = await webChatCustomer(instances[on].base, customers);
    await customer.say('my QT5682 died, bought it February 20th');
    await customer.until((a) => a.channelData?.prompt === 'proofType');
    const conversationId = customer.session.conversationId as string;
    return {
      ...customer,
      conversationId,
      /** Asks for a person; resolves with the claim's id once the hand-off is committed. */
      handOff: async () => {
        await customer.say('I want to talk to a person');
        return (await customer.until((a) => a.type === 'event' && a.name === 'handoff.initiate')).value.claimId as string;
      },
      /** The chat's messages as stored (the customer's stream shows the same, once). */
      stored: () => db().storage.directLine.messages(conversationId),
    };
  }

  const claimOf = (id: string) => db().claims.get(id);
  const auditOf = async (id: string, action: string) => (await db().claims.auditTrail(id)).filter((e) => e.action === action);
  const notesOf = async (id: string) => (await db().storage.notes.page(id, 100, null)).items;
  const greetings = async (customer: { stored(): Promise<{ from: string; text: string | null }[]> }) =>
    (await customer.stored()).filter((m) => m.from === 'agent' && isAgentGreeting(m.text)).length;
  const linesSaying = async (customer: { stored(): Promise<{ text: string | null }[]> }, text: string) =>
    (await customer.stored()).filter((m) => m.text === text).length;

  test('eight hand-offs through three instances at once: each assigned once, by one instance, never over capacity, fewest open chats first', async () => {
    await streamOn(0, AGENT);
    await streamOn(1, BO);
    await streamOn(2, CY);
    const people = await Promise.all(Array.from({ length: 8 }, (_, n) => customerOn(n % 3)));
    const claimIds = await Promise.all(people.map((p) => p.handOff()));

    // seats: ana 2 (AGENT_CAPACITY), bo 1, cy 3 — six chats given, two wait
    const open = await eventually('six chats given out', async () => {
      const chats = await db().storage.claims.openChats();
      return [...chats.values()].reduce((a, b) => a + b, 0) === 6 && chats;
    });
    await tickEverywhere();
    await tickEverywhere();
    expect(Object.fromEntries(await db().storage.claims.openChats())).toEqual({ ana: 2, bo: 1, cy: 3 });
    expect(Object.fromEntries(open)).toEqual({ ana: 2, bo: 1, cy: 3 });
    expect((await db().storage.claims.queue(100)).total).toBe(2);

    // one router did all of it, one assignment per claim
    expect(new Set(assignments.map((a) => a.instance)).size).toBe(1);
    expect(assignments).toHaveLength(6);
    expect(new Set(assignments.map((a) => a.claimId)).size).toBe(6);
    // each to an agent with the fewest open chats among those with a free seat, at that moment
    const capacity: Record<string, number> = { ana: 2, bo: 1, cy: 3 };
    const held: Record<string, number> = { ana: 0, bo: 0, cy: 0 };
    for (const { agent } of assignments) {
      const free = Object.keys(held).filter((name) => held[name] < capacity[name]);
      expect(held[agent]).toBe(Math.min(...free.map((name) => held[name])));
      held[agent]++;
    }

    for (const [n, claimId] of claimIds.entries()) {
      const claim = await claimOf(claimId);
      const given = assignments.filter((a) => a.claimId === claimId);
      if (claim?.status === 'with_agent') {
        expect(given.map((a) => a.agent)).toEqual([claim.handoff.agent]);
        expect(await auditOf(claimId, 'assign')).toHaveLength(1);
        // greeted once, in the agent's name
        await people[n].until((a) => a.type === 'message' && isAgentGreeting(a.text ?? null));
        expect(await greetings(people[n])).toBe(1);
        expect(people[n].seen.filter((a) => a.type === 'message' && isAgentGreeting(a.text ?? null))).toHaveLength(1);
      } else {
        expect(claim?.status).toBe('pending_agent');
        expect(given).toEqual([]);
        expect(await greetings(people[n])).toBe(0);
      }
    }
  }, 90_000);

  test('the leading instance stops: a survivor takes the lease over and routes hand-offs, one made on the instance that does not lead', async () => {
    // cy connected to two instances: whichever stops, she is still online
    await streamOn(1, CY);
    await streamOn(2, CY);
    const first = await customerOn(0);
    const firstClaim = await first.handOff();
    await eventually('the first hand-off assigned', async () => (await claimOf(firstClaim))?.status === 'with_agent');
    expect(assignments).toHaveLength(1);
    const leader = assignments[0].instance;

    instances[leader].closed = true;
    await instances[leader].app.close();
    // a hand-off through one survivor: whichever took the lease over routes it
    const [one, other] = live();
    const second = await customerOn(instances.indexOf(one));
    const secondClaim = await second.handOff();
    await eventually('a hand-off after the leader stopped assigned', async () => (await claimOf(secondClaim))?.status === 'with_agent');
    const next = assignments[1].instance;
    expect(next).not.toBe(leader);
    // then one through the survivor that does not lead: it tells the leader, which routes it (nothing else would: timers idle)
    const follower = instances.indexOf(one) === next ? other : one;
    const third = await customerOn(instances.indexOf(follower));
    const thirdClaim = await third.handOff();
    await eventually('the hand-off on the follower assigned', async () => (await claimOf(thirdClaim))?.status === 'with_agent');
    expect(assignments.map((a) => [a.instance, a.agent])).toEqual([
      [leader, 'cy'],
      [next, 'cy'],
      [next, 'cy'],
    ]);
    for (const person of [second, third]) {
      await person.until((a) => a.type === 'message' && isAgentGreeting(a.text ?? null));
      expect(await greetings(person)).toBe(1);
    }
  }, 90_000);

  test("bo's stream on B closes: past the grace his chats go back to the queue once, although every instance ticks", async () => {
    const bo = await streamOn(1, BO);
    // bo has capacity 1; ana (capacity 2) is not connected: the chats wait for him alone
    const people = [await customerOn(0), await customerOn(2)];
    const claimIds = [await people[0].handOff(), await people[1].handOff()];
    await eventually('his chat assigned', async () => (await claimOf(claimIds[0]))?.status === 'with_agent');
    expect((await claimOf(claimIds[0]))?.handoff.agent).toBe('bo');
    expect((await claimOf(claimIds[1]))?.status).toBe('pending_agent');

    bo.feed.close();
    await presence(BO.username, false);
    advanceClocks((GRACE_S - 1) * 1000);
    await tickEverywhere();
    expect((await claimOf(claimIds[0]))?.status).toBe('with_agent');

    advanceClocks(1000);
    await tickEverywhere();
    await tickEverywhere();
    const back = await claimOf(claimIds[0]);
    expect(back).toMatchObject({ status: 'pending_agent', handoff: { agent: null } });
    expect(await auditOf(claimIds[0], 'requeue')).toHaveLength(1);
    const notes = (await notesOf(claimIds[0])).filter((n) => n.text.includes("bo's console was disconnected"));
    expect(notes).toHaveLength(1);
    await people[0].until((a) => a.type === 'message' && a.text === BACK_IN_QUEUE);
    expect(await linesSaying(people[0], BACK_IN_QUEUE)).toBe(1);
    // in its place: still ahead of the one that waited all along
    expect((await db().storage.claims.queue(10)).items.map((c) => c.id)).toEqual(claimIds);

    // bo comes back on C: his chat is his again (the longest waiting first), once more a single assignment
    await streamOn(2, BO);
    await eventually('the chat given again', async () => (await claimOf(claimIds[0]))?.status === 'with_agent');
    await tickEverywhere();
    expect(assignments.map((a) => a.claimId)).toEqual([claimIds[0], claimIds[0]]);
    expect(await linesSaying(people[1], BACK_IN_QUEUE)).toBe(0);
  }, 90_000);

  test('an admin disables bo on A: his stream on B ends, his token is refused everywhere, his chat goes back to the queue once and on to Cy', async () => {
    const bo = await streamOn(1, BO);
    await streamOn(2, CY);
    const person = await customerOn(2);
    const claimId = await person.handOff();
    // both free, neither given a chat yet: by name, bo's
    await eventually('his chat assigned', async () => (await claimOf(claimId))?.status === 'with_agent');
    expect((await claimOf(claimId))?.handoff.agent).toBe('bo');

    const admin = await agentToken(instances[0].base);
    const res = await fetch(`${instances[0].base}/api/agent/agents/bo/disable`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { returnedClaims: string[] }).returnedClaims).toEqual([claimId]);
    await within(bo.feed.closed, 'his stream on B ended');
    await presence(BO.username, false);
    for (const { base } of instances) {
      expect((await fetch(`${base}/api/agent/queue`, { headers: { Authorization: `Bearer ${bo.token}` } })).status).toBe(401);
    }
    await expect(openAgentFeed(instances[1].base, bo.token)).rejects.toThrow(/401/);
    // back in the queue, the chat is given at once to Cy, who has seats free
    await eventually('the chat given to Cy', async () => (await claimOf(claimId))?.handoff.agent === 'cy');
    await person.until((a) => a.type === 'message' && /^Hi, I'm Cy Chan from/.test(a.text ?? ''));

    // the grace passes with every instance ticking: the chat was given back already, and only once
    advanceClocks((GRACE_S + 1) * 1000);
    await tickEverywhere();
    await tickEverywhere();
    expect(await claimOf(claimId)).toMatchObject({ status: 'with_agent', handoff: { agent: 'cy' } });
    expect(await auditOf(claimId, 'requeue')).toHaveLength(1);
    expect(assignments.map((a) => a.agent)).toEqual(['bo', 'cy']);
    const notes = await notesOf(claimId);
    expect(notes.map((n) => n.text)).toEqual(['Back in the queue: bo was disabled by ana.']);
    expect(await linesSaying(person, BACK_IN_QUEUE)).toBe(1);
    expect(await greetings(person)).toBe(2);
  }, 90_000);
});

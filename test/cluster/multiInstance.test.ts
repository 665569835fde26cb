import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { openAgentFeed } from '../helpers/agentFeedClient';
import { type Cluster, startCluster } from '../helpers/cluster';
import { COVERED_CLAIM_ANSWERS, UPLOAD } from '../helpers/coveredClaim';
import { FILES } from '../helpers/harness';
import { ReconnectingCustomer } from '../helpers/reconnectingCustomer';
import type { ProxiedRequest } from '../helpers/roundRobinProxy';
import { postgresOnly } from '../helpers/store';
import { AGENT } from '../helpers/testApp';

/*
 * Issue 18, items 3, 5 and 7: three built instances (child processes) on one PostgreSQL database and
 * one Redis of the test's own, behind a round-robin proxy with no affinity; every client request goes
 * through the proxy, which records the instance that served it. A whole claim, a live hand-off with
 * the customer and the agent on different instances, and the faults: an instance killed mid-claim,
 * Redis restarted, an instance drained with SIGTERM while a turn is in flight. Recovery times are
 * printed with the prefix [multi-instance]. Run `npm run build` first: the instances run dist/.
 */

const RMA = /RMA-\d{4}-\d{6}/;
const ANSWERS = COVERED_CLAIM_ANSWERS;
/** The advisory-lock space of conversations (src/storage/postgres/pgDatabase.ts): holding one holds that conversation's turns. */
const CONVERSATION_LOCKS = 17_2026;
/** Bound on a condition polled in the database or on /readyz (not a sleep: each poll checks it). */
const CONDITION_BOUND_MS = 15_000;

const timings: string[] = [];
const report = (line: string) => {
  timings.push(line);
  process.stdout.write(`[multi-instance] ${line}\n`);
};

postgresOnly('three instances behind a round-robin proxy, no affinity (issue 18)', () => {
  let cluster: Cluster;
  const customers: ReconnectingCustomer[] = [];
  const customer = async () => {
    const c = new ReconnectingCustomer(cluster.base);
    customers.push(c);
    await c.start();
    return c;
  };
  /** What the proxy did for one conversation (its URLs name it), in the order the answers ended. */
  const servedFor = (c: ReconnectingCustomer, match: (r: ProxiedRequest) => boolean = () => true) =>
    cluster.proxy.served.filter((r) => r.url.includes(c.session.conversationId) && match(r));
  const posts = (r: ProxiedRequest) => r.method === 'POST' && /\/(activities|upload)\b/.test(r.url);
  const streamUpgrades = (r: ProxiedRequest) => r.upgrade && r.target !== null;
  /** The instance holding the customer's current stream (the last upgrade that reached one). */
  const streamHolder = (c: ReconnectingCustomer) => servedFor(c, streamUpgrades).at(-1)?.target ?? null;

  const answer = async (c: ReconnectingCustomer, prompt: string) => {
    const reply = ANSWERS[prompt];
    if (reply === undefined) throw new Error(`the customer was asked "${prompt}", which a covered claim does not ask`);
    if (reply === UPLOAD) expect(await c.upload('receipt.jpg', FILES['receipt.jpg'], 'image/jpeg')).toBe(200);
    else expect((await c.say(reply)).status).toBe(200);
  };
  /** Answers each question as it comes until `stop` is asked; where the received list stood after that question. */
  const answerUntil = async (c: ReconnectingCustomer, stop: string, after = 0) => {
    for (let turn = 0; turn < 12; turn++) {
      const question = await c.nextQuestion(after);
      after = c.received.indexOf(question) + 1;
      if (question.channelData.prompt === stop) return after;
      await answer(c, question.channelData.prompt);
    }
    throw new Error(`"${stop}" was never asked`);
  };
  /** From wherever the claim stands to its RMA number (the decision message). */
  const finishClaim = async (c: ReconnectingCustomer, after = 0) => {
    after = await answerUntil(c, 'confirm', after);
    await answer(c, 'confirm');
    const decision = await c.until((a) => RMA.test(a.text ?? ''), after, 'the RMA number');
    return (RMA.exec(decision.text ?? '') as RegExpExecArray)[0];
  };
  /** Nothing missed, nothing twice: the stream delivered each stored activity exactly once, in order. */
  const expectEverythingOnce = async (c: ReconnectingCustomer) => {
    const ids = c.received.map((a) => a.id);
    expect(ids.length).toBe(new Set(ids).size);
    const stored = (await c.storedActivities()).map((a) => a.id);
    expect(ids).toEqual(stored);
  };
  const agentCall = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${cluster.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const signIn = async () => {
    const res = await fetch(`${cluster.base}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(AGENT),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  /** Sends the proxy's next request to an instance other than `avoid` (round robin goes on from there). */
  const aimAwayFrom = (avoid: string | null) =>
    cluster.proxy.aimNextAt((cluster.instances.find((i) => i.base !== avoid && i.exited() === null) ?? cluster.instances[0]).base);
  const database = () => new pg.Client({ connectionString: cluster.database.url });
  /** Polls `check` until it holds, within the bound: for conditions only a query can see (readiness, a lock wait). */
  const eventually = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + CONDITION_BOUND_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what} within ${CONDITION_BOUND_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const readyz = async (base: string) => {
    try {
      return (await fetch(`${base}/readyz`)).status;
    } catch {
      return 0;
    }
  };

  beforeAll(async () => {
    cluster = await startCluster({ instances: 3 });
  }, 60_000);

  afterAll(async () => {
    for (const c of customers) c.close();
    await cluster?.stop();
    if (timings.length) process.stdout.write(`[multi-instance] summary:\n${timings.map((t) => `  ${t}`).join('\n')}\n`);
  });

  test('a whole claim, token to RMA number, with each post served by another instance than the one before', async () => {
    const c = await customer();
    const rma = await finishClaim(c);
    expect(rma).toMatch(RMA);

    // no affinity: consecutive posts of the one customer landed on different instances, all three took some
    const postedOn = servedFor(c, posts).map((r) => r.target);
    expect(postedOn.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < postedOn.length; i++) expect(postedOn[i]).not.toBe(postedOn[i - 1]);
    expect(new Set(postedOn).size).toBe(3);
    // the answers came on the one stream although most posts were served elsewhere
    expect(c.streams).toBe(1);
    expect(postedOn.filter((target) => target !== streamHolder(c)).length).toBeGreaterThan(postedOn.length / 2);
    await expectEverythingOnce(c);
  }, 60_000);

  test('a live hand-off: the customer on one instance, the agent on others (feed, accept, typing, messages, resolve)', async () => {
    const c = await customer();
    const customerOn = streamHolder(c);
    const token = await signIn();
    aimAwayFrom(customerOn);
    const feed = await openAgentFeed(cluster.base, token);
    const agentOn = cluster.proxy.served.filter((r) => r.upgrade && r.url === '/api/agent/stream').at(-1)?.target;
    expect(agentOn).not.toBe(customerOn);

    expect((await c.say('I want to talk to a person')).status).toBe(200);
    const waiting = await feed.until(
      (e) => e.type === 'claim.updated' && e.claim?.conversationId === c.session.conversationId && e.claim?.status === 'pending_agent',
      0,
      'the hand-off',
    );
    const claimId = waiting.claim?.id as string;
    const agentId = `agent:${AGENT.username}`;
    const fromAgent = (a: { from: { id: string } }) => a.from.id === agentId;

    let mark = c.mark();
    expect((await agentCall(token, 'POST', `/api/agent/claims/${claimId}/accept`)).status).toBe(200);
    await c.until((a) => a.type === 'message' && fromAgent(a), mark, "the agent's greeting");

    mark = c.mark();
    expect((await agentCall(token, 'POST', `/api/agent/claims/${claimId}/typing`)).status).toBe(200);
    await c.until((a) => a.type === 'typing' && fromAgent(a), mark, "the agent's typing");

    mark = c.mark();
    expect(
      (await agentCall(token, 'POST', `/api/agent/claims/${claimId}/messages`, { text: 'Hello, I am looking at your claim now.' })).status,
    ).toBe(200);
    await c.until((a) => fromAgent(a) && a.text === 'Hello, I am looking at your claim now.', mark, "the agent's message");

    const feedMark = feed.events.length;
    expect((await c.say('Thanks! It is a QT5682 bought last week.')).status).toBe(200);
    await feed.until(
      (e) => e.type === 'customer.message' && e.text === 'Thanks! It is a QT5682 bought last week.',
      feedMark,
      "the customer's reply",
    );

    mark = c.mark();
    const resolved = await agentCall(token, 'POST', `/api/agent/claims/${claimId}/resolve`, {
      outcome: 'covered',
      reasons: [],
      note: 'receipt seen',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('rma_issued');
    await c.until((a) => RMA.test(a.text ?? ''), mark, 'the RMA number the agent issued');
    feed.close();

    // the agent's calls went round the instances too, not only to the customer's
    const agentCallsOn = cluster.proxy.served.filter((r) => r.url.startsWith(`/api/agent/claims/${claimId}/`)).map((r) => r.target);
    expect(agentCallsOn.filter((target) => target !== customerOn).length).toBeGreaterThan(0);
    await expectEverythingOnce(c);
  }, 60_000);

  test("Redis restarted: /readyz says not ready meanwhile, then relays and the agents' feed resume by themselves", async () => {
    const c = await customer();
    const customerOn = streamHolder(c);
    const token = await signIn();
    aimAwayFrom(customerOn);
    const feed = await openAgentFeed(cluster.base, token);

    await cluster.redis.stop();
    const stoppedAt = Date.now();
    for (const instance of cluster.instances)
      await eventually(`${instance.base} still ready without Redis`, async () => (await readyz(instance.base)) === 503);
    report(`Redis stopped: all 3 instances not ready (/readyz 503) after ${Date.now() - stoppedAt} ms`);

    // a message while Redis is away, stored by another instance than the stream's: its answer waits for the relay
    let mark = c.mark();
    aimAwayFrom(customerOn);
    expect((await c.say(ANSWERS.menu as string)).status).toBe(200);
    const postedOn = servedFor(c, posts).at(-1)?.target;
    expect(postedOn).not.toBe(customerOn);

    const feedBeforeRestart = feed.events.length;
    await cluster.redis.start();
    const startedAt = Date.now();
    await c.asked('product', mark);
    // what other instances published meanwhile was lost: the console is told to read its lists again
    await feed.until((e) => e.type === 'feed.resync', feedBeforeRestart, 'the resync after Redis came back');
    report(
      `Redis back: the answer stored on another instance during the outage reached the stream ${Date.now() - startedAt} ms after Redis started`,
    );
    for (const instance of cluster.instances)
      await eventually(`${instance.base} not ready again`, async () => (await readyz(instance.base)) === 200);
    report(`Redis back: all 3 instances ready (/readyz 200) ${Date.now() - startedAt} ms after Redis started`);

    // a relay after the restart: posted on one instance, answered on the stream held by another
    mark = c.mark();
    aimAwayFrom(customerOn);
    const relayFrom = Date.now();
    expect((await c.say(ANSWERS.product as string)).status).toBe(200);
    await c.asked('purchaseDate', mark);
    report(`Redis back: a relayed answer (post on one instance, stream on another) took ${Date.now() - relayFrom} ms`);

    // the agents' feed: a hand-off on another instance than the agent's reaches the agent
    const feedMark = feed.events.length;
    expect((await c.say('I want to talk to a person')).status).toBe(200);
    await feed.until(
      (e) => e.type === 'claim.updated' && e.claim?.conversationId === c.session.conversationId && e.claim?.status === 'pending_agent',
      feedMark,
      'the hand-off after Redis came back',
    );
    report(`Redis back: the agents' feed carried a hand-off from another instance ${Date.now() - startedAt} ms after Redis started`);
    feed.close();
    expect(c.streams).toBe(1);
    await expectEverythingOnce(c);
  }, 60_000);

  test('an instance killed (SIGKILL) mid-claim: the next answer comes from another at the same question, the stream reconnects, the claim completes', async () => {
    const c = await customer();
    const after = await answerUntil(c, 'proofType');
    const holder = streamHolder(c) as string;
    const lastTurnOn = servedFor(c, posts).at(-1)?.target;
    const victim = cluster.instanceAt(holder);

    const killedAt = Date.now();
    await victim.kill();
    // the customer answers the question they were at; the proxy finds the dead instance refusing and takes another
    await answer(c, 'proofType');
    const next = await c.asked('proofUpload', after);
    const answeredAt = Date.now();
    report(
      `SIGKILL of the instance holding the stream${lastTurnOn === holder ? ' (it had served the last turn too)' : ''}: next answer ${answeredAt - killedAt} ms after the kill; stream reopened ${(c.reopenedAt[0] ?? Number.NaN) - killedAt} ms after it`,
    );
    expect(c.streams).toBe(2);
    expect(streamHolder(c)).not.toBe(holder);
    expect(servedFor(c, posts).at(-1)?.target).not.toBe(holder);

    const rma = await finishClaim(c, c.received.indexOf(next));
    expect(rma).toMatch(RMA);
    await expectEverythingOnce(c);

    // RMA numbers never repeat: every issued number belongs to one claim, each claim's to itself
    const db = database();
    await db.connect();
    try {
      const numbers = (await db.query<{ number: string; claim_id: string }>('SELECT number, claim_id FROM rma_numbers')).rows;
      const onClaims = (
        await db.query<{ id: string; rma: string }>("SELECT id, data->>'rmaNumber' AS rma FROM claims WHERE data->>'rmaNumber' IS NOT NULL")
      ).rows;
      expect(numbers.length).toBeGreaterThanOrEqual(3);
      expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
      expect(new Set(onClaims.map((n) => n.rma)).size).toBe(onClaims.length);
      expect(onClaims.map((n) => `${n.id} ${n.rma}`).sort()).toEqual(numbers.map((n) => `${n.claim_id} ${n.number}`).sort());
      expect(numbers.map((n) => n.number)).toContain(rma);
    } finally {
      await db.end();
    }

    const restartFrom = Date.now();
    await victim.restart();
    report(`the killed instance restarted and listening again in ${Date.now() - restartFrom} ms`);
  }, 60_000);

  test('SIGTERM drains: the turn in flight finishes, new turns get 503 NOT_READY, streams close and reconnect elsewhere, nothing missed', async () => {
    const c = await customer();
    const after = await answerUntil(c, 'product');
    const holder = streamHolder(c) as string;
    const draining = cluster.instanceAt(holder);

    // the conversation's turn lock, held by the test: the next turn on `draining` waits in the middle of its transaction
    const lock = database();
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('SELECT pg_advisory_xact_lock(hashtextextended($1, $2))', [
      `directline\n${c.session.conversationId}`,
      CONVERSATION_LOCKS,
    ]);
    const waitingOnLock = async () =>
      Number((await lock.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n) > 0;
    try {
      cluster.proxy.aimNextAt(holder);
      const inFlight = c.say(ANSWERS.product as string);
      await eventually('the turn never reached its lock', waitingOnLock);

      // a client already connected to the draining instance, its request still arriving when SIGTERM comes
      const late = await startRequest(
        draining.port,
        `POST /v3/directline/conversations/${c.session.conversationId}/activities`,
        c.session.token,
        JSON.stringify({ type: 'message', text: 'are you there?' }),
      );
      const shuttingDown = draining.nextLine(/shutting down/);
      const signalledAt = Date.now();
      const stopped = draining.stop();
      await shuttingDown;

      const closedAt = await c.streamClosed();
      const refused = await late.finish();
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body).error.code).toBe('NOT_READY');

      // the turn in flight finishes once its lock is free, and its answer reaches the reconnected stream
      await lock.query('COMMIT');
      expect((await inFlight).status).toBe(200);
      const next = await c.asked('purchaseDate', after);
      const answeredAt = Date.now();
      await stopped;
      expect(draining.exited()).toBe('exit code 0');
      report(
        `SIGTERM drain: stream closed ${closedAt - signalledAt} ms after the signal, reopened elsewhere ${(c.reopenedAt[0] ?? Number.NaN) - signalledAt} ms after it; the in-flight turn's answer arrived ${answeredAt - signalledAt} ms after it (lock released by the test)`,
      );
      expect(c.streams).toBe(2);
      expect(streamHolder(c)).not.toBe(holder);

      // the claim goes on, served by the others
      const rma = await finishClaim(c, c.received.indexOf(next));
      expect(rma).toMatch(RMA);
      await expectEverythingOnce(c);
    } finally {
      await lock.end();
    }
  }, 60_000);
});

/**
 * A request whose head is sent but for its last line break, on a connection of its own: the server
 * has the connection busy (not idle, so a graceful close keeps it) but has no request yet; `finish`
 * sends the rest and reads the answer.
 */
async function startRequest(port: number, requestLine: string, token: string, body: string) {
  const socket: Socket = connect({ port, host: '127.0.0.1' });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(
    `${requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`,
  );
  return {
    async finish(): Promise<{ status: number; body: string }> {
      socket.write(`\r\n${body}`);
      // the answer, read until the server closes (a draining server says Connection: close), within a bound
      const bound = setTimeout(() => socket.destroy(), 10_000);
      await ended;
      clearTimeout(bound);
      const raw = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      return { status, body: raw.slice(raw.indexOf('\r\n\r\n') + 4) };
    },
  };
}

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
/** The advisory lock a test holds to stop a turn in the middle of its transaction (a trigger waits for it). */
const HELD_TURN_LOCK = 18_0042;

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
  /** The claims of the customer's conversation, oldest first, as stored. */
  const claimsOf = async (c: ReconnectingCustomer) => {
    const db = database();
    await db.connect();
    try {
      return (
        await db.query<{ id: string; status: string; data: any }>(
          'SELECT id, status, data FROM claims WHERE conversation_id = $1 ORDER BY seq',
          [c.session.conversationId],
        )
      ).rows;
    } finally {
      await db.end();
    }
  };
  /**
   * RMA numbers never repeat, whatever other tests issued before: every issued number is distinct and
   * belongs to exactly one claim, each claim's number to itself, and this customer's claim got `rma`.
   */
  const expectRmaNumbersNeverRepeat = async (c: ReconnectingCustomer, rma: string) => {
    const db = database();
    await db.connect();
    try {
      const numbers = (await db.query<{ number: string; claim_id: string }>('SELECT number, claim_id FROM rma_numbers')).rows;
      const onClaims = (
        await db.query<{ id: string; rma: string }>("SELECT id, data->>'rmaNumber' AS rma FROM claims WHERE data->>'rmaNumber' IS NOT NULL")
      ).rows;
      expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
      expect(new Set(numbers.map((n) => n.claim_id)).size).toBe(numbers.length);
      expect(new Set(onClaims.map((n) => n.rma)).size).toBe(onClaims.length);
      expect(onClaims.map((n) => `${n.id} ${n.rma}`).sort()).toEqual(numbers.map((n) => `${n.claim_id} ${n.number}`).sort());
      // this test's own claim: one claim in the conversation, holding the number the customer was told
      const own = await claimsOf(c);
      expect(own.map((claim) => claim.data.rmaNumber)).toEqual([rma]);
      expect(numbers.filter((n) => n.number === rma).map((n) => n.claim_id)).toEqual([own[0].id]);
    } finally {
      await db.end();
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
    await expectRmaNumbersNeverRepeat(c, rma);

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
    const issued = await c.until((a) => RMA.test(a.text ?? ''), mark, 'the RMA number the agent issued');
    feed.close();
    expect(issued.text).toContain(resolved.body.rmaNumber);
    await expectRmaNumbersNeverRepeat(c, resolved.body.rmaNumber);

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

    await expectRmaNumbersNeverRepeat(c, rma);

    const restartFrom = Date.now();
    await victim.restart();
    report(`the killed instance restarted and listening again in ${Date.now() - restartFrom} ms`);
  }, 60_000);

  test('an instance killed (SIGKILL) with a turn mid-transaction on it: nothing of that turn is kept, the resend is answered elsewhere at the same question', async () => {
    const c = await customer();
    const after = await answerUntil(c, 'purchaseDate');
    const holder = streamHolder(c) as string;
    const victim = cluster.instanceAt(holder);
    const [before] = await claimsOf(c);
    expect(before.status).toBe('in_progress');
    expect(before.data.purchase.date).toBeNull();

    // The customer's answer, once, is held in the middle of its transaction on `victim`: a trigger on the
    // Direct Line activities waits for a lock the test holds when the turn stores that message, after the
    // turn has begun its transaction and taken the conversation's lock. A sequence (not transactional)
    // makes it the first such insert only, so the resend passes through.
    const admin = database();
    const hold = database();
    await admin.connect();
    await hold.connect();
    const conversation = admin.escapeLiteral(c.session.conversationId);
    const answerText = admin.escapeLiteral(ANSWERS.purchaseDate as string);
    try {
      await admin.query(`
        CREATE SEQUENCE hold_killed_turn_seq;
        CREATE FUNCTION hold_killed_turn() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.conversation_id = ${conversation} THEN
            IF NEW.activity::jsonb ->> 'text' = ${answerText} THEN
              IF nextval('hold_killed_turn_seq') = 1 THEN PERFORM pg_advisory_xact_lock(${HELD_TURN_LOCK}); END IF;
            END IF;
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER hold_killed_turn BEFORE INSERT ON dl_activities FOR EACH ROW EXECUTE FUNCTION hold_killed_turn();`);
      await hold.query('BEGIN');
      await hold.query('SELECT pg_advisory_xact_lock($1)', [HELD_TURN_LOCK]);

      cluster.proxy.aimNextAt(holder);
      const inFlight = c.say(ANSWERS.purchaseDate as string);
      // mid-transaction: one session waits at the test's lock while holding another advisory lock (the conversation's)
      await eventually('the turn never stopped mid-transaction', async () => (await turnsHeldMidTransaction(admin)) === 1);

      const killedAt = Date.now();
      await victim.kill();
      // the instance died with the request: the proxy answers it 502, as nginx would; the customer sends it again
      expect((await inFlight).status).toBe(502);
      const resent = c.say(ANSWERS.purchaseDate as string);
      // the resend, on another instance, waits for the conversation, still locked by the dead instance's session
      // (waiting in the trigger, that session has not noticed its client is gone)
      await eventually('the resend never waited for the dead turn', async () => (await sessionsWaitingForLocks(admin)) === 2);
      // the dead turn's statement may finish now: its session then finds its client gone and PostgreSQL takes the transaction back
      const releasedAt = Date.now();
      await hold.query('COMMIT');
      expect((await resent).status).toBe(200);
      const next = await c.asked('proofType', after);
      const answeredAt = Date.now();
      report(
        `SIGKILL with a turn mid-transaction: stream reopened ${(c.reopenedAt[0] ?? Number.NaN) - killedAt} ms after the kill; the resend answered ${answeredAt - killedAt} ms after it (${answeredAt - releasedAt} ms after the dead turn's statement was let go, its transaction taken back)`,
      );
      expect(servedFor(c, posts).at(-1)?.target).not.toBe(holder);
      expect(c.streams).toBe(2);
      expect(streamHolder(c)).not.toBe(holder);

      // the same question, answered once: between the question and the next one, one answer and no error or re-ask
      const between = c.received.slice(after, c.received.indexOf(next));
      expect(between.filter((a) => a.inputHint === 'expectingInput')).toEqual([]);
      expect(between.some((a) => /sorry|went wrong/i.test(a.text ?? ''))).toBe(false);
      // nothing of the dead turn kept: the customer's answer is stored once (the resend's), the claim moved on once
      const stored = await c.storedActivities();
      expect(stored.filter((a) => a.from.role === 'user' && a.text === ANSWERS.purchaseDate)).toHaveLength(1);
      const claims = await claimsOf(c);
      expect(claims.map((claim) => claim.id)).toEqual([before.id]);
      expect(claims[0].status).toBe('in_progress');
      expect(claims[0].data.product).toEqual(before.data.product);
      expect(claims[0].data.purchase.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await turnsHeldMidTransaction(admin)).toBe(0);
    } finally {
      await hold.end();
      await admin.query(
        'DROP TRIGGER IF EXISTS hold_killed_turn ON dl_activities; DROP FUNCTION IF EXISTS hold_killed_turn(); DROP SEQUENCE IF EXISTS hold_killed_turn_seq',
      );
      await admin.end();
    }

    // the claim goes on, served by the others
    const rma = await finishClaim(c, after);
    expect(rma).toMatch(RMA);
    await expectRmaNumbersNeverRepeat(c, rma);
    await expectEverythingOnce(c);

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
      await expectRmaNumbersNeverRepeat(c, rma);
      await expectEverythingOnce(c);
    } finally {
      await lock.end();
    }
  }, 60_000);
});

/** Sessions of the database waiting for a lock (an advisory one, a row's): the test's hold, and whoever queues behind. */
async function sessionsWaitingForLocks(db: pg.Client): Promise<number> {
  const { rows } = await db.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
  );
  return rows[0].n;
}

/** Sessions stopped at the test's hold while holding an advisory lock of their own: a turn inside its transaction, its conversation locked. */
async function turnsHeldMidTransaction(db: pg.Client): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(DISTINCT waiting.pid)::int AS n
       FROM pg_locks waiting JOIN pg_locks held ON held.pid = waiting.pid
      WHERE waiting.locktype = 'advisory' AND NOT waiting.granted AND waiting.objid = $1
        AND held.locktype = 'advisory' AND held.granted`,
    [HELD_TURN_LOCK],
  );
  return rows[0].n;
}

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

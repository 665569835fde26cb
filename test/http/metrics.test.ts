import { openAgentFeed } from '../helpers/agentFeedClient';
import { COVERED_CLAIM_ANSWERS, UPLOAD } from '../helpers/coveredClaim';
import { FILES } from '../helpers/harness';
import { type DlActivity, rawDirectLineCustomer } from '../helpers/rawDirectLine';
import { agentToken, startTestApp } from '../helpers/testApp';

/*
 * Issue 21, item 4: /metrics after known traffic — two claims the bot decides, three hand-offs (two
 * asked for, one upset customer), one taken and resolved by an agent — with exact counters and gauges;
 * and who may read it: METRICS_TOKEN's holder, or (unset) loopback callers as TRUST_PROXY judges them.
 */

const METRICS_TOKEN = 'operator-scrape-token-0123456789';
const customers: { close(): void }[] = [];
let ctx: Awaited<ReturnType<typeof startTestApp>> | undefined;
afterEach(async () => {
  for (const c of customers.splice(0)) c.close();
  await ctx?.app.close();
  ctx = undefined;
});

/** The value of one sample line (`name{labels}`) of a Prometheus text body, or undefined when absent. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(base: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

/** A customer on our Direct Line (HTTP and its WebSocket) who can wait for a question asked after a point of the chat. */
async function customer(base: string) {
  const c = await rawDirectLineCustomer(base);
  customers.push(c);
  const asked = async (prompt: string, from: number) => {
    const isIt = (a: DlActivity) => a.from.role !== 'user' && a.inputHint === 'expectingInput' && a.channelData?.prompt === prompt;
    await c.until((a) => c.seen.slice(from).includes(a) && isIt(a));
    return c.seen.slice(from).find(isIt) as DlActivity;
  };
  const handedOff = () =>
    c
      .until((a) => a.type === 'event' && (a as any).name === 'handoff.initiate')
      .then(() => c.seen.find((a) => (a as any).name === 'handoff.initiate') as any);
  return { ...c, asked, handedOff };
}

/** Walks a covered claim until the bot has decided it (it then asks how we did). */
async function coveredClaim(base: string) {
  const c = await customer(base);
  let from = 0;
  for (const [prompt, answer] of Object.entries(COVERED_CLAIM_ANSWERS)) {
    const question = await c.asked(prompt, from);
    from = c.seen.indexOf(question) + 1;
    if (answer === UPLOAD) await c.upload('receipt.jpg', FILES['receipt.jpg']);
    else await c.say(answer as string);
  }
  await c.asked('csat', from);
}

/** A customer handed to a person at the menu by what they say; returns the claim's id. */
async function handedOff(base: string, words: string): Promise<string> {
  const c = await customer(base);
  await c.asked('menu', 0);
  // Web Chat says the customer is typing first: a turn of the bot's, but no customer's message
  expect(await c.send({ type: 'typing' })).toBe(200);
  await c.say(words);
  return (await c.handedOff()).value.claimId;
}

test('after known traffic: exact counters of decisions and hand-offs, and the gauges as they stand', async () => {
  ctx = await startTestApp({ now: new Date().toISOString(), env: { AUTO_ASSIGN: 'off' } });
  const { base } = ctx;
  await coveredClaim(base);
  await coveredClaim(base);
  const taken = await handedOff(base, 'I want to talk to a person');
  await handedOff(base, 'I want to talk to a person');
  await handedOff(base, "This is ridiculous, third time I'm contacting you about this damn camera");
  const ana = await agentToken(base);
  const feed = await openAgentFeed(base, ana);
  try {
    const post = (path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ana}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    expect((await post(`/api/agent/claims/${taken}/accept`)).status).toBe(200);
    expect((await post(`/api/agent/claims/${taken}/resolve`, { outcome: 'covered' })).status).toBe(200);
    // the two others have waited 90 s since their hand-off (the clock is the test's)
    ctx.clock.advance(90_000);

    const { status, type, body } = await scrape(base);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(body, 'qsee_claims_decided_total{outcome="covered",by="bot"}')).toBe(2);
    expect(sample(body, 'qsee_claims_decided_total{outcome="covered",by="agent"}')).toBe(1);
    expect(sample(body, 'qsee_claims_decided_total{outcome="not_covered",by="bot"}')).toBeUndefined();
    expect(sample(body, 'qsee_handoffs_total{reason="customer_request"}')).toBe(2);
    expect(sample(body, 'qsee_handoffs_total{reason="customer_upset"}')).toBe(1);
    expect(sample(body, 'qsee_queue_length')).toBe(2);
    expect(sample(body, 'qsee_queue_oldest_wait_seconds')).toBe(90);
    expect(sample(body, 'qsee_agents_online')).toBe(1);
    expect(sample(body, 'qsee_websocket_connections{stream="agent"}')).toBe(1);
    expect(sample(body, 'qsee_websocket_connections{stream="directline"}')).toBe(5);
    expect(sample(body, 'qsee_outbox_pending')).toBe(0);
    expect(sample(body, 'qsee_outbox_failed')).toBe(0);
    expect(sample(body, 'qsee_database_up')).toBe(1);
    // every customer message is a turn, each timed once: 8 for each covered claim, 1 for each hand-off;
    // the five conversations' starts and three typing signs are not customers' messages
    const turns = sample(body, 'qsee_turns_total') as number;
    expect(turns).toBe(2 * 8 + 3);
    expect(sample(body, 'qsee_turn_duration_seconds_count')).toBe(turns);
    expect(sample(body, 'qsee_turn_duration_seconds_bucket{le="+Inf"}')).toBe(turns);
    // prom-client's default metrics, under our prefix
    expect(body).toContain('qsee_nodejs_eventloop_lag_seconds');
    expect(body).toContain('qsee_process_resident_memory_bytes');
    expect(sample(body, 'qsee_metrics_read_errors_total')).toBeUndefined();

    // a scrape counts nothing again, and the queue empties as the agent takes the rest
    const again = await scrape(base);
    expect(sample(again.body, 'qsee_claims_decided_total{outcome="covered",by="bot"}')).toBe(2);
    expect(sample(again.body, 'qsee_handoffs_total{reason="customer_request"}')).toBe(2);
  } finally {
    feed.close();
  }
  // the agent's stream gone: nobody online
  await waitFor(async () => sample((await scrape(base)).body, 'qsee_agents_online') === 0);
});

/** Polls a condition (bounded): for what a closed socket changes on the server a moment later. */
async function waitFor(condition: () => Promise<boolean>, boundMs = 5_000) {
  const until = Date.now() + boundMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('who may scrape', () => {
  test("with METRICS_TOKEN: the right bearer token only (none, a wrong one, an agent's: 401)", async () => {
    ctx = await startTestApp({ env: { METRICS_TOKEN } });
    const { base } = ctx;
    expect((await scrape(base)).status).toBe(401);
    expect((await scrape(base, { Authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await scrape(base, { Authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}` })).status).toBe(401);
    expect((await scrape(base, { Authorization: METRICS_TOKEN })).status).toBe(401);
    expect((await scrape(base, { Authorization: `Bearer ${await agentToken(base)}` })).status).toBe(401);
    // a customer's Direct Line token is no key either
    const session = (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as { token: string };
    expect((await scrape(base, { Authorization: `Bearer ${session.token}` })).status).toBe(401);
    // loopback is not enough once a token is set
    const refused = await scrape(base);
    expect(refused.body).not.toContain('qsee_');
    const ok = await scrape(base, { Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(sample(ok.body, 'qsee_queue_length')).toBe(0);
  });

  test('without METRICS_TOKEN: a loopback caller is served; X-Forwarded-For is not believed without TRUST_PROXY', async () => {
    ctx = await startTestApp();
    expect((await scrape(ctx.base)).status).toBe(200);
    expect((await scrape(ctx.base, { 'X-Forwarded-For': '203.0.113.9' })).status).toBe(200);
  });

  test('without METRICS_TOKEN, behind a trusted proxy: a forwarded public client is refused, a forwarded local one served', async () => {
    ctx = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    const refused = await scrape(ctx.base, { 'X-Forwarded-For': '203.0.113.9' });
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain('qsee_');
    expect((await scrape(ctx.base, { 'X-Forwarded-For': '198.51.100.7, 127.0.0.1' })).status).toBe(401);
    expect((await scrape(ctx.base, { 'X-Forwarded-For': '127.0.0.1' })).status).toBe(200);
  });
});

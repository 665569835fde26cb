import { ClaimEvents } from '../../src/claims/claimEvents';
import { newClaim } from '../../src/domain/claim';
import { countClaimEvents } from '../../src/metrics/claimCounters';
import { OperatorMetrics, type ScrapeSources } from '../../src/metrics/operatorMetrics';

const NOW = new Date('2026-03-02T17:30:00Z');

function sources(overrides: Partial<ScrapeSources> = {}): ScrapeSources {
  return {
    waiting: async () => ({ count: 3, oldestRequestedAt: '2026-03-02T17:28:30Z' }),
    agentsOnline: () => 2,
    outboxPending: async () => 4,
    outboxFailed: async () => 1,
    agentStreams: () => 2,
    directLineStreams: () => 7,
    databaseReady: async () => true,
    now: () => NOW,
    ...overrides,
  };
}

function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return /^nan$/i.test(value) ? Number.NaN : Number(value);
}

test('the gauges are read at scrape time', async () => {
  const { body } = await new OperatorMetrics(sources()).scrape();
  expect(sample(body, 'qsee_queue_length')).toBe(3);
  expect(sample(body, 'qsee_queue_oldest_wait_seconds')).toBe(90);
  expect(sample(body, 'qsee_agents_online')).toBe(2);
  expect(sample(body, 'qsee_outbox_pending')).toBe(4);
  expect(sample(body, 'qsee_outbox_failed')).toBe(1);
  expect(sample(body, 'qsee_websocket_connections{stream="agent"}')).toBe(2);
  expect(sample(body, 'qsee_websocket_connections{stream="directline"}')).toBe(7);
  expect(sample(body, 'qsee_database_up')).toBe(1);
  expect(sample(body, 'qsee_database_check_seconds')).toBeGreaterThanOrEqual(0);
});

test('an empty queue waits 0 s, never a negative wait when another clock runs ahead', async () => {
  let m = new OperatorMetrics(sources({ waiting: async () => ({ count: 0, oldestRequestedAt: null }) }));
  expect(sample((await m.scrape()).body, 'qsee_queue_oldest_wait_seconds')).toBe(0);
  m = new OperatorMetrics(sources({ waiting: async () => ({ count: 1, oldestRequestedAt: '2026-03-02T17:31:00Z' }) }));
  expect(sample((await m.scrape()).body, 'qsee_queue_oldest_wait_seconds')).toBe(0);
});

test('a failing or hanging read does not fail the scrape: its gauge is NaN, counted as a read error; the rest is reported', async () => {
  const never = () => new Promise<never>(() => {});
  const m = new OperatorMetrics(
    sources({
      waiting: async () => {
        throw new Error('database down');
      },
      outboxPending: never,
      databaseReady: never,
    }),
    50,
  );
  const { body } = await m.scrape();
  // prom-client writes "Nan"; Prometheus reads NaN in any case
  expect(sample(body, 'qsee_queue_length')).toBeNaN();
  expect(sample(body, 'qsee_queue_oldest_wait_seconds')).toBeNaN();
  expect(sample(body, 'qsee_outbox_pending')).toBeNaN();
  expect(sample(body, 'qsee_outbox_failed')).toBe(1);
  expect(sample(body, 'qsee_database_up')).toBe(0);
  expect(sample(body, 'qsee_agents_online')).toBe(2);
  expect(sample(body, 'qsee_metrics_read_errors_total{read="queue"}')).toBe(1);
  expect(sample(body, 'qsee_metrics_read_errors_total{read="outbox_pending"}')).toBe(1);
  expect(sample(body, 'qsee_metrics_read_errors_total{read="database"}')).toBe(1);
});

test('two sets of metrics in one process keep their own counts (no global registry)', async () => {
  const a = new OperatorMetrics(sources());
  const b = new OperatorMetrics(sources());
  a.turnDone(0.02);
  a.turnDone(0.3);
  expect(sample((await a.scrape()).body, 'qsee_turns_total')).toBe(2);
  expect(sample((await a.scrape()).body, 'qsee_turn_duration_seconds_bucket{le="0.025"}')).toBe(1);
  expect(sample((await b.scrape()).body, 'qsee_turns_total')).toBe(0);
});

test("the process's metrics come once per scrape, with our prefix, alongside the app's (each family typed once)", async () => {
  const { body, contentType } = await new OperatorMetrics(sources()).scrape();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  const types = body.split('\n').filter((l) => l.startsWith('# TYPE '));
  expect(new Set(types).size).toBe(types.length);
  expect(types).toContain('# TYPE qsee_nodejs_eventloop_lag_seconds gauge');
  expect(types).toContain('# TYPE qsee_nodejs_heap_size_used_bytes gauge');
  expect(types).toContain('# TYPE qsee_turn_duration_seconds histogram');
  expect(types.every((l) => l.startsWith('# TYPE qsee_'))).toBe(true);
});

describe('claim events are counted once committed, once each', () => {
  const claim = (outcome: any, decidedBy: any) => {
    const c = newClaim('c1', 'conv', NOW, 'v1', 'America/New_York');
    return { ...c, decision: { ...c.decision, outcome, decidedBy } };
  };
  const cases = [
    { event: { type: 'claim.decided', claim: claim('covered', 'bot') }, series: 'qsee_claims_decided_total{outcome="covered",by="bot"}' },
    {
      event: { type: 'claim.decided', claim: claim('not_covered', 'agent') },
      series: 'qsee_claims_decided_total{outcome="not_covered",by="agent"}',
    },
    {
      event: { type: 'handoff.requested', claim: claim('needs_agent', null), reason: 'unclear_proof', summary: '' },
      series: 'qsee_handoffs_total{reason="unclear_proof"}',
    },
  ] as const;
  test.each(cases)('$series', async ({ event, series }) => {
    const m = new OperatorMetrics(sources());
    const pending: (() => void)[] = [];
    const events = new ClaimEvents();
    events.on(countClaimEvents(m, (callback) => pending.push(callback)));
    await events.emit(event as any);
    // not yet committed: nothing counted (a commit that fails never runs the callback)
    expect(sample((await m.scrape()).body, series)).toBeUndefined();
    for (const run of pending.splice(0)) run();
    expect(sample((await m.scrape()).body, series)).toBe(1);
  });

  test('a claim updated, or decided with no outcome, counts nothing', async () => {
    const m = new OperatorMetrics(sources());
    const events = new ClaimEvents();
    events.on(countClaimEvents(m, (callback) => callback()));
    await events.emit({ type: 'claim.updated', claim: claim('covered', 'bot') } as any);
    await events.emit({ type: 'claim.decided', claim: claim(null, null) } as any);
    const { body } = await m.scrape();
    expect(body).not.toMatch(/^qsee_claims_decided_total\{/m);
    expect(body).not.toMatch(/^qsee_handoffs_total\{/m);
  });
});

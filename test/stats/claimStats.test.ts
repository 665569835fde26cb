import { type StatsPeriod, statsPeriod } from '../../src/domain/stats/statsPeriod';
import { openTestStorage, type TestStorage } from '../helpers/store';
import { EXPECTED, statsClaim, storePeriod } from './statsClaims';

/* The dashboard's figures from both stores against claims whose truth was worked out by hand (statsClaims.ts). */
let storage: TestStorage;
beforeEach(async () => {
  storage = await openTestStorage();
});
afterEach(async () => {
  await storage.close();
});
const period = (from: string, to: string) => statsPeriod(from, to, 'America/New_York') as StatsPeriod;

test('every field of the summary agrees with the claims stored', async () => {
  await storePeriod(storage);
  const summary = await storage.stats.summary(period('2026-03-01', '2026-03-02'));
  expect(summary.claims).toEqual(EXPECTED.claims);
  expect(summary.handoffs).toEqual(EXPECTED.handoffs);
  expect(summary.firstResponseSeconds).toEqual(EXPECTED.firstResponseSeconds);
  expect(summary.csat.count).toBe(EXPECTED.csat.count);
  expect(summary.csat.average).toBeCloseTo(EXPECTED.csat.average, 10);
  expect(Object.keys(summary.csat.byOutcome).sort()).toEqual(['covered', 'not_covered']);
  expect(summary.csat.byOutcome.covered).toBeCloseTo(EXPECTED.csat.byOutcome.covered, 10);
  expect(summary.csat.byOutcome.not_covered).toBeCloseTo(EXPECTED.csat.byOutcome.not_covered, 10);
  expect(summary.csat.byAgent).toEqual(EXPECTED.csat.byAgent);
  expect(summary.dateCorrections).toBe(EXPECTED.dateCorrections);
});

test('one day, the last of the period: its claims only, to the last millisecond', async () => {
  await storePeriod(storage);
  const summary = await storage.stats.summary(period('2026-03-02', '2026-03-02'));
  // c3, c4, c6, c7, c5 (created 04:59:59.999Z on the 3rd: still the 2nd in New York)
  expect(summary.claims.total).toBe(5);
  expect(summary.claims.byOutcome).toEqual({ covered: 2, not_covered: 1, awaiting_proof: 1, needs_agent: 1, none: 0 });
  expect(
    await storage.stats.countDateCorrections(period('2026-03-03', '2026-03-03').fromIso, period('2026-03-03', '2026-03-03').toIso),
  ).toBe(0);
  expect((await storage.stats.summary(period('2026-03-03', '2026-03-03'))).firstResponseSeconds).toEqual({ p50: 1000, p90: 1000 });
});

test('an empty period: zeros, no first response, no averages', async () => {
  await storePeriod(storage);
  expect(await storage.stats.summary(period('2025-01-01', '2025-12-31'))).toEqual({
    claims: {
      total: 0,
      byOutcome: { covered: 0, not_covered: 0, awaiting_proof: 0, needs_agent: 0, none: 0 },
      decidedBy: { bot: 0, agent: 0 },
    },
    handoffs: { total: 0, byReason: {} },
    firstResponseSeconds: null,
    csat: { count: 0, average: null, byOutcome: {}, byAgent: {} },
    dateCorrections: 0,
  });
});

test('percentiles are the nearest rank over ten answers', async () => {
  for (let i = 1; i <= 10; i++) {
    const requested = new Date(Date.UTC(2026, 2, 1, 12, i));
    await storage.claims.insert(
      statsClaim(`p${i}`, requested.toISOString(), {
        reason: 'customer_request',
        requestedAt: requested.toISOString(),
        firstResponseAt: new Date(requested.getTime() + i * 1000).toISOString(),
      }),
    );
  }
  await storage.commits.durable();
  expect((await storage.stats.summary(period('2026-03-01', '2026-03-01'))).firstResponseSeconds).toEqual({ p50: 5, p90: 9 });
});

test('rows: the period in creation order, paged, without names or customer text', async () => {
  await storePeriod(storage);
  const p = period('2026-03-01', '2026-03-02');
  const first = await storage.stats.rows(p, null, 3);
  expect(first.map((r) => r.id)).toEqual(['c1', 'c2', 'c8']);
  const rest = await storage.stats.rows(p, { createdAt: first[2].createdAt, id: first[2].id }, 100);
  expect(rest.map((r) => r.id)).toEqual(['c3', 'c4', 'c6', 'c7', 'c5']);
  expect(rest[3]).toEqual({
    id: 'c7',
    createdAt: '2026-03-02T21:00:00.000Z',
    status: 'with_agent',
    outcome: 'covered',
    decidedBy: 'agent',
    handoffReason: 'unclear_proof',
    agent: 'ana',
    requestedAt: '2026-03-02T21:00:00.000Z',
    firstResponseAt: '2026-03-02T21:00:10.500Z',
    firstResponseSeconds: 10.5,
    csatScore: 5,
  });
  expect(rest[4].firstResponseSeconds).toBeNull();
  expect(JSON.stringify([...first, ...rest])).not.toMatch(/Secret|secret@|customer words|a comment/);
});

test('rows with the same creation time are all given, across pages', async () => {
  for (const id of ['b', 'a', 'c', 'e', 'd']) await storage.claims.insert(statsClaim(id, '2026-03-01T12:00:00.000Z'));
  await storage.commits.durable();
  const p = period('2026-03-01', '2026-03-01');
  const seen: string[] = [];
  let page = await storage.stats.rows(p, null, 2);
  while (page.length > 0) {
    seen.push(...page.map((r) => r.id));
    const last = page[page.length - 1];
    page = await storage.stats.rows(p, last, 2);
  }
  expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
});

import type { Claim } from '../../src/domain/claim';
import type { Storage } from '../../src/storage/storage';
import { statsClaim } from '../stats/statsClaims';
import { agentToken } from './testApp';

/**
 * Claims for the dashboard's browser test (test/e2e/dashboard.test.ts), each figure worked out by hand
 * below. The period is 2026-02-16..2026-02-22 in the test app's SUPPORT_TIMEZONE (America/New_York,
 * EST in February): [2026-02-16T05:00Z, 2026-02-23T05:00Z). d1..d9 are in it, o1 and o2 one
 * millisecond outside on either side.
 */
export const PERIOD = { from: '2026-02-16', to: '2026-02-22' };

/** A hand-off reason as a stored claim could carry it: the page must show it as text, never as markup. */
export const HOSTILE_REASON = '<img src=x onerror="window.__owned=1">';
/** A customer's words the assistant misread, with markup in them. */
export const HOSTILE_WORDS = '<b>the 3rd</b> of last month';

const withPurchase = (claim: Claim, purchase: Partial<Claim['purchase']>): Claim => {
  claim.purchase = { ...claim.purchase, ...purchase };
  return claim;
};

export const DASHBOARD_CLAIMS: Claim[] = [
  withPurchase(statsClaim('o1', '2026-02-16T04:59:59.999Z', { status: 'not_covered', outcome: 'not_covered', by: 'bot', score: 1 }), {
    text: 'last christmas',
    date: '2025-12-25',
  }),
  statsClaim('d1', '2026-02-16T05:00:00.000Z', { status: 'rma_issued', outcome: 'covered', by: 'bot', score: 5 }),
  statsClaim('d2', '2026-02-17T14:00:00.000Z', { status: 'not_covered', outcome: 'not_covered', by: 'bot', score: 1 }),
  statsClaim('d3', '2026-02-18T09:00:00.000Z', { status: 'awaiting_proof', outcome: 'awaiting_proof', by: 'bot' }),
  statsClaim('d4', '2026-02-18T15:00:00.000Z', {
    outcome: 'covered',
    by: 'agent',
    reason: 'customer_request',
    agent: 'ana',
    requestedAt: '2026-02-18T15:00:00.000Z',
    firstResponseAt: '2026-02-18T15:00:45.000Z',
    score: 4,
  }),
  withPurchase(
    statsClaim('d5', '2026-02-19T10:00:00.000Z', {
      status: 'not_covered',
      outcome: 'not_covered',
      by: 'agent',
      reason: 'ambiguous_purchase_date',
      agent: 'bo',
      requestedAt: '2026-02-19T10:02:00.000Z',
      firstResponseAt: '2026-02-19T10:04:00.000Z',
      score: 2,
    }),
    { text: HOSTILE_WORDS, date: '2026-01-03' },
  ),
  statsClaim('d6', '2026-02-20T16:00:00.000Z', {
    status: 'rma_issued',
    outcome: 'covered',
    by: 'agent',
    reason: 'unclear_proof',
    agent: 'ana',
    requestedAt: '2026-02-20T16:00:00.000Z',
    firstResponseAt: '2026-02-20T16:05:00.000Z',
  }),
  statsClaim('d7', '2026-02-21T20:00:00.000Z', { status: 'in_progress' }),
  withPurchase(
    statsClaim('d8', '2026-02-22T12:00:00.000Z', {
      status: 'pending_agent',
      outcome: 'needs_agent',
      reason: HOSTILE_REASON as Claim['handoff']['reason'],
      requestedAt: '2026-02-22T12:00:00.000Z',
    }),
    { text: "around valentine's day", date: null, earliest: '2026-02-13', latest: '2026-02-15' },
  ),
  // 23:59:59.999 on the period's last day in New York
  statsClaim('d9', '2026-02-23T04:59:59.999Z', {
    outcome: 'covered',
    by: 'agent',
    reason: 'customer_request',
    agent: 'bo',
    requestedAt: '2026-02-23T04:59:00.000Z',
    firstResponseAt: '2026-02-23T04:59:10.000Z',
    score: 5,
  }),
  statsClaim('o2', '2026-02-23T05:00:00.000Z', {
    outcome: 'covered',
    by: 'agent',
    reason: 'customer_request',
    agent: 'cy',
    requestedAt: '2026-02-23T05:00:00.000Z',
    firstResponseAt: '2026-02-23T05:16:40.000Z',
    score: 1,
  }),
];

/** The purchase dates ana (an admin) corrects through the API, in this order: d5 and d8 in the period, o1 before it. */
export const DATE_CORRECTIONS: [claimId: string, day: string][] = [
  ['d5', '2025-12-03'],
  ['d8', '2026-02-14'],
  ['o1', '2024-12-25'],
];

/**
 * Stores the claims, then corrects their dates as an admin does (POST /api/agent/claims/:id/corrections),
 * so the corrections carry the customer's words as the product records them. A claim is corrected while
 * people deal with it: each is stored waiting for an agent first, and decided as listed once corrected.
 */
export async function seedDashboard(storage: Storage, base: string): Promise<void> {
  const corrected = new Set(DATE_CORRECTIONS.map(([id]) => id));
  for (const claim of DASHBOARD_CLAIMS)
    await storage.claims.insert(corrected.has(claim.id) ? { ...claim, status: 'pending_agent' } : claim);
  await storage.commits.durable();
  const token = await agentToken(base);
  for (const [claimId, value] of DATE_CORRECTIONS) {
    const res = await fetch(`${base}/api/agent/claims/${claimId}/corrections`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ field: 'purchase_date', value }),
    });
    if (res.status !== 200) throw new Error(`correcting ${claimId}: ${res.status} ${await res.text()}`);
    const claim = (await storage.claims.get(claimId)) as Claim;
    const listed = DASHBOARD_CLAIMS.find((c) => c.id === claimId) as Claim;
    await storage.claims.save({ ...claim, status: listed.status });
  }
  await storage.commits.durable();
}

/*
 * Worked out by hand, for d1..d9:
 * - outcomes: covered d1 d4 d6 d9 = 4, not covered d2 d5 = 2, awaiting proof d3, needs an agent d8, none d7 (9 claims)
 * - decided by the assistant d1 d2 d3 = 3, by people d4 d5 d6 d9 = 4
 * - hand-offs d4 d5 d6 d8 d9 = 5: customer_request d4 d9, ambiguous_purchase_date d5, unclear_proof d6, the hostile one d8
 * - first responses 45 (d4), 120 (d5), 300 (d6), 10 (d9) s; sorted 10 45 120 300, nearest rank:
 *   p50 the ⌈2⌉nd = 45, p90 the ⌈3.6⌉th = 300
 * - ratings d1 5, d2 1, d4 4, d5 2, d9 5: 5 ratings, 17/5 = 3.40; covered (5+4+5)/3 = 4.67, not covered (1+2)/2 = 1.50;
 *   ana d4 = 4.00, bo (2+5)/2 = 3.50 (d1 and d2 had no agent)
 * - date corrections: d5, d8 (o1's is outside) = 2
 * With o1 and o2 too (the last 30 days): 11 claims, 6 hand-offs, 7 ratings averaging 19/7 = 2.71, 3 date corrections.
 */

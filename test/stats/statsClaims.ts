import { type Claim, newClaim } from '../../src/domain/claim';
import type { Storage } from '../../src/storage/storage';

/** A claim created at `createdAt` with the dashboard's fields set. */
export function statsClaim(
  id: string,
  createdAt: string,
  f: {
    status?: Claim['status'];
    outcome?: Claim['decision']['outcome'];
    by?: Claim['decision']['decidedBy'];
    reason?: Claim['handoff']['reason'];
    agent?: string;
    requestedAt?: string;
    firstResponseAt?: string;
    score?: number;
  } = {},
): Claim {
  const claim = newClaim(id, `conv-${id}`, new Date(createdAt), 'test', 'America/New_York');
  claim.status = f.status ?? 'closed';
  claim.customer = { name: 'Secret Name', email: 'secret@example.com' };
  claim.problem.text = 'customer words, not for the CSV';
  claim.decision.outcome = f.outcome ?? null;
  claim.decision.decidedBy = f.by ?? null;
  claim.handoff.reason = f.reason ?? null;
  claim.handoff.agent = f.agent ?? null;
  claim.handoff.requestedAt = f.requestedAt ?? null;
  claim.handoff.firstResponseAt = f.firstResponseAt ?? null;
  claim.csat = { score: f.score ?? null, comment: f.score === undefined ? null : 'a comment, not for the CSV' };
  return claim;
}

/**
 * The period 2026-03-01..2026-03-02 in America/New_York is [2026-03-01T05:00Z, 2026-03-03T05:00Z).
 * In it: c1..c8; just outside on either side: o1, o2. EXPECTED is worked out by hand from them.
 */
export const PERIOD_CLAIMS: Claim[] = [
  statsClaim('o1', '2026-03-01T04:59:59.999Z', { outcome: 'covered', by: 'bot', score: 1 }),
  statsClaim('c1', '2026-03-01T05:00:00.000Z', { status: 'rma_issued', outcome: 'covered', by: 'bot', score: 5 }),
  statsClaim('c2', '2026-03-01T12:00:00.000Z', { status: 'not_covered', outcome: 'not_covered', by: 'bot', score: 2 }),
  statsClaim('c8', '2026-03-01T15:00:00.000Z', { status: 'in_progress' }),
  statsClaim('c3', '2026-03-02T10:00:00.000Z', {
    outcome: 'covered',
    by: 'agent',
    reason: 'customer_request',
    agent: 'ana',
    requestedAt: '2026-03-02T10:01:00.000Z',
    firstResponseAt: '2026-03-02T10:01:30.000Z',
    score: 4,
  }),
  statsClaim('c4', '2026-03-02T11:00:00.000Z', {
    outcome: 'not_covered',
    by: 'agent',
    reason: 'ambiguous_purchase_date',
    agent: 'bo',
    requestedAt: '2026-03-02T11:00:00.000Z',
    firstResponseAt: '2026-03-02T11:02:00.000Z',
    score: 3,
  }),
  statsClaim('c6', '2026-03-02T20:00:00.000Z', { status: 'awaiting_proof', outcome: 'awaiting_proof', by: 'bot' }),
  statsClaim('c7', '2026-03-02T21:00:00.000Z', {
    status: 'with_agent',
    outcome: 'covered',
    by: 'agent',
    reason: 'unclear_proof',
    agent: 'ana',
    requestedAt: '2026-03-02T21:00:00.000Z',
    firstResponseAt: '2026-03-02T21:00:10.500Z',
    score: 5,
  }),
  statsClaim('c5', '2026-03-03T04:59:59.999Z', {
    status: 'pending_agent',
    outcome: 'needs_agent',
    reason: 'customer_request',
    requestedAt: '2026-03-03T04:59:59.999Z',
  }),
  statsClaim('o2', '2026-03-03T05:00:00.000Z', {
    outcome: 'covered',
    by: 'agent',
    reason: 'customer_request',
    agent: 'ana',
    requestedAt: '2026-03-03T05:00:00.000Z',
    firstResponseAt: '2026-03-03T05:16:40.000Z',
    score: 1,
  }),
];

/** Corrections (fields as src/domain/factCorrection.ts names them): c3's date twice (one claim), c7's date, c4's product (not a date), o1's date (outside). */
export const CORRECTIONS: [claimId: string, field: string][] = [
  ['c3', 'purchase_date'],
  ['c3', 'purchase_date'],
  ['c7', 'purchase_date'],
  ['c4', 'product'],
  ['o1', 'purchase_date'],
];

export const EXPECTED = {
  claims: {
    total: 8,
    byOutcome: { covered: 3, not_covered: 2, awaiting_proof: 1, needs_agent: 1, none: 1 },
    decidedBy: { bot: 3, agent: 3 },
  },
  handoffs: { total: 4, byReason: { customer_request: 2, ambiguous_purchase_date: 1, unclear_proof: 1 } },
  // answered: 10.5, 30, 120 s; nearest rank: p50 the 2nd (ceil 1.5), p90 the 3rd (ceil 2.7)
  firstResponseSeconds: { p50: 30, p90: 120 },
  csat: { count: 5, average: 19 / 5, byOutcome: { covered: 14 / 3, not_covered: 2.5 }, byAgent: { ana: 4.5, bo: 3 } },
  dateCorrections: 2,
};

/** Records a correction as the corrections feature does: a row in claim_corrections (no port here writes one). */
export async function addCorrection(storage: Storage, claimId: string, field: string): Promise<void> {
  const values = [claimId, field, '2025-01-01', '2025-01-10', 'ana', '2026-03-04T10:00:00.000Z', 'the tenth of jan'];
  const sql = 'INSERT INTO claim_corrections (claim_id, field, old_value, new_value, agent, at, customer_words) VALUES';
  const raw = storage as unknown as {
    db: { prepare?: (s: string) => { run(...v: unknown[]): void }; query?: (s: string, v: unknown[]) => Promise<unknown> };
  };
  if (raw.db.prepare) raw.db.prepare(`${sql} (?, ?, ?, ?, ?, ?, ?)`).run(...values);
  else await raw.db.query?.(`${sql} ($1, $2, $3, $4, $5, $6, $7)`, values);
}

/** Stores the claims and corrections above. */
export async function storePeriod(storage: Storage): Promise<void> {
  for (const claim of PERIOD_CLAIMS) await storage.claims.insert(claim);
  for (const [claimId, field] of CORRECTIONS) await addCorrection(storage, claimId, field);
  await storage.commits.durable();
}

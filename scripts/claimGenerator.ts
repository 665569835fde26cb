import { type Claim, newClaim } from '../src/domain/claim';
import { HANDOFF_REASONS } from '../src/domain/eligibility';
import type { Storage } from '../src/storage/storage';

/** A small seeded PRNG (mulberry32): the same seed gives the same claims on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = Array.from({ length: 20 }, (_, i) => `agent${String(i + 1).padStart(2, '0')}`);

/**
 * `n` claims spread evenly over [fromIso, toIso), in creation order, shaped like the service's traffic:
 * about two in three decided by the assistant (covered, not covered, waiting for proof), one in four
 * handed to a person (reasons, one of 20 agents, a first response from seconds to an hour), some not
 * finished, and a rating on two in five of the finished ones.
 */
export function* realisticClaims(n: number, fromIso: string, toIso: string, seed = 21): Generator<Claim> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const start = Date.parse(fromIso);
  const step = (Date.parse(toIso) - start) / n;
  for (let i = 0; i < n; i++) {
    const created = new Date(start + Math.floor(i * step + next() * step));
    const claim = newClaim(`gen-${seed}-${i}`, `gen-conversation-${i}`, created, '2026-01', 'America/New_York');
    claim.channel = 'directline';
    claim.product = { text: 'QT5682 bullet camera', model: 'QT5682', source: 'catalogue', family: 'bullet' };
    claim.purchase = { text: 'about ten days ago', date: '2026-01-01', earliest: '2026-01-01', latest: '2026-01-01', readings: [] };
    const r = next();
    if (r < 0.08) {
      claim.status = 'in_progress';
    } else if (r < 0.72) {
      const outcome = r < 0.5 ? 'covered' : r < 0.62 ? 'not_covered' : 'awaiting_proof';
      claim.decision = { outcome, reasons: [], bot: { outcome, reasons: [] }, decidedBy: 'bot', note: null };
      claim.status = outcome === 'covered' ? 'rma_issued' : outcome;
    } else {
      const requested = created.getTime() + Math.floor(next() * 300_000);
      claim.handoff.reason = pick(HANDOFF_REASONS);
      claim.handoff.requestedAt = new Date(requested).toISOString();
      claim.decision.outcome = 'needs_agent';
      if (r < 0.97) {
        // answered: mostly within minutes, a long tail to an hour
        const wait = Math.floor(1000 * 3600 * next() ** 4);
        claim.handoff.agent = pick(AGENTS);
        claim.handoff.acceptedAt = new Date(requested + wait).toISOString();
        claim.handoff.firstResponseAt = new Date(requested + wait + Math.floor(next() * 20_000)).toISOString();
        const outcome = next() < 0.6 ? 'covered' : 'not_covered';
        claim.decision = { outcome, reasons: [], bot: null, decidedBy: 'agent', note: null };
        claim.status = 'closed';
      } else {
        claim.status = 'pending_agent';
      }
    }
    if (claim.status !== 'in_progress' && claim.status !== 'pending_agent' && next() < 0.4) {
      const happy = claim.decision.outcome === 'covered' ? 0.8 : 0.35;
      claim.csat = { score: next() < happy ? 4 + Math.round(next()) : 1 + Math.floor(next() * 3), comment: null };
    }
    claim.updatedAt = claim.handoff.firstResponseAt ?? claim.createdAt;
    yield claim;
  }
}

/** Stores the claims in batches, each one unit of work (one transaction; on PostgreSQL, few round trips). */
export async function fillStore(storage: Storage, claims: Iterable<Claim>, batch = 5000): Promise<number> {
  let count = 0;
  let pending: Claim[] = [];
  const write = async (claimsOfBatch: Claim[]) => {
    await storage.commits.unit(async () => {
      for (const claim of claimsOfBatch) await storage.claims.insert(claim);
    });
    await storage.commits.durable();
  };
  for (const claim of claims) {
    pending.push(claim);
    count++;
    if (pending.length === batch) {
      await write(pending);
      pending = [];
    }
  }
  if (pending.length > 0) await write(pending);
  return count;
}

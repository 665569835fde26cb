import { type ClaimStatsSummary, STATS_OUTCOMES, zeroOutcomes } from './claimStats';

/**
 * One group of the period's claims, as both stores' GROUP BY gives it: a handful of rows per
 * outcome, decider, hand-off reason and agent, whatever the number of claims.
 */
export interface StatsGroup {
  outcome: string | null;
  decidedBy: string | null;
  reason: string | null;
  agent: string | null;
  handedOff: boolean;
  claims: number;
  rated: number;
  scoreSum: number;
}

const isOutcome = (o: string): o is (typeof STATS_OUTCOMES)[number] => (STATS_OUTCOMES as readonly string[]).includes(o);

/** The summary (less the first response and corrections) from the groups: sums of counts, averages of sums. */
export function foldStatsGroups(groups: StatsGroup[]): Omit<ClaimStatsSummary, 'firstResponseSeconds' | 'dateCorrections'> {
  const byOutcome = zeroOutcomes();
  const decidedBy = { bot: 0, agent: 0 };
  const byReason: Record<string, number> = {};
  const csatBy = { outcome: new Map<string, [number, number]>(), agent: new Map<string, [number, number]>() };
  const add = (map: Map<string, [number, number]>, key: string, sum: number, n: number) => {
    const [s, c] = map.get(key) ?? [0, 0];
    map.set(key, [s + sum, c + n]);
  };
  let total = 0;
  let handoffs = 0;
  let rated = 0;
  let scoreSum = 0;
  for (const g of groups) {
    // an outcome the contract does not name (bad data) is no decision: the outcomes still add up to the total
    const outcome = g.outcome !== null && isOutcome(g.outcome) ? g.outcome : 'none';
    total += g.claims;
    byOutcome[outcome] += g.claims;
    if (g.decidedBy === 'bot' || g.decidedBy === 'agent') decidedBy[g.decidedBy] += g.claims;
    if (g.handedOff) {
      handoffs += g.claims;
      const reason = g.reason ?? 'unknown';
      byReason[reason] = (byReason[reason] ?? 0) + g.claims;
    }
    if (g.rated > 0) {
      rated += g.rated;
      scoreSum += g.scoreSum;
      add(csatBy.outcome, outcome, g.scoreSum, g.rated);
      // an agent who gave the claim back to the assistant, which then decided it, is not rated for it
      if (g.agent && g.decidedBy !== 'bot') add(csatBy.agent, g.agent, g.scoreSum, g.rated);
    }
  }
  const averages = (map: Map<string, [number, number]>) => Object.fromEntries([...map].map(([k, [s, n]]) => [k, s / n]));
  return {
    claims: { total, byOutcome, decidedBy },
    handoffs: { total: handoffs, byReason },
    csat: {
      count: rated,
      average: rated > 0 ? scoreSum / rated : null,
      byOutcome: averages(csatBy.outcome),
      byAgent: averages(csatBy.agent),
    },
  };
}

import type { StatsPeriod } from '../domain/stats/statsPeriod';

/** The outcomes counted, `none` for claims not decided yet. */
export const STATS_OUTCOMES = ['covered', 'not_covered', 'awaiting_proof', 'needs_agent', 'none'] as const;

/** The dashboard's figures for the claims created in a period (design.md, "Dashboard"). */
export interface ClaimStatsSummary {
  claims: { total: number; byOutcome: Record<(typeof STATS_OUTCOMES)[number], number>; decidedBy: { bot: number; agent: number } };
  handoffs: { total: number; byReason: Record<string, number> };
  /** From the hand-off to the first message an agent typed, nearest-rank percentiles; null when no claim has both. */
  firstResponseSeconds: { p50: number; p90: number } | null;
  csat: { count: number; average: number | null; byOutcome: Record<string, number>; byAgent: Record<string, number> };
  dateCorrections: number;
}

/** One claim of the CSV export: no names, emails or customer text. */
export interface ClaimStatsRow {
  id: string;
  createdAt: string;
  status: string;
  outcome: string | null;
  decidedBy: string | null;
  handoffReason: string | null;
  agent: string | null;
  requestedAt: string | null;
  firstResponseAt: string | null;
  firstResponseSeconds: number | null;
  csatScore: number | null;
}

/** Where the CSV export has got to: the last row given (claims in createdAt, id order). */
export interface StatsRowCursor {
  createdAt: string;
  id: string;
}

/**
 * The supervisor's figures, computed by the database (aggregates over the claims' stored fields, no
 * claim loaded into the server), and the agents' corrections of what the assistant read.
 */
export interface ClaimStats {
  summary(period: StatsPeriod): Promise<ClaimStatsSummary>;
  /** A page of the period's claims after `after`, oldest first: the CSV export pages through them. */
  rows(period: StatsPeriod, after: StatsRowCursor | null, limit: number): Promise<ClaimStatsRow[]>;
  /** The claims created in [fromIso, toIso) whose purchase date an agent corrected (each counted once). */
  countDateCorrections(fromIso: string, toIso: string): Promise<number>;
}

/** The `field` of a correction to the purchase date in claim_corrections, as src/domain/factCorrection.ts names it. */
export const PURCHASE_DATE_FIELDS = ['purchase_date'] as const;
/** SQL: `column` names a purchase-date correction (the names above are ours: no caller's text is spliced in). */
export const isPurchaseDateField = (column: string) => `${column} IN (${PURCHASE_DATE_FIELDS.map((f) => `'${f}'`).join(', ')})`;

/** Zeros for every outcome, so the JSON always carries all five keys. */
export const zeroOutcomes = (): ClaimStatsSummary['claims']['byOutcome'] => ({
  covered: 0,
  not_covered: 0,
  awaiting_proof: 0,
  needs_agent: 0,
  none: 0,
});

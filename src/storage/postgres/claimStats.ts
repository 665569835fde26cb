import type { StatsPeriod } from '../../domain/stats/statsPeriod';
import { type ClaimStats, type ClaimStatsRow, type ClaimStatsSummary, PURCHASE_DATE_FIELDS, type StatsRowCursor } from '../claimStats';
import { foldStatsGroups } from '../statsFold';
import type { PgDatabase } from './pgDatabase';

/** The claim fields the stats read. */
const F = {
  outcome: "data -> 'decision' ->> 'outcome'",
  decidedBy: "data -> 'decision' ->> 'decidedBy'",
  reason: "data -> 'handoff' ->> 'reason'",
  agent: "data -> 'handoff' ->> 'agent'",
  requestedAt: "data -> 'handoff' ->> 'requestedAt'",
  firstResponseAt: "data -> 'handoff' ->> 'firstResponseAt'",
  score: "(data -> 'csat' ->> 'score')::float8",
};
/** Seconds to the millisecond, as SQLite's round(…, 3). */
const SECONDS = `round(extract(epoch FROM ((${F.firstResponseAt})::timestamptz - (${F.requestedAt})::timestamptz)), 3)::float8`;
const BOTH_STAMPS = `${F.requestedAt} IS NOT NULL AND ${F.firstResponseAt} IS NOT NULL`;

export class PgClaimStats implements ClaimStats {
  constructor(private readonly db: PgDatabase) {}

  async summary(period: StatsPeriod): Promise<ClaimStatsSummary> {
    const range = [period.fromIso, period.toIso];
    // one after the other: the statements may share one connection (pg refuses overlapping queries on a client)
    const [groups, firstResponse, dateCorrections] = [
      await this.db.query<{
        outcome: string | null;
        decidedBy: string | null;
        reason: string | null;
        agent: string | null;
        handedOff: boolean;
        claims: string;
        rated: string;
        scoreSum: number;
      }>(
        `SELECT ${F.outcome} AS outcome, ${F.decidedBy} AS "decidedBy", ${F.reason} AS reason, ${F.agent} AS agent,
                (${F.requestedAt} IS NOT NULL OR ${F.reason} IS NOT NULL) AS "handedOff",
                COUNT(*) AS claims, COUNT(${F.score}) AS rated, COALESCE(SUM(${F.score}), 0)::float8 AS "scoreSum"
           FROM claims WHERE created_at >= $1 AND created_at < $2
          GROUP BY 1, 2, 3, 4, 5`,
        range,
      ),
      // percentile_disc is the nearest rank (domain/stats/percentile.ts), which SQLite's store reads too
      await this.db.query<{ p50: number | null; p90: number | null }>(
        `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_disc(0.9) WITHIN GROUP (ORDER BY s) AS p90
           FROM (SELECT ${SECONDS} AS s FROM claims WHERE created_at >= $1 AND created_at < $2 AND ${BOTH_STAMPS}) answered`,
        range,
      ),
      await this.countDateCorrections(period.fromIso, period.toIso),
    ];
    const { p50, p90 } = firstResponse.rows[0];
    return {
      ...foldStatsGroups(groups.rows.map((g) => ({ ...g, claims: Number(g.claims), rated: Number(g.rated) }))),
      firstResponseSeconds: p50 === null || p90 === null ? null : { p50, p90 },
      dateCorrections,
    };
  }

  async rows(period: StatsPeriod, after: StatsRowCursor | null, limit: number): Promise<ClaimStatsRow[]> {
    const { rows } = await this.db.query<ClaimStatsRow>(
      `SELECT id, created_at AS "createdAt", status, ${F.outcome} AS outcome, ${F.decidedBy} AS "decidedBy",
              ${F.reason} AS "handoffReason", ${F.agent} AS agent, ${F.requestedAt} AS "requestedAt",
              ${F.firstResponseAt} AS "firstResponseAt", CASE WHEN ${BOTH_STAMPS} THEN ${SECONDS} END AS "firstResponseSeconds",
              ${F.score} AS "csatScore"
         FROM claims WHERE created_at >= $1 AND created_at < $2 AND (created_at, id) > ($3, $4)
        ORDER BY created_at, id LIMIT $5`,
      [period.fromIso, period.toIso, after?.createdAt ?? '', after?.id ?? '', limit],
    );
    return rows;
  }

  async countDateCorrections(fromIso: string, toIso: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT COUNT(DISTINCT k.claim_id) AS n FROM claim_corrections k JOIN claims c ON c.id = k.claim_id
        WHERE k.field = ANY($1) AND c.created_at >= $2 AND c.created_at < $3`,
      [[...PURCHASE_DATE_FIELDS], fromIso, toIso],
    );
    return Number(rows[0].n);
  }
}

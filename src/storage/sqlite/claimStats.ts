import { nearestRankIndex } from '../../domain/stats/percentile';
import type { StatsPeriod } from '../../domain/stats/statsPeriod';
import { type ClaimStats, type ClaimStatsRow, type ClaimStatsSummary, PURCHASE_DATE_FIELDS, type StatsRowCursor } from '../claimStats';
import { foldStatsGroups, type StatsGroup } from '../statsFold';
import type { GroupCommit } from './groupCommit';
import type { SqliteReaderThread } from './readerThread';

/**
 * The claim fields the stats read, spelled exactly as in the claims_stats index (database.ts): SQLite
 * then reads them from the index alone, never the claims' JSON.
 */
const F = {
  outcome: "json_extract(data, '$.decision.outcome')",
  decidedBy: "json_extract(data, '$.decision.decidedBy')",
  reason: "json_extract(data, '$.handoff.reason')",
  agent: "json_extract(data, '$.handoff.agent')",
  requestedAt: "json_extract(data, '$.handoff.requestedAt')",
  firstResponseAt: "json_extract(data, '$.handoff.firstResponseAt')",
  score: "json_extract(data, '$.csat.score')",
};
const SECONDS = `round(unixepoch(${F.firstResponseAt}, 'subsec') - unixepoch(${F.requestedAt}, 'subsec'), 3)`;
const IN_PERIOD = 'created_at >= ? AND created_at < ?';
const BOTH_STAMPS = `${F.requestedAt} IS NOT NULL AND ${F.firstResponseAt} IS NOT NULL`;

/**
 * The stats read on a second connection on a worker thread (readerThread.ts): a long period is seconds of
 * SQLite work that would otherwise stop every turn. Each read first waits for what was written before it
 * to be committed, since that connection sees only commits.
 */
export class SqliteClaimStats implements ClaimStats {
  private readonly groupsSql: string;
  private readonly answeredSql: string;
  private readonly nthSql: string;
  private readonly rowsSql: string;
  private readonly firstRowsSql: string;
  private readonly correctionsSql: string;

  constructor(
    private readonly commits: Pick<GroupCommit, 'durable'>,
    private readonly reader: Pick<SqliteReaderThread, 'all'>,
  ) {
    const handedOff = `(${F.requestedAt} IS NOT NULL OR ${F.reason} IS NOT NULL)`;
    // grouping on the indexed expressions themselves reads each claim's JSON; from a subquery that is not
    // flattened (LIMIT -1) SQLite reads them from the index (EXPLAIN QUERY PLAN: COVERING INDEX claims_stats)
    this.groupsSql = `SELECT outcome, decidedBy, reason, agent, handedOff, COUNT(*) AS claims, COUNT(score) AS rated, COALESCE(SUM(score), 0) AS scoreSum
         FROM (SELECT ${F.outcome} AS outcome, ${F.decidedBy} AS decidedBy, ${F.reason} AS reason, ${F.agent} AS agent,
                      ${handedOff} AS handedOff, ${F.score} AS score
                 FROM claims WHERE ${IN_PERIOD} LIMIT -1)
        GROUP BY 1, 2, 3, 4, 5`;
    this.answeredSql = `SELECT COUNT(*) AS n FROM claims WHERE ${IN_PERIOD} AND ${BOTH_STAMPS}`;
    this.nthSql = `SELECT ${SECONDS} AS s FROM claims WHERE ${IN_PERIOD} AND ${BOTH_STAMPS} ORDER BY 1 LIMIT 1 OFFSET ?`;
    const columns = `id, created_at AS createdAt, status, ${F.outcome} AS outcome, ${F.decidedBy} AS decidedBy,
      ${F.reason} AS handoffReason, ${F.agent} AS agent, ${F.requestedAt} AS requestedAt,
      ${F.firstResponseAt} AS firstResponseAt, CASE WHEN ${BOTH_STAMPS} THEN ${SECONDS} END AS firstResponseSeconds,
      ${F.score} AS csatScore`;
    this.firstRowsSql = `SELECT ${columns} FROM claims WHERE ${IN_PERIOD} ORDER BY created_at, id LIMIT ?`;
    // the next page starts where the last ended, in the index (a row value comparison would be a filter: each
    // page would read the period again from its start)
    this.rowsSql = `SELECT ${columns} FROM claims WHERE created_at >= ? AND created_at < ? AND (created_at > ? OR id > ?)
        ORDER BY created_at, id LIMIT ?`;
    this.correctionsSql = `SELECT COUNT(DISTINCT k.claim_id) AS n FROM claim_corrections k JOIN claims c ON c.id = k.claim_id
        WHERE k.field IN (${PURCHASE_DATE_FIELDS.map(() => '?').join(', ')}) AND c.created_at >= ? AND c.created_at < ?`;
  }

  async summary(period: StatsPeriod): Promise<ClaimStatsSummary> {
    const range = [period.fromIso, period.toIso];
    const groups = (await this.read<Omit<StatsGroup, 'handedOff'> & { handedOff: number }>(this.groupsSql, range)).map((g) => ({
      ...g,
      handedOff: g.handedOff === 1,
    }));
    const [{ n: answered }] = await this.read<{ n: number }>(this.answeredSql, range);
    const nth = async (p: number) => (await this.read<{ s: number }>(this.nthSql, [...range, nearestRankIndex(p, answered)]))[0].s;
    return {
      ...foldStatsGroups(groups),
      firstResponseSeconds: answered > 0 ? { p50: await nth(0.5), p90: await nth(0.9) } : null,
      dateCorrections: await this.countDateCorrections(period.fromIso, period.toIso),
    };
  }

  async rows(period: StatsPeriod, after: StatsRowCursor | null, limit: number): Promise<ClaimStatsRow[]> {
    return after
      ? this.read<ClaimStatsRow>(this.rowsSql, [after.createdAt, period.toIso, after.createdAt, after.id, limit])
      : this.read<ClaimStatsRow>(this.firstRowsSql, [period.fromIso, period.toIso, limit]);
  }

  async countDateCorrections(fromIso: string, toIso: string): Promise<number> {
    return (await this.read<{ n: number }>(this.correctionsSql, [...PURCHASE_DATE_FIELDS, fromIso, toIso]))[0].n;
  }

  /** A read of everything committed so far, on the reader thread. */
  private async read<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    await this.commits.durable();
    return this.reader.all<R>(sql, params);
  }
}

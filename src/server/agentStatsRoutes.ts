import type { Request, Response, Server } from 'restify';
import type { AgentTokens } from '../agents/agentTokens';
import { csvLine } from '../domain/stats/csvRow';
import { isPeriodError, type StatsPeriod, statsPeriod } from '../domain/stats/statsPeriod';
import type { Logger } from '../logger';
import type { ClaimCorrections } from '../storage/claimCorrections';
import type { ClaimStats, ClaimStatsRow } from '../storage/claimStats';
import { ConcurrencyLimit } from './concurrencyLimit';
import { fail, route, sendJson } from './http';
import { requestUrl } from './requestUrl';
import { requireAdmin } from './requireAgent';

export interface AgentStatsDeps {
  stats: ClaimStats;
  corrections: Pick<ClaimCorrections, 'datesCorrectedIn'>;
  tokens: AgentTokens;
  logger: Logger;
  /** SUPPORT_TIMEZONE: the days of a period are its days */
  timeZone: string;
}

/** The CSV export's columns, in order: what a claim's row says, never a name, email or what a customer wrote. */
export const STATS_CSV_COLUMNS: (keyof ClaimStatsRow)[] = [
  'id',
  'createdAt',
  'status',
  'outcome',
  'decidedBy',
  'handoffReason',
  'agent',
  'requestedAt',
  'firstResponseAt',
  'firstResponseSeconds',
  'csatScore',
];
/** Claims read per round trip while the CSV streams: the memory held, whatever the period's size. */
const CSV_PAGE = 1000;
/** The corrected date readings a dashboard lists, newest first. */
const CORRECTIONS_SHOWN = 200;
/**
 * Stats reads (a summary, a CSV page) under way at once on an instance, and in line: a year's summary is
 * seconds of database work, and a handful of admins' tabs asking at once must not take the database
 * (PostgreSQL's pool) from the customers' turns.
 */
export const STATS_READS = { running: 2, waiting: 8 };

/** The supervisor's figures for a period (`/api/agent/stats`) and its claims one per row (`/api/agent/stats.csv`), admins only. */
export function registerAgentStatsRoutes(server: Server, deps: AgentStatsDeps): void {
  const { tokens, logger } = deps;
  const limit = new ConcurrencyLimit(STATS_READS, 'STATS_BUSY');
  const stats: Pick<ClaimStats, 'summary' | 'rows'> = {
    summary: (period) => limit.run(() => deps.stats.summary(period)),
    rows: (period, after, count) => limit.run(() => deps.stats.rows(period, after, count)),
  };
  const periodOf = (req: Request): StatsPeriod => {
    const query = requestUrl(req.url).searchParams;
    // a repeated day is not a period: refused, as the lists refuse a parameter they cannot apply
    const one = (name: string) => (query.getAll(name).length === 1 ? query.get(name) : null);
    const period = statsPeriod(one('from'), one('to'), deps.timeZone);
    return isPeriodError(period) ? fail('BAD_REQUEST', period.error) : period;
  };

  server.get(
    '/api/agent/stats',
    route(logger, async (req, res) => {
      await requireAdmin(tokens, req);
      sendJson(res, 200, await stats.summary(periodOf(req)));
    }),
  );

  // the date readings agents corrected, with the customer's words: what the assistant misread
  server.get(
    '/api/agent/corrections',
    route(logger, async (req, res) => {
      await requireAdmin(tokens, req);
      const { fromIso, toIso } = periodOf(req);
      sendJson(res, 200, { items: await deps.corrections.datesCorrectedIn(fromIso, toIso, CORRECTIONS_SHOWN) });
    }),
  );

  server.get(
    '/api/agent/stats.csv',
    route(logger, async (req, res) => {
      await requireAdmin(tokens, req);
      const period = periodOf(req);
      // the first page before the headers: a database that fails now is still an error response
      let page = await stats.rows(period, null, CSV_PAGE);
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="claims.csv"');
      res.setHeader('Cache-Control', 'no-store');
      let gone = false;
      res.once('close', () => {
        gone = true;
      });
      try {
        await written(res, csvLine(STATS_CSV_COLUMNS));
        while (page.length > 0 && !gone) {
          await written(res, page.map((row) => csvLine(STATS_CSV_COLUMNS.map((column) => row[column]))).join(''));
          const last = page[page.length - 1];
          page = page.length < CSV_PAGE ? [] : await stats.rows(period, { createdAt: last.createdAt, id: last.id }, CSV_PAGE);
        }
        res.end();
      } catch (error) {
        // the status is sent already: a cut connection is how the client learns the file is not whole
        logger.error({ err: error }, 'stats CSV export failed');
        res.destroy();
      }
    }),
  );
}

/** Writes and waits while the client's buffer is full, so a slow reader holds one page at most. */
function written(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

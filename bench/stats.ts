/**
 * `BENCH_ONLY=stats npm run bench`: the dashboard's queries at 10 000 and 1 000 000 claims (BENCH_STATS_SIZES,
 * comma-separated), on SQLite in a temp folder and, with BENCH_DATABASE_URL (an empty database of its own), on
 * PostgreSQL. Claims from scripts/claimGenerator.ts over a year; per size: the time to fill, the summary of the
 * whole year (366 days, the longest period) and of one month (median of 5 runs), and the CSV rows of that month.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fillStore, realisticClaims } from '../scripts/claimGenerator';
import { systemClock } from '../src/clock';
import { type StatsPeriod, statsPeriod } from '../src/domain/stats/statsPeriod';
import type { Storage } from '../src/storage/storage';

const TZ = 'America/New_York';
const YEAR = statsPeriod('2025-01-01', '2025-12-31', TZ) as StatsPeriod;
const MONTH = statsPeriod('2025-06-01', '2025-06-30', TZ) as StatsPeriod;

export interface StatsBenchRow {
  store: string;
  claims: number;
  fillSeconds: number;
  yearSummaryMs: number;
  monthSummaryMs: number;
  monthCsvRows: number;
  monthCsvMs: number;
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function measure(store: string, storage: Storage, claims: number, already: number): Promise<StatsBenchRow> {
  const t = performance.now();
  // the claims added to reach this size (a store grows from one size to the next)
  const more = realisticClaims(claims, YEAR.fromIso, YEAR.toIso, 21);
  await fillStore(
    storage,
    (function* () {
      let i = 0;
      for (const claim of more) if (i++ >= already) yield claim;
    })(),
  );
  const fillSeconds = (performance.now() - t) / 1000;
  const yearSummaryMs = await median(5, () => storage.stats.summary(YEAR));
  const monthSummaryMs = await median(5, () => storage.stats.summary(MONTH));
  const c = performance.now();
  let monthCsvRows = 0;
  let page = await storage.stats.rows(MONTH, null, 1000);
  while (page.length > 0) {
    monthCsvRows += page.length;
    const last = page[page.length - 1];
    page = await storage.stats.rows(MONTH, last, 1000);
  }
  return { store, claims, fillSeconds, yearSummaryMs, monthSummaryMs, monthCsvRows, monthCsvMs: performance.now() - c };
}

export async function runStatsBench(): Promise<StatsBenchRow[]> {
  const sizes = (process.env.BENCH_STATS_SIZES ?? '10000,1000000')
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  const rows: StatsBenchRow[] = [];
  const { openSqliteStorage } = await import('../src/storage/sqlite/openSqliteStorage');
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-stats-'));
  const sqlite = openSqliteStorage(dir, { checkpointInBackground: false, clock: systemClock });
  try {
    let had = 0;
    for (const n of sizes) {
      rows.push(await measure('sqlite', sqlite, n, had));
      had = n;
      console.log(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL skipped: set BENCH_DATABASE_URL to an empty database of its own');
    return rows;
  }
  const { openPostgresStorage } = await import('../src/storage/postgres/openPostgresStorage');
  const pg = await openPostgresStorage(url, { clock: systemClock });
  try {
    let had = 0;
    for (const n of sizes) {
      rows.push(await measure('postgres', pg, n, had));
      had = n;
      console.log(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await pg.close();
  }
  return rows;
}

export function reportStats(rows: StatsBenchRow[]): void {
  console.log('\nDashboard stats (claims over a year; summary: median of 5)');
  console.log('store     claims     fill s   year summary ms   month summary ms   month CSV rows   month CSV ms');
  for (const r of rows) {
    console.log(
      `${r.store.padEnd(9)} ${String(r.claims).padStart(8)} ${r.fillSeconds.toFixed(1).padStart(9)} ${r.yearSummaryMs.toFixed(1).padStart(17)} ${r.monthSummaryMs.toFixed(1).padStart(18)} ${String(r.monthCsvRows).padStart(16)} ${r.monthCsvMs.toFixed(0).padStart(14)}`,
    );
  }
}

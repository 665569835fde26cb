/**
 * `npm run bench`: what a turn costs, against a plain Bot Framework echo bot measured in the
 * same run (machines are noisy: compare ratios). Loopback only; bounded to about three minutes.
 *
 *   1. purchase-date reading per answer vs chrono-node's plain parse
 *   2. whole claims over /api/messages at 1 and 50 concurrent conversations, echo bot alike
 *   3. the same claims through our own Direct Line (replies stay in process), and both again with
 *      PostgreSQL as the store (DATABASE_URL; skipped with a note when it cannot be reached)
 *   3b. issue 18: instances on PostgreSQL + Redis — one directly, the same behind the round-robin
 *      proxy, two behind it — with CPU per turn by tier, round trips and conversation-lock waits
 *      (bench/scaleOut.ts; skipped with a note when PostgreSQL or Redis cannot be reached)
 *   4. a 10 000-turn run watching RSS
 *   5. 1 000 finished and unfinished claims, a restart, and every unfinished one resumes
 *   6. the mail outbox through a real SMTP server: throughput, latency, an outage (bench/mailOutbox.ts;
 *      about 12 s, alone with BENCH_ONLY=mail)
 *   7. issue 22: turns while the proof reader OCRs uploaded receipts, against the reader off
 *      (bench/receiptReading.ts; about 45 s, alone with BENCH_ONLY=receipts)
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuMs, postgresCpuMeterOf } from './cpuMeters';
import { reportMail, runMailBench } from './mailOutbox';
import { type ReceiptBenchResult, reportReceiptBench, runReceiptBench } from './receiptReading';
import { reportRouting, runRoutingBench } from './routing';
import { reportRoutingOverHttp, runRoutingOverHttp } from './routingOverHttp';
import { type ClusterCounts, type ClusterUnderTest, type CpuMeters, startScaleOut } from './scaleOut';
import { startProcess, stop } from './serverProcess';
import { startedChildren } from './startedChildren';
import { reportStats, runStatsBench } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const RECEIPT = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
const started = Date.now();
/** The restart check's time, after the rest: the scale-out rows' own time is added to the budget. */
let scaleOutMs = 0;
const budgetLeft = () => 115_000 + scaleOutMs - (Date.now() - started);

// ------------------------------------------------------------------ fake channel connector
async function startConnector() {
  let posted = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/files/')) {
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      return res.end(RECEIPT);
    }
    req.resume();
    req.on('end', () => {
      posted++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"x"}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posted: () => posted, close: () => server.close() };
}

// ------------------------------------------------------------------ servers under test
const rssMb = (pid: number | undefined) => {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

// ------------------------------------------------------------------ simulated customers
/** One whole claim: what a customer says, in order (the echo bot gets the same messages). */
function claimScript(connector: string): Array<{ text?: string; file?: string }> {
  return [
    { text: 'my camera stopped working' },
    { text: 'QT5682 bullet camera' },
    { text: 'I bought it 10 days ago' },
    { text: 'I have the receipt' },
    { file: `${connector}/files/receipt.jpg` },
    { text: 'it will not power on' },
    { text: 'no, none of that' },
    { text: 'yes' },
    { text: '5' },
    { text: 'no thanks' },
  ];
}

/** How the tables name each message of the script. */
const stepNames = (script: Array<{ text?: string; file?: string }>) => script.map((s) => (s.file ? '(proof upload)' : `"${s.text}"`));

let seq = 0;
function channelActivity(connector: string, conversationId: string, step: { text?: string; file?: string }) {
  return JSON.stringify({
    type: 'message',
    id: `a${++seq}`,
    channelId: 'emulator',
    serviceUrl: connector,
    from: { id: `user-${conversationId}`, name: 'Customer' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversationId },
    localTimezone: 'America/New_York',
    text: step.text ?? '',
    attachments: step.file ? [{ contentType: 'image/jpeg', contentUrl: step.file, name: 'IMG_1.jpg' }] : [],
  });
}

interface Driver {
  /** Sends one customer turn and resolves when the server has finished it. */
  turn(conversationId: string, step: { text?: string; file?: string }): Promise<void>;
  newConversation(): Promise<string>;
}

function channelDriver(base: string, connector: string): Driver {
  let n = 0;
  return {
    newConversation: async () => `bench-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`,
    turn: async (conversationId, step) => {
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: channelActivity(connector, conversationId, step),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`turn failed ${res.status}`);
    },
  };
}

function directLineDriver(base: string): Driver {
  const tokens = new Map<string, string>();
  return {
    newConversation: async () => {
      const s = (await (await fetch(`${base}/api/directline/token`, { method: 'POST', headers: { 'X-Bench': '1' } })).json()) as {
        token: string;
        conversationId: string;
      };
      tokens.set(s.conversationId, s.token);
      await (
        await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${s.token}` } })
      ).arrayBuffer();
      return s.conversationId;
    },
    turn: async (conversationId, step) => {
      const token = tokens.get(conversationId) as string;
      let res: Response;
      if (step.file) {
        const form = new FormData();
        form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
        form.append('file', new Blob([new Uint8Array(RECEIPT)], { type: 'image/jpeg' }), 'IMG_1.jpg');
        res = await fetch(`${base}/v3/directline/conversations/${conversationId}/upload`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
          body: form,
        });
      } else {
        res = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: step.text, localTimezone: 'America/New_York' }),
        });
      }
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`direct line turn failed ${res.status}`);
    },
  };
}

interface LoadResult {
  label: string;
  concurrency: number;
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** the server's CPU time per customer message, ms */
  serverCpuMsPerTurn: number;
  /** PostgreSQL's CPU time per customer message, ms (NaN on SQLite, which runs inside the server) */
  databaseCpuMsPerTurn: number;
  /** the other tiers' CPU time per customer message (Redis, the proxy), ms */
  otherCpuMsPerTurn: Record<string, number>;
  /** p50 and p99 of each message of the claim script, in script order */
  bySteps: Array<{ p50: number; p99: number }>;
}

/** One measured stretch: every turn's latency, the wall time and the server's CPU time. */
interface Sample {
  latencies: number[];
  /** the claim-script step of each latency */
  steps: number[];
  seconds: number;
  serverCpuMs: number;
  /** PostgreSQL's CPU time over the same stretch (runs on PostgreSQL only) */
  databaseCpuMs: number;
  /** the other tiers' (Redis, the proxy) */
  otherCpuMs: Record<string, number>;
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

function summarise(label: string, concurrency: number, samples: Sample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const q = (p: number) => quantile(latencies, p);
  const stepCount = Math.max(0, ...samples.flatMap((s) => s.steps)) + 1;
  const bySteps = Array.from({ length: stepCount }, (_, step) => {
    const l = samples.flatMap((s) => s.latencies.filter((_, i) => s.steps[i] === step)).sort((a, b) => a - b);
    return { p50: quantile(l, 0.5), p99: quantile(l, 0.99) };
  });
  return {
    label,
    concurrency,
    turns: latencies.length,
    seconds,
    turnsPerSecond: latencies.length / seconds,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    serverCpuMsPerTurn: samples.reduce((sum, s) => sum + s.serverCpuMs, 0) / latencies.length,
    databaseCpuMsPerTurn: samples.reduce((sum, s) => sum + s.databaseCpuMs, 0) / latencies.length,
    otherCpuMsPerTurn: Object.fromEntries(
      Object.keys(samples[0]?.otherCpuMs ?? {}).map((tier) => [
        tier,
        samples.reduce((sum, s) => sum + s.otherCpuMs[tier], 0) / latencies.length,
      ]),
    ),
    bySteps,
  };
}

/** `concurrency` customers, each running whole claims one after another, until `turns` are done. */
async function measure(
  driver: Driver,
  script: Array<{ text?: string; file?: string }>,
  concurrency: number,
  turns: number,
  meters?: CpuMeters,
): Promise<Sample> {
  const latencies: number[] = [];
  const steps: number[] = [];
  const serversCpu = () => (meters ? meters.servers.reduce((sum: number, pid) => sum + cpuMs(pid), 0) : Number.NaN);
  const others = Object.entries(meters?.others ?? {});
  const cpuBefore = serversCpu();
  const databaseCpuBefore = meters?.database?.() ?? Number.NaN;
  const othersBefore = others.map(([, read]) => read());
  let issued = 0;
  const t0 = performance.now();
  const customer = async () => {
    while (issued < turns) {
      const conversationId = await driver.newConversation();
      for (const [i, step] of script.entries()) {
        if (issued >= turns) break;
        issued++;
        const s = performance.now();
        await driver.turn(conversationId, step);
        latencies.push(performance.now() - s);
        steps.push(i);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, customer));
  return {
    latencies,
    steps,
    seconds: (performance.now() - t0) / 1000,
    serverCpuMs: serversCpu() - cpuBefore,
    databaseCpuMs: (meters?.database?.() ?? Number.NaN) - databaseCpuBefore,
    otherCpuMs: Object.fromEntries(others.map(([tier, read], i) => [tier, read() - othersBefore[i]])),
  };
}

const load = async (
  label: string,
  driver: Driver,
  script: Array<{ text?: string; file?: string }>,
  concurrency: number,
  turns: number,
): Promise<LoadResult> => summarise(label, concurrency, [await measure(driver, script, concurrency, turns)]);

/** The server's data folder goes when the run is done, unless asked to keep it for a look. */
const removeData = (dir: string) => {
  if (process.env.BENCH_KEEP_DATA) console.log(`data kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
};

const dirSize = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.startsWith('warranty.sqlite'))
    .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);

/** Prints the turn table and the ratios to the echo bot, and keeps the ratios in `results`. */
function reportTurns(rows: LoadResult[], results: Record<string, unknown>, steps: string[]): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log('\nturns (ms per customer message, server-side turn incl. replies)');
  console.log(
    `${'run'.padEnd(28)}${pad('conc', 6)}${pad('turns', 7)}${pad('turns/s', 9)}${pad('p50', 8)}${pad('p95', 8)}${pad('p99', 8)}${pad('cpu ms', 8)}${pad('pg cpu', 8)}`,
  );
  for (const r of rows)
    console.log(
      `${r.label.padEnd(28)}${pad(r.concurrency, 6)}${pad(r.turns, 7)}${pad(r.turnsPerSecond.toFixed(0), 9)}${pad(r.p50.toFixed(2), 8)}${pad(r.p95.toFixed(2), 8)}${pad(r.p99.toFixed(2), 8)}${pad(r.serverCpuMsPerTurn.toFixed(2), 8)}${pad(Number.isNaN(r.databaseCpuMsPerTurn) ? '' : r.databaseCpuMsPerTurn.toFixed(2), 8)}`,
    );
  const ratios: Record<string, number> = {};
  for (const c of [1, 50]) {
    const e = rows.find((r) => r.label.startsWith('echo') && r.concurrency === c) as LoadResult;
    for (const o of rows.filter((r) => r.label.startsWith('ours') && r.concurrency === c)) {
      ratios[`${o.label} @${c}: throughput ×`] = o.turnsPerSecond / e.turnsPerSecond;
      ratios[`${o.label} @${c}: p99 ×`] = o.p99 / e.p99;
      ratios[`${o.label} @${c}: server CPU per turn ×`] = o.serverCpuMsPerTurn / e.serverCpuMsPerTurn;
    }
  }
  results.ratiosToEcho = ratios;
  // PostgreSQL against SQLite, same instance code, same rounds (the target: ≥ 0.8× the throughput)
  const toSqlite: Record<string, number> = {};
  for (const pgRow of rows.filter((r) => r.label.startsWith(ON_POSTGRES))) {
    const sqliteRow = rows.find(
      (r) => r.concurrency === pgRow.concurrency && r.label === pgRow.label.replace(ON_POSTGRES, 'ours'),
    ) as LoadResult;
    toSqlite[`${pgRow.label} @${pgRow.concurrency}: throughput ×`] = pgRow.turnsPerSecond / sqliteRow.turnsPerSecond;
    toSqlite[`${pgRow.label} @${pgRow.concurrency}: p99 ×`] = pgRow.p99 / sqliteRow.p99;
  }
  results.ratiosPostgresToSqlite = toSqlite;
  // which message of a claim sets the tail: under load every network round trip a turn makes
  // waits for a full turn of the event loop, and the proof upload makes two (download, reply)
  const at50 = rows.filter((r) => r.concurrency === 50);
  console.log('\np50 / p99 ms at 50 conversations, by message of the claim');
  console.log(
    `${'message'.padEnd(28)}${at50.map((r) => pad(r.label.replace('bot, /api/messages', 'bot').replace(', /api/messages', ', /api'), 18)).join('')}`,
  );
  for (const [i, step] of steps.entries())
    console.log(
      `${step.padEnd(28)}${at50.map((r) => pad(`${r.bySteps[i]?.p50.toFixed(1)} / ${r.bySteps[i]?.p99.toFixed(1)}`, 18)).join('')}`,
    );
  console.log('\nratios to the echo bot (same run)');
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(46)} ${v.toFixed(2)}`);
  const perRound = results.throughputRatioPerRound as Record<string, number[]>;
  if (Object.keys(toSqlite).length) {
    console.log('\nPostgreSQL to SQLite (same run)');
    for (const [k, v] of Object.entries(toSqlite)) console.log(`  ${k.padEnd(46)} ${v.toFixed(2)}`);
    const trips = results.postgresRoundTrips as { perMessage: number } | undefined;
    if (trips) console.log(`  database round trips per customer message (conversation setup included): ${trips.perMessage.toFixed(1)}`);
  }
  console.log('\nthroughput ratio in each round (the spread is the machine noise)');
  for (const [k, v] of Object.entries(perRound)) console.log(`  ${k.padEnd(46)} ${v.map((r) => r.toFixed(2)).join('  ')}`);
}

/**
 * Issue 18's table: per-turn CPU by tier, the clusters' round trips and lock waits per turn, the
 * proxy's share, two instances against one, and what the per-turn CPU says about more cores.
 */
function reportScaleOut(results: Record<string, unknown>): void {
  const scaleOut = results.scaleOut as
    | { rows: LoadResult[]; throughputRatioPerRound: Record<string, number[]>; clusters: ClusterCounts[] }
    | undefined;
  if (!scaleOut) return;
  const { rows, clusters } = scaleOut;
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v.toFixed(2));
  const tiers = (r: LoadResult) => ({
    instances: r.serverCpuMsPerTurn,
    postgres: r.databaseCpuMsPerTurn,
    redis: r.otherCpuMsPerTurn.redis,
    proxy: r.otherCpuMsPerTurn.proxy,
  });
  const total = (r: LoadResult) =>
    Object.values(tiers(r))
      .filter((v) => v !== undefined && !Number.isNaN(v))
      .reduce((sum, v) => sum + (v as number), 0);
  console.log(
    `\nscale-out (issue 18): ours on PostgreSQL + Redis, in rounds with the echo bot and ours on SQLite (${Number((scaleOut as { seconds?: number }).seconds).toFixed(0)} s)`,
  );
  console.log('CPU ms per customer message: the server(s), PostgreSQL (its processes for the bench databases), Redis, the proxy');
  console.log(
    `${'run'.padEnd(36)}${pad('conc', 5)}${pad('turns/s', 9)}${pad('p50', 8)}${pad('p99', 8)}${pad('server', 8)}${pad('pg', 7)}${pad('redis', 7)}${pad('proxy', 7)}${pad('total', 7)}`,
  );
  for (const r of rows) {
    const t = tiers(r);
    console.log(
      `${r.label.padEnd(36)}${pad(r.concurrency, 5)}${pad(r.turnsPerSecond.toFixed(0), 9)}${pad(r.p50.toFixed(2), 8)}${pad(r.p99.toFixed(2), 8)}${pad(ms(t.instances), 8)}${pad(ms(t.postgres), 7)}${pad(ms(t.redis), 7)}${pad(ms(t.proxy), 7)}${pad(ms(total(r)), 7)}`,
    );
  }
  console.log('\nper cluster (all its turns, warm-up included)');
  for (const c of clusters)
    console.log(
      `  ${c.instances} instance(s): ${c.messages} messages, ${c.roundTripsPerMessage.toFixed(2)} database round trips and ${c.lockWaitsPerMessage.toFixed(4)} conversation-lock waits per message (mean wait ${c.meanLockWaitMs.toFixed(2)} ms)`,
    );
  const row = (label: string, concurrency: number) => rows.find((r) => r.label === label && r.concurrency === concurrency);
  const ratios: Record<string, number> = {};
  for (const channel of ['/api/messages', 'Direct Line'])
    for (const concurrency of [1, 50]) {
      const direct = row(`1 instance, direct, ${channel}`, concurrency);
      const proxied = row(`1 instance, proxy, ${channel}`, concurrency);
      const two = row(`2 instances, proxy, ${channel}`, concurrency);
      const sqlite = row(`ours, ${channel}`, concurrency);
      if (!direct || !proxied || !two || !sqlite) continue;
      const at = `${channel} @${concurrency}`;
      ratios[`proxy / direct, 1 instance, ${at}: throughput ×`] = proxied.turnsPerSecond / direct.turnsPerSecond;
      ratios[`proxy / direct, 1 instance, ${at}: p99 ×`] = proxied.p99 / direct.p99;
      ratios[`proxy / direct, 1 instance, ${at}: total CPU per turn ×`] = total(proxied) / total(direct);
      ratios[`2 instances / 1, both behind the proxy, ${at}: throughput ×`] = two.turnsPerSecond / proxied.turnsPerSecond;
      ratios[`2 instances behind the proxy / SQLite, ${at}: throughput ×`] = two.turnsPerSecond / sqlite.turnsPerSecond;
    }
  console.log('\nratios (same rounds)');
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(72)} ${v.toFixed(2)}`);
  // what one core of each tier carries, from its CPU per turn at fifty conversations (two instances,
  // behind the proxy); a tier on c cores tops out near c times that, if nothing else limits it
  const cores = (results.machine as { cpus: number }).cpus;
  const ceilings: Record<string, Record<string, number>> = {};
  console.log(
    `\nturns/s one core of each tier carries (1000 / its CPU ms per turn), 2 instances behind the proxy, 50 conversations; this machine: ${cores} cores for all of them and the load`,
  );
  for (const channel of ['/api/messages', 'Direct Line']) {
    const two = row(`2 instances, proxy, ${channel}`, 50);
    if (!two) continue;
    const perCore = Object.fromEntries(
      Object.entries({ ...tiers(two), 'whole stack': total(two) })
        .filter(([, v]) => v !== undefined && !Number.isNaN(v) && (v as number) > 0)
        .map(([tier, v]) => [tier, 1000 / (v as number)]),
    );
    ceilings[channel] = perCore;
    console.log(
      `  ${channel.padEnd(14)} ${Object.entries(perCore)
        .map(([tier, v]) => `${tier} ${v.toFixed(0)}`)
        .join(
          ', ',
        )}; measured ${two.turnsPerSecond.toFixed(0)} turns/s on ${cores} cores (ceiling ${(cores * perCore['whole stack']).toFixed(0)})`,
    );
  }
  Object.assign(scaleOut, { ratios, turnsPerSecondPerCore: ceilings });
  console.log('\nthroughput ratio to the echo bot in each round');
  for (const [k, v] of Object.entries(scaleOut.throughputRatioPerRound))
    console.log(`  ${k.padEnd(46)} ${v.map((r) => r.toFixed(2)).join('  ')}`);
}

const ON_POSTGRES = 'ours on PostgreSQL';
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One row of a table: a server (or cluster) reached one way, and what its CPU is read from. */
interface Run {
  label: string;
  driver: Driver;
  cpu: CpuMeters;
  /** after each of its measurements (PostgreSQL's CHECKPOINT) */
  settle?: () => Promise<unknown>;
}

/**
 * The runs take turns in short rounds, at one conversation and at fifty, so that the machine's slow
 * and fast moments (other tenants, CPU frequency) fall on all of them alike; each row pools its
 * rounds. `runs[0]` is the echo bot, the others come in pairs (/api/messages, Direct Line) that swap
 * places every other round: the place after the echo bot is not neutral.
 */
async function playRounds(
  runs: Run[],
  script: Array<{ text?: string; file?: string }>,
  rounds: number,
  turnsPerRound: (concurrency: number) => number,
): Promise<{ rows: LoadResult[]; perRound: Record<string, number[]> }> {
  const rows: LoadResult[] = [];
  const perRound: Record<string, number[]> = {};
  for (const concurrency of [1, 50]) {
    const turns = turnsPerRound(concurrency);
    const samples = runs.map(() => [] as Sample[]);
    for (let round = 0; round < rounds; round++) {
      const pairs = Array.from({ length: (runs.length - 1) / 2 }, (_, k) => [1 + 2 * k, 2 + 2 * k]);
      const order = [0, ...(round % 2 ? pairs.reverse() : pairs).flat()];
      for (const i of order) {
        const run = runs[i];
        // after resting while the others ran, the first burst of every server (the echo bot's
        // too) is slow for reasons outside it (new connections, the machine); it is not counted
        await measure(run.driver, script, concurrency, Math.min(concurrency * 4, turns));
        samples[i].push(await measure(run.driver, script, concurrency, turns, run.cpu));
        // PostgreSQL writes its dirty pages out in the background after a run: flushed now, not
        // during the next server's measurement (which showed it in its p99)
        await run.settle?.();
      }
      const rate = (i: number) => samples[i][round].latencies.length / samples[i][round].seconds;
      for (let i = 1; i < runs.length; i++) {
        const key = `${runs[i].label} @${concurrency}`;
        perRound[key] = [...(perRound[key] ?? []), rate(i) / rate(0)];
      }
    }
    rows.push(...runs.map((run, i) => summarise(run.label, concurrency, samples[i])));
  }
  return { rows, perRound };
}

/**
 * A third instance of ours on PostgreSQL (BENCH_POSTGRES_URL, default the local server), on a
 * database of its own dropped afterwards. `count` wraps a driver to count the messages it sends;
 * `stop` stops the instance and reads how many statements it sent (its shutdown log line).
 */
async function startOnPostgres() {
  const adminUrl = POSTGRES_URL;
  const name = `qsee_bench_${process.pid}`;
  const { default: pg } = await import('pg');
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let messages = 0;
  const count = (driver: Driver): Driver => ({
    newConversation: driver.newConversation,
    turn: (id, step) => {
      messages++;
      return driver.turn(id, step);
    },
  });
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(`PostgreSQL run skipped: ${(error as Error).message}`);
    return { server: null, count, settle: async () => undefined, stop: async () => undefined };
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-pg-'));
  const server = await startProcess(
    'src/index.js',
    {
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      TOKEN_SECRET: 'bench-secret',
      DIRECTLINE_TOKENS_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
    },
    { captureLog: true },
  );
  return {
    server,
    count,
    // its database's backends and the server's own processes, not other databases' (tests beside the bench)
    cpu: postgresCpuMeterOf([name]),
    settle: () => admin('CHECKPOINT'),
    stop: async () => {
      await stop(server.child);
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      removeData(dataDir);
      const line = server
        .log()
        .split('\n')
        .find((l) => l.includes('databaseRoundTrips'));
      const roundTrips = line ? Number(JSON.parse(line).databaseRoundTrips) : Number.NaN;
      return { roundTrips, messages, perMessage: roundTrips / messages };
    },
  };
}

async function main(): Promise<void> {
  // BENCH_ONLY=routing: the router with 1 000 waiting and 50 agents, below the server and through it
  if (process.env.BENCH_ONLY === 'routing') {
    reportRouting(await runRoutingBench());
    return reportRoutingOverHttp(await runRoutingOverHttp());
  }
  // BENCH_ONLY=stats: the dashboard's queries at 10 000 and 1 000 000 claims (bench/stats.ts)
  if (process.env.BENCH_ONLY === 'stats') return reportStats(await runStatsBench());
  // BENCH_ONLY=mail: the mail outbox's rows alone (no server, no echo bot)
  if (process.env.BENCH_ONLY === 'mail') {
    const mail = await runMailBench(Number(process.env.BENCH_SCALE ?? 1));
    reportMail(mail);
    const out = process.env.BENCH_OUT ?? path.join(ROOT, 'bench-results.json');
    writeFileSync(out, JSON.stringify({ machine: { node: process.version, cpus: require('node:os').cpus().length }, mail }, null, 2));
    console.log(`\nresults written to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  // BENCH_ONLY=receipts: turns while the proof reader OCRs, against the reader off (bench/receiptReading.ts)
  if (process.env.BENCH_ONLY === 'receipts') {
    const receipts = await runReceiptBench(Number(process.env.BENCH_SCALE ?? 1));
    reportReceiptBench(receipts);
    const out = process.env.BENCH_OUT ?? path.join(ROOT, 'bench-results.json');
    writeFileSync(out, JSON.stringify({ machine: { node: process.version, cpus: require('node:os').cpus().length }, receipts }, null, 2));
    console.log(`\nresults written to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  const connector = await startConnector();
  const script = claimScript(connector.url);
  const results: Record<string, unknown> = { machine: { node: process.version, cpus: require('node:os').cpus().length } };
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  // BENCH_ONLY=turns: the turn table alone; =scale-out: issue 18's rows alone (with the echo bot and SQLite)
  const only = process.env.BENCH_ONLY;

  // 1. purchase-date reading
  const { execFileSync } = await import('node:child_process');
  process.stdout.write(
    execFileSync(process.execPath, [path.join(ROOT, 'dist', 'bench', 'dateBench.js')], {
      env: { ...process.env, BENCH_OUT: path.join(tmpdir(), 'bench-dates.json') },
    }).toString(),
  );
  results.dates = JSON.parse(readFileSync(path.join(tmpdir(), 'bench-dates.json'), 'utf8'));

  // 2 + 3. turns: echo bot baseline and ours, same driver, same machine, same run
  const echo = await startProcess('bench/echoBot.js', {});
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-data-'));
  const ours = await startProcess('src/index.js', {
    DATA_DIR: dataDir,
    TOKEN_SECRET: 'bench-secret',
    DIRECTLINE_TOKENS_PER_MINUTE: '1000000',
  });
  // BENCH_COMPARE="SETTING=value …": a second instance of ours with those settings, measured in
  // the same rounds, to judge a change by its ratio to the first rather than to another day's run
  const compareEnv = Object.fromEntries(
    (process.env.BENCH_COMPARE ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  const compareLabel = Object.entries(compareEnv)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const otherDir = compareLabel && only !== 'scale-out' ? mkdtempSync(path.join(tmpdir(), 'bench-data-')) : '';
  const other =
    compareLabel && only !== 'scale-out'
      ? await startProcess('src/index.js', {
          DATA_DIR: otherDir,
          TOKEN_SECRET: 'bench-secret',
          DIRECTLINE_TOKENS_PER_MINUTE: '1000000',
          ...compareEnv,
        })
      : undefined;
  const postgres = only === 'scale-out' ? null : await startOnPostgres();
  const rows: LoadResult[] = [];
  const echoDriver = channelDriver(echo.base, connector.url);
  const runs: Run[] = [
    { label: 'echo bot, /api/messages', driver: echoDriver, cpu: { servers: [echo.child.pid] } },
    { label: 'ours, /api/messages', driver: channelDriver(ours.base, connector.url), cpu: { servers: [ours.child.pid] } },
    { label: 'ours, Direct Line', driver: directLineDriver(ours.base), cpu: { servers: [ours.child.pid] } },
  ];
  if (postgres?.server) {
    const { base, child } = postgres.server;
    const cpu = { servers: [child.pid], database: postgres.cpu };
    runs.push(
      { label: `${ON_POSTGRES}, /api/messages`, driver: postgres.count(channelDriver(base, connector.url)), cpu, settle: postgres.settle },
      { label: `${ON_POSTGRES}, Direct Line`, driver: postgres.count(directLineDriver(base)), cpu, settle: postgres.settle },
    );
  }
  if (other)
    runs.push(
      {
        label: `ours ${compareLabel}, /api/messages`,
        driver: channelDriver(other.base, connector.url),
        cpu: { servers: [other.child.pid] },
      },
      { label: `ours ${compareLabel}, Direct Line`, driver: directLineDriver(other.base), cpu: { servers: [other.child.pid] } },
    );
  const oursDriver = runs[1].driver;
  // Every server is measured warm: V8 has optimised the hot paths, caches and the database's
  // log have reached their working size (the first few thousand turns run up to 30% slower).
  for (const run of runs) await load('warm-up', run.driver, script, 50, Math.round(3000 * scale));
  const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
  const perRound: Record<string, number[]> = {};
  if (only !== 'scale-out') {
    // at one conversation the p99 of 600 turns was their 6th-slowest and moved by ×1.8 from run to
    // run for the echo bot alone; 1 800 turns (18th-slowest) cost a few seconds more. At fifty, one
    // stall of the machine delays the fifty turns in flight at once: with 3 000 turns it alone set
    // the p99 (the 30th-slowest), so 6 000
    const played = await playRounds(runs, script, rounds, (c) => Math.round(((c === 1 ? 1800 : 6000) * scale) / rounds));
    rows.push(...played.rows);
    Object.assign(perRound, played.perRound);
  }
  if (other) {
    await stop(other.child);
    removeData(otherDir);
  }
  results.postgresRoundTrips = await postgres?.stop();
  results.turns = rows;
  results.throughputRatioPerRound = perRound;

  // 3b. issue 18: instances on PostgreSQL + Redis, one reached directly, the same behind the
  // round-robin proxy, two behind it — in rounds with the echo bot and ours on SQLite
  if (only !== 'turns') {
    const scaleOutStarted = Date.now();
    const scaleOut = await startScaleOut(
      ROOT,
      (env) => startProcess('src/index.js', env, { captureLog: true }),
      stop,
      POSTGRES_URL,
      process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    );
    if (scaleOut) {
      const scaleRuns: Run[] = runs.slice(0, 3);
      const counted = (cluster: ClusterUnderTest, driver: Driver): Driver => ({
        newConversation: driver.newConversation,
        turn: (id, step) => {
          cluster.count();
          return driver.turn(id, step);
        },
      });
      for (const target of scaleOut.targets)
        scaleRuns.push(
          {
            label: `${target.label}, /api/messages`,
            driver: counted(target.cluster, channelDriver(target.base, connector.url)),
            cpu: target.cpu,
            settle: scaleOut.settle,
          },
          {
            label: `${target.label}, Direct Line`,
            driver: counted(target.cluster, directLineDriver(target.base)),
            cpu: target.cpu,
            settle: scaleOut.settle,
          },
        );
      // the new instances only (the echo bot and SQLite are warm); the instance behind the first
      // proxy is the direct one, warmed already: a short burst warms the proxy
      for (const run of scaleRuns.slice(3))
        await load('warm-up', run.driver, script, 50, Math.round((run.label.startsWith('1 instance, proxy') ? 500 : 1500) * scale));
      // scale-out is about throughput: 3 000 turns a row at fifty conversations; 600 at one, for what
      // the proxy adds to a turn's latency (a p99 of 600 turns is their 6th-slowest: a rough figure)
      const scaleRounds = Number(process.env.BENCH_SCALE_OUT_ROUNDS ?? 4);
      const played = await playRounds(scaleRuns, script, scaleRounds, (c) =>
        Math.round(((c === 1 ? 600 : 3000) * scale) / scaleRounds),
      ).catch(async (error) => {
        // the databases and Redis keys go even when a turn failed
        await scaleOut.stop().catch(() => undefined);
        throw error;
      });
      const clusters = await scaleOut.stop();
      results.scaleOut = { rows: played.rows, throughputRatioPerRound: played.perRound, clusters };
    }
    scaleOutMs = Date.now() - scaleOutStarted;
    if (results.scaleOut) Object.assign(results.scaleOut, { seconds: scaleOutMs / 1000 });
  }
  if (only === 'turns' || only === 'scale-out') {
    await Promise.all([stop(echo.child), stop(ours.child)]);
    connector.close();
    removeData(dataDir);
    if (only === 'turns') reportTurns(rows, results, stepNames(script));
    reportScaleOut(results);
    const out = process.env.BENCH_OUT ?? path.join(ROOT, 'bench-results.json');
    writeFileSync(out, JSON.stringify(results, null, 2));
    console.log(`\nresults written to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  results.rssMb = { echo: rssMb(echo.child.pid), ours: rssMb(ours.child.pid) };

  // 4. 10 000 turns: RSS before and after (after a warm-up, so growth means a leak)
  // Twice: the first run still fills the bounded caches (claims, pages); the second shows whether anything leaks.
  const rssBefore = rssMb(ours.child.pid);
  const long = await load('ours, 10 000 turns', oursDriver, script, 20, Math.round(10_000 * scale));
  const rssAfter = rssMb(ours.child.pid);
  const again10k = await load('ours, 10 000 more turns', oursDriver, script, 20, Math.round(10_000 * scale));
  const rssAfterAgain = rssMb(ours.child.pid);
  results.longRun = { ...long, rssBeforeMb: rssBefore, rssAfterMb: rssAfter };
  results.secondLongRun = { ...again10k, rssBeforeMb: rssAfter, rssAfterMb: rssAfterAgain };
  await stop(echo.child);

  // 5. 1 000 claims, some unfinished; restart; every unfinished one resumes at its question
  const unfinished: string[] = [];
  const total = Math.round(1000 * scale);
  let made = 0;
  const makeClaims = async () => {
    while (made < total && budgetLeft() > 25_000) {
      const i = made++;
      const id = await oursDriver.newConversation();
      const stopAt = i % 2 === 0 ? script.length : 3; // odd ones stop after the purchase date
      for (const step of script.slice(0, stopAt)) await oursDriver.turn(id, step);
      if (stopAt < script.length) unfinished.push(id);
    }
  };
  await Promise.all(Array.from({ length: 20 }, makeClaims));
  await stop(ours.child);
  const again = await startProcess('src/index.js', { DATA_DIR: dataDir, TOKEN_SECRET: 'bench-secret' });
  const before = connector.posted();
  let resumed = 0;
  const checkOne = async (id: string) => {
    const res = await fetch(`${again.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: channelActivity(connector.url, id, script[3]),
    });
    if (res.ok) resumed++;
  };
  for (let i = 0; i < unfinished.length; i += 20) await Promise.all(unfinished.slice(i, i + 20).map(checkOne));
  const claimsAfter = await (await import('./claimCheck')).countResumed(dataDir, unfinished);
  results.restart = {
    claims: made,
    unfinished: unfinished.length,
    answered: resumed,
    resumedAtNextQuestion: claimsAfter,
    repliesSent: connector.posted() - before,
  };
  await stop(again.child);
  connector.close();
  // after a clean shutdown the log is folded into the database file: what the claims really take
  results.databaseBytesPerClaim = Math.round(dirSize(dataDir) / (await import('./claimCheck')).countClaims(dataDir));
  removeData(dataDir);

  // 6. the mail outbox, alone on the machine now that every server has stopped
  results.mail = await runMailBench(scale);

  // 7. turns while the proof reader OCRs uploaded receipts, against the reader off
  results.receipts = await runReceiptBench(scale);

  reportTurns(rows, results, stepNames(script));
  reportScaleOut(results);
  console.log(
    `\nRSS: echo ${(results.rssMb as { echo: number }).echo.toFixed(0)} MB, ours ${(results.rssMb as { ours: number }).ours.toFixed(0)} MB; 10 000-turn runs ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} → ${rssAfterAgain.toFixed(0)} MB (p99 ${long.p99.toFixed(2)} / ${again10k.p99.toFixed(2)} ms)`,
  );
  console.log(`database: ${(Number(results.databaseBytesPerClaim) / 1024).toFixed(1)} KB per claim`);
  console.log(`restart: ${made} claims, ${unfinished.length} unfinished, ${claimsAfter} resumed at their next question after the restart`);
  reportMail(results.mail as Awaited<ReturnType<typeof runMailBench>>);
  reportReceiptBench(results.receipts as ReceiptBenchResult);
  const out = process.env.BENCH_OUT ?? path.join(ROOT, 'bench-results.json');
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`\nresults written to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  // the servers and proxies it started go with it (their databases and Redis keys stay: named qsee_bench_<pid>…)
  for (const child of startedChildren) child.kill('SIGKILL');
  process.exit(1);
});

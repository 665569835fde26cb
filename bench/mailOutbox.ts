/**
 * `BENCH_ONLY=mail npm run bench` (and the last rows of the full run): the mail outbox on SQLite
 * sending through a real SMTP server on loopback (smtp-server, the tests' one).
 *
 *   1. throughput: N mails queued at once, and mails queued one at a time (each woken after its
 *      commit, as a turn does) — mails/s and the latency from queueing to the server's acceptance
 *   2. the server down for a while, in real time with shortened waits: how long after it is back
 *      until everything queued meanwhile is delivered, and that nothing came twice
 *   3. the same outage with the product's own waits (1 min, doubling, polls every 5 s), played on
 *      an injected clock: a minute down, what it costs the mails queued during it
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { fixedClock, systemClock } from '../src/clock';
import { OUTBOX_SENDER_DEFAULTS, OutboxSender, type OutboxSenderOptions } from '../src/mail/outboxSender';
import { smtpTransport } from '../src/mail/smtpTransport';
import type { NewMail } from '../src/storage/outbox';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/openSqliteStorage';
import { type ReceivedMail, TestSmtpServer } from '../test/helpers/smtpServer';

const FROM = 'Q-See Support <support@qsee.example>';
const silent = pino({ level: 'silent' });

export interface ThroughputRow {
  label: string;
  mails: number;
  seconds: number;
  perSecond: number;
  /** Queued → accepted by the SMTP server, ms. */
  p50: number;
  p99: number;
}

export interface OutageRow {
  label: string;
  mails: number;
  downSeconds: number;
  /** From the server's return until the last mail was accepted. */
  backToAllSeconds: number;
  /** The longest a mail waited from queueing to acceptance. */
  longestWaitSeconds: number;
  attempts: number;
  duplicates: number;
}

export interface MailBenchResult {
  throughput: ThroughputRow[];
  outage: OutageRow[];
}

const mail = (n: number): NewMail => ({
  kind: 'decision',
  claimId: `claim-${n}`,
  conversation: `directline/bench-${n}`,
  to: `customer${n}@example.com`,
  subject: `Your warranty claim: RMA-2026-${String(n).padStart(6, '0')}`,
  text: `Your RMA number is RMA-2026-${String(n).padStart(6, '0')}.\n\nPack the camera with its power supply and send it to us.\n`.repeat(
    4,
  ),
  html: `<p>Your RMA number is <strong>RMA-2026-${String(n).padStart(6, '0')}</strong>.</p><p>Pack the camera and send it to us.</p>`.repeat(
    4,
  ),
  requestedBy: 'bot',
});

interface Setup {
  dir: string;
  storage: SqliteStorage;
  smtp: TestSmtpServer;
  sender: OutboxSender;
  /** performance.now() at each mail's queueing, by outbox id. */
  queuedAt: Map<string, number>;
}

async function setUp(clock = systemClock, options: Partial<OutboxSenderOptions> = {}): Promise<Setup> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-mail-'));
  const storage = openSqliteStorage(dir, { checkpointInBackground: false });
  const smtp = await TestSmtpServer.start();
  const sender = new OutboxSender(storage.outbox, smtpTransport({ smtpUrl: smtp.url(), from: FROM }), clock, silent, options);
  return { dir, storage, smtp, sender, queuedAt: new Map() };
}

async function tearDown(setup: Setup): Promise<void> {
  await setup.sender.stop();
  await setup.smtp.stop();
  await setup.storage.close();
  rmSync(setup.dir, { recursive: true, force: true });
}

/** Queues mails first..first+count-1 in one commit. */
async function queue(setup: Setup, first: number, count: number, now: string): Promise<void> {
  const ids: string[] = [];
  for (let n = first; n < first + count; n++) ids.push((await setup.storage.outbox.add(mail(n), now)).id);
  await setup.storage.commits.durable();
  const at = performance.now();
  for (const id of ids) setup.queuedAt.set(id, at);
}

const idOf = (message: ReceivedMail) => String(message.headers.get('message-id')).replace(/^<|@.*$/g, '');

function latencies(setup: Setup, messages: ReceivedMail[]): number[] {
  return messages.map((m) => m.acceptedAt - (setup.queuedAt.get(idOf(m)) ?? Number.NaN)).sort((a, b) => a - b);
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** A burst: every mail queued in one commit, then one wake. */
export async function burst(count: number, options: Partial<OutboxSenderOptions> = {}): Promise<ThroughputRow> {
  const setup = await setUp(systemClock, options);
  try {
    // warm: the connections, and V8's optimised code on both sides (the first hundreds ran at half the rate)
    await queue(setup, 0, 300, new Date().toISOString());
    await setup.sender.sendDue();
    await setup.smtp.waitForMessages(300);
    setup.smtp.messages.length = 0;

    const started = performance.now();
    await queue(setup, 1000, count, new Date().toISOString());
    setup.sender.wake();
    const messages = await setup.smtp.waitForMessages(count, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies(setup, messages);
    return {
      label: `${count} queued at once`,
      mails: count,
      seconds,
      perSecond: count / seconds,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
    };
  } finally {
    await tearDown(setup);
  }
}

/** One mail per commit, each woken as a turn's commit wakes the sender, `rate` a second. */
async function steady(count: number, rate: number): Promise<ThroughputRow> {
  const setup = await setUp();
  try {
    await queue(setup, 0, 5, new Date().toISOString());
    await setup.sender.sendDue();
    await setup.smtp.waitForMessages(5);
    setup.smtp.messages.length = 0;

    const started = performance.now();
    for (let n = 0; n < count; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await queue(setup, 1000 + n, 1, new Date().toISOString());
      setup.sender.wake();
    }
    const messages = await setup.smtp.waitForMessages(count, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies(setup, messages);
    return {
      label: `one at a time, ${rate}/s`,
      mails: count,
      seconds,
      perSecond: count / seconds,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
    };
  } finally {
    await tearDown(setup);
  }
}

/** Real time, shortened waits: down for `downMs` while mails are queued, back, until all have arrived. */
async function outageInRealTime(count: number, downMs: number): Promise<OutageRow> {
  const options = { firstRetryMs: 1_000, maxRetryMs: 4_000, pollMs: 100 };
  const setup = await setUp(systemClock, options);
  try {
    await setup.smtp.stop();
    setup.sender.start();
    const started = performance.now();
    // queued across the outage, a slice every tenth of it
    for (let slice = 0; slice < 10; slice++) {
      await queue(setup, slice * (count / 10), count / 10, new Date().toISOString());
      setup.sender.wake();
      await new Promise((resolve) => setTimeout(resolve, downMs / 10));
    }
    const wait = started + downMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await setup.smtp.restart();
    const back = performance.now();
    const messages = await setup.smtp.waitForMessages(count, 120_000);
    const last = Math.max(...messages.map((m) => m.acceptedAt));
    const sorted = latencies(setup, messages);
    return {
      label: `real time, waits ${options.firstRetryMs / 1000} s doubling to ${options.maxRetryMs / 1000} s`,
      mails: count,
      downSeconds: downMs / 1000,
      backToAllSeconds: (last - back) / 1000,
      longestWaitSeconds: sorted[sorted.length - 1] / 1000,
      attempts: await attemptsOf(setup.storage),
      duplicates: messages.length - new Set(messages.map(idOf)).size,
    };
  } finally {
    await tearDown(setup);
  }
}

/**
 * The product's waits on an injected clock: polls every pollMs of simulated time, the server down
 * from 0 to `downMs` while mails are queued, then polls until every mail has arrived.
 */
async function outageSimulated(count: number, downMs: number): Promise<OutageRow> {
  const clock = fixedClock('2026-03-02T12:00:00.000Z');
  const setup = await setUp(clock);
  const start = clock.now().getTime();
  const step = OUTBOX_SENDER_DEFAULTS.pollMs;
  const queuedAtSim = new Map<string, number>();
  try {
    await setup.smtp.stop();
    const slices = Math.ceil(downMs / step);
    let queued = 0;
    let up = false;
    let deliveredAt = Number.NaN;
    const arrivedAt = new Map<string, number>();
    for (let t = 0; t <= 24 * 3600_000; t += step) {
      clock.set(new Date(start + t).toISOString());
      if (t < downMs && queued < count) {
        const batch = Math.min(count - queued, Math.ceil(count / slices));
        for (let n = queued; n < queued + batch; n++)
          queuedAtSim.set((await setup.storage.outbox.add(mail(n), clock.now().toISOString())).id, t);
        await setup.storage.commits.durable();
        queued += batch;
      }
      if (t >= downMs && !up) {
        await setup.smtp.restart();
        up = true;
      }
      await setup.sender.sendDue();
      for (const m of setup.smtp.messages) if (!arrivedAt.has(idOf(m))) arrivedAt.set(idOf(m), t);
      if (setup.smtp.messages.length >= count) {
        deliveredAt = t;
        break;
      }
    }
    const waits = [...arrivedAt].map(([id, t]) => t - (queuedAtSim.get(id) ?? 0));
    return {
      label: `simulated clock, the product's waits (${OUTBOX_SENDER_DEFAULTS.firstRetryMs / 60_000} min doubling, polls every ${step / 1000} s)`,
      mails: count,
      downSeconds: downMs / 1000,
      backToAllSeconds: (deliveredAt - downMs) / 1000,
      longestWaitSeconds: Math.max(...waits) / 1000,
      attempts: await attemptsOf(setup.storage),
      duplicates: setup.smtp.messages.length - new Set(setup.smtp.messages.map(idOf)).size,
    };
  } finally {
    await tearDown(setup);
  }
}

async function attemptsOf(storage: SqliteStorage): Promise<number> {
  let attempts = 0;
  let cursor = null;
  do {
    const page = await storage.outbox.page({}, 500, cursor);
    for (const m of page.items) attempts += m.attempts;
    cursor = page.next;
  } while (cursor);
  return attempts;
}

/** Every row; `scale` multiplies the mail counts (BENCH_SCALE). */
export async function runMailBench(scale = 1): Promise<MailBenchResult> {
  const n = (count: number) => Math.max(10, Math.round((count * scale) / 10) * 10);
  return {
    throughput: [await burst(n(500)), await steady(n(200), 100)],
    outage: [await outageInRealTime(n(200), 3_000), await outageSimulated(n(100), 61_000)],
  };
}

export function reportMail(result: MailBenchResult): void {
  console.log('\nmail outbox (SQLite) → SMTP server on loopback (smtp-server), pooled nodemailer, 2 connections');
  console.log(
    `  ${'run'.padEnd(28)} ${'mails'.padStart(6)} ${'mails/s'.padStart(9)} ${'queued→accepted p50'.padStart(20)} ${'p99'.padStart(9)}`,
  );
  for (const r of result.throughput) {
    console.log(
      `  ${r.label.padEnd(28)} ${String(r.mails).padStart(6)} ${r.perSecond.toFixed(0).padStart(9)} ${`${r.p50.toFixed(1)} ms`.padStart(20)} ${`${r.p99.toFixed(1)} ms`.padStart(9)}`,
    );
  }
  console.log('\nmail server down while mails are queued, then back');
  for (const r of result.outage) {
    console.log(
      `  ${r.label}\n    ${r.mails} mails, down ${r.downSeconds.toFixed(0)} s: all delivered ${r.backToAllSeconds.toFixed(1)} s after it was back; longest wait ${r.longestWaitSeconds.toFixed(1)} s; ${r.attempts} attempts in all; ${r.duplicates} sent twice`,
    );
  }
}

if (require.main === module) {
  runMailBench(Number(process.env.BENCH_SCALE ?? 1))
    .then(reportMail)
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}

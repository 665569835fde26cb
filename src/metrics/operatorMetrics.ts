import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { boundedRead } from './boundedRead';

/** What a scrape reads at that moment; each read is cheap (a count on an index, a size in memory). */
export interface ScrapeSources {
  waiting(): Promise<{ count: number; oldestRequestedAt: string | null }>;
  agentsOnline(): number;
  outboxPending(): Promise<number>;
  outboxFailed(): Promise<number>;
  agentStreams(): number;
  directLineStreams(): number;
  databaseReady(): Promise<boolean>;
  now(): Date;
}

/** How long one scrape-time read may take before the scrape reports it unknown (NaN). */
export const SCRAPE_READ_TIMEOUT_MS = 2_000;

/**
 * prom-client's process metrics (event-loop lag, heap, CPU, GC), made once per process: they are the
 * process's, whatever app reports them, and each set samples the event loop on a timer of its own
 * (never stopped), which tests starting hundreds of apps in one process would pay for.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'qsee_' });
  }
  return processRegistry;
}

/** Turn latencies from a quick answer (a few ms) to a slow one (the turn bench's targets are well under a second). */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metrics operators scrape at /metrics, in a registry of their own (not prom-client's global one:
 * several apps in one process — tests, the cluster test — each keep theirs). Counters are counted as
 * things happen; the gauges are read when scraped, each read bounded, a failed one reported as NaN
 * and counted in qsee_metrics_read_errors_total so an operator can tell "unknown" from "zero".
 */
export class OperatorMetrics {
  /** The app's own metrics (the process's are added at scrape time). */
  readonly registry = new Registry();
  readonly turns: Counter;
  readonly turnDuration: Histogram;
  readonly handoffs: Counter<'reason'>;
  readonly decided: Counter<'outcome' | 'by'>;
  private readonly gauges;
  private readonly readErrors: Counter<'read'>;

  constructor(
    private readonly sources: ScrapeSources,
    private readonly timeoutMs = SCRAPE_READ_TIMEOUT_MS,
  ) {
    const registers = [this.registry];
    this.turns = new Counter({
      name: 'qsee_turns_total',
      help: "Customers' messages run as turns (answered or failed); typing signs and conversation starts are not counted.",
      registers,
    });
    this.turnDuration = new Histogram({
      name: 'qsee_turn_duration_seconds',
      help: "How long a customer's turn took, from its arrival (its wait in the conversation's queue included) to its commit.",
      buckets: TURN_BUCKETS,
      registers,
    });
    this.handoffs = new Counter({
      name: 'qsee_handoffs_total',
      help: 'Claims handed to a person, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.decided = new Counter({
      name: 'qsee_claims_decided_total',
      help: 'Decisions on claims, by outcome and by whom (bot or agent).',
      labelNames: ['outcome', 'by'],
      registers,
    });
    this.readErrors = new Counter({
      name: 'qsee_metrics_read_errors_total',
      help: 'Scrape-time reads that failed or took too long (their gauge was NaN in that scrape).',
      labelNames: ['read'],
      registers,
    });
    const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers });
    this.gauges = {
      queueLength: gauge('qsee_queue_length', 'Claims waiting for a person.'),
      oldestWait: gauge(
        'qsee_queue_oldest_wait_seconds',
        'How long the longest-waiting claim has waited since its hand-off (0: none wait).',
      ),
      agentsOnline: gauge('qsee_agents_online', 'Agents with a console stream open, on any instance.'),
      outboxPending: gauge('qsee_outbox_pending', 'Mails waiting in the outbox to be sent.'),
      outboxFailed: gauge('qsee_outbox_failed', 'Mails given up on (failed, not retried nor swept yet).'),
      connections: gauge('qsee_websocket_connections', 'WebSocket streams open on this instance, by kind.', ['stream']),
      databaseUp: gauge('qsee_database_up', 'Whether the database answered the readiness check (1) or not (0).'),
      databaseCheck: gauge('qsee_database_check_seconds', 'How long the readiness check of the database took.'),
    };
  }

  /** Counts a customer's turn that is over. */
  turnDone(seconds: number): void {
    this.turns.inc();
    this.turnDuration.observe(seconds);
  }

  /** The metrics in Prometheus's text format, with the gauges read now. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    await this.readGauges();
    const [process, ours] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    return { contentType: this.registry.contentType, body: `${process}\n${ours}` };
  }

  private async readGauges(): Promise<void> {
    const s = this.sources;
    const g = this.gauges;
    const read = async <T>(name: string, fn: () => Promise<T> | T): Promise<T | undefined> => {
      const value = await boundedRead(fn, this.timeoutMs);
      if (value === undefined) this.readErrors.inc({ read: name });
      return value;
    };
    const checkStarted = performance.now();
    const [waiting, pending, failed, ready] = await Promise.all([
      read('queue', () => s.waiting()),
      read('outbox_pending', () => s.outboxPending()),
      read('outbox_failed', () => s.outboxFailed()),
      read('database', async () => {
        const ok = await s.databaseReady();
        g.databaseCheck.set((performance.now() - checkStarted) / 1000);
        return ok;
      }),
    ]);
    g.queueLength.set(waiting?.count ?? Number.NaN);
    g.oldestWait.set(waiting ? oldestWaitSeconds(waiting.oldestRequestedAt, s.now()) : Number.NaN);
    g.outboxPending.set(pending ?? Number.NaN);
    g.outboxFailed.set(failed ?? Number.NaN);
    // a check that failed or hung says the database is not up
    g.databaseUp.set(ready ? 1 : 0);
    if (ready === undefined) g.databaseCheck.set(Number.NaN);
    g.agentsOnline.set(s.agentsOnline());
    g.connections.set({ stream: 'agent' }, s.agentStreams());
    g.connections.set({ stream: 'directline' }, s.directLineStreams());
  }
}

/** Seconds since the oldest hand-off (never negative: another instance's clock may run ahead). */
function oldestWaitSeconds(oldestRequestedAt: string | null, now: Date): number {
  if (!oldestRequestedAt) return 0;
  const since = Date.parse(oldestRequestedAt);
  return Number.isNaN(since) ? 0 : Math.max(0, (now.getTime() - since) / 1000);
}

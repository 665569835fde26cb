import { type EventLoopUtilization, performance } from 'node:perf_hooks';

/** How often the turns' load is looked at. */
const SAMPLE_MS = 250;
/** Busier than this (the share of time the main thread's event loop was working): readings wait. */
export const TURNS_BUSY_ABOVE = 0.5;

/**
 * How busy the customers' turns keep the main thread: its event loop's utilisation over the last
 * quarter second. The reader starts no new file while it is above TURNS_BUSY_ABOVE: on two cores an
 * OCR thread slows the turns even at the lowest priority (the cores share caches, often a physical
 * core), so under load readings wait — and past the queue's limit are skipped — never the turns.
 */
export class TurnLoad {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private utilization = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly busyAbove = TURNS_BUSY_ABOVE) {
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      this.utilization = performance.eventLoopUtilization(now, this.last).utilization;
      this.last = now;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** Whether the turns are busy enough that no new reading should start. */
  busy(): boolean {
    return this.utilization > this.busyAbove;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

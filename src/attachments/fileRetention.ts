import type { Clock } from '../clock';

/** How often the sweep runs: retention is counted in days, so an hour late is nothing. */
export const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes what was stored before the cutoff; returns how many went. */
export type Sweeper = (cutoff: Date) => number | Promise<number>;

/** Timer functions, injected so tests can run the schedule without waiting. */
export interface Scheduler {
  every(ms: number, work: () => void): { cancel(): void };
}

export const timerScheduler: Scheduler = {
  every(ms, work) {
    const timer = setInterval(work, ms);
    timer.unref(); // the sweep alone keeps no process alive
    return { cancel: () => clearInterval(timer) };
  },
};

/**
 * FILE_RETENTION_DAYS: uploaded files (Direct Line uploads and proof attachments) older than
 * that are deleted by a sweep on a timer. Claims keep listing them; serving one answers 404.
 */
export class FileRetention {
  private timer: { cancel(): void } | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly days: number,
    private readonly clock: Clock,
    private readonly sweepers: Sweeper[],
    private readonly scheduler: Scheduler = timerScheduler,
  ) {}

  /** Deletes everything stored more than `days` ago, now; one sweep at a time. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Sweeps once at start (files may have aged while the server was down) and then every SWEEP_EVERY_MS. */
  start(onError: (error: unknown) => void): void {
    const run = () => void this.sweep().catch(onError);
    this.timer = this.scheduler.every(SWEEP_EVERY_MS, run);
    run();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private async sweepAll(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.days * 24 * 60 * 60 * 1000);
    let deleted = 0;
    for (const sweeper of this.sweepers) deleted += await sweeper(cutoff);
    return deleted;
  }
}

import { fail } from '../errors';

/**
 * At most `running` pieces of work at once, `waiting` more in line (first come, first served); past
 * that a request is refused at once with `refusal`, rather than piling up where it would hold memory
 * and, on PostgreSQL, the pool's connections that customers' turns need.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly line: Array<() => void> = [];

  constructor(
    private readonly limits: { running: number; waiting: number },
    private readonly refusal: Parameters<typeof fail>[0],
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.running) {
      if (this.line.length >= this.limits.waiting) fail(this.refusal);
      await new Promise<void>((turn) => this.line.push(turn));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // the slot passes straight to the next in line, or is freed
      const next = this.line.shift();
      if (next) next();
      else this.active--;
    }
  }
}

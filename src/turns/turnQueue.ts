import type { TurnAdmission } from './turnAdmission';

/**
 * Runs the turns of one conversation one after another (different conversations in
 * parallel), so two messages sent at once cannot race each other's state. With an admission,
 * a turn whose conversation is free still waits for its place in the event loop's passes.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly admission?: TurnAdmission) {}

  /** `ahead`: the turn's place comes before the others waiting (see TurnAdmission). */
  run<T>(key: string, work: () => Promise<T>, ahead = false): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const admission = this.admission;
    const start = admission ? () => admission.admit(ahead).then(work) : work;
    const result = previous.then(start, start);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get pending(): number {
    return this.tails.size;
  }
}

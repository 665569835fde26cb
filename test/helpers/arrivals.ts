/** How long a test waits for something owed to it (a frame, a presence change) before calling it missing. */
export const ARRIVAL_BOUND_MS = 10_000;

export interface Arrivals {
  /** Wakes every waiter to look again: call it on each event (a frame, a close, a change). */
  wake(): void;
  /**
   * Resolves with what `check` finds (anything but undefined or false), looking again at each wake;
   * rejects after `boundMs` with what was awaited and `arrived()` (what came instead), so a failure
   * says more than a jest timeout. `check` may throw to end the wait early (the socket closed).
   */
  until<T>(what: string, check: () => T | undefined | false, arrived: () => string, boundMs?: number): Promise<T>;
}

/** Waits woken by events, each with a bound of its own: no polling, no sleep, no wait left to jest's timeout. */
export function arrivals(): Arrivals {
  const waiters = new Set<() => void>();
  return {
    wake() {
      for (const wake of [...waiters]) wake();
    },
    async until(what, check, arrived, boundMs = ARRIVAL_BOUND_MS) {
      const deadline = Date.now() + boundMs;
      for (;;) {
        const found = check();
        if (found !== undefined && found !== false) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${what}: not within ${boundMs} ms; arrived meanwhile: ${arrived() || 'nothing'}`);
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          };
          const timer = setTimeout(done, left);
          waiters.add(done);
        });
      }
    },
  };
}

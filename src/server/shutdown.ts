import type { Server } from 'restify';

/** How long a graceful shutdown waits for the turns under way before it drops their connections. */
const TURNS_GRACE_MS = 10_000;

export interface ShutdownSteps {
  server: Server;
  /** Stopped first: sweeps and live streams, which would otherwise keep the process busy. */
  stopFirst: Array<() => void>;
  turns: { settle(deadline: number): Promise<void>; commitRemaining(): void };
  /** After the last commit: the database and the clients that talk to other services. */
  closeLast: () => Promise<void>;
}

/**
 * A graceful stop: new work is refused (NOT_READY, see `closing`), the turns under way finish (up
 * to a grace period) and commit, and only then does the database close.
 */
export class Shutdown {
  private started = false;

  /** True from the moment the shutdown starts: new turns and health checks answer NOT_READY. */
  get closing(): boolean {
    return this.started;
  }

  async close(steps: ShutdownSteps): Promise<void> {
    this.started = true;
    for (const stop of steps.stopFirst) stop();
    // stop accepting; idle keep-alive sockets would hold close() open, so drop them
    const closed = new Promise<void>((resolve) => steps.server.close(() => resolve()));
    steps.server.server.closeIdleConnections();
    await steps.turns.settle(Date.now() + TURNS_GRACE_MS);
    steps.server.server.closeAllConnections();
    await closed;
    steps.turns.commitRemaining();
    await steps.closeLast();
  }
}

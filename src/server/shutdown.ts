import type { Server } from 'restify';

/** How long a graceful shutdown waits for the work under way before it drops its connections. */
const GRACE_MS = 10_000;
const POLL_MS = 20;

export interface ShutdownSteps {
  server: Server;
  /** Stopped first: sweeps and live streams, which would otherwise keep the process busy. */
  stopFirst: Array<() => void>;
  turns: { idle(): boolean; commitRemaining(): void };
  /** The requests taken before the stop: an agent's resolve decides and commits before any turn starts. */
  requests: { busy(): boolean };
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
    // the turns and requests under way finish; a request's last turn (the customer told of a decision)
    // may start as the request ends, so both are asked again until both are done at once
    const deadline = Date.now() + GRACE_MS;
    while ((steps.requests.busy() || !steps.turns.idle()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    steps.server.server.closeAllConnections();
    await closed;
    steps.turns.commitRemaining();
    await steps.closeLast();
  }
}

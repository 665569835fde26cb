import WebSocket from 'ws';

export interface FeedEvent {
  type: string;
  claim?: { id?: string; status?: string; conversationId?: string };
  claimId?: string;
  conversationId?: string;
  text?: string | null;
}

const EVENT_BOUND_MS = 15_000;

/** An agent's live feed (`GET /api/agent/stream`, Bearer on the upgrade), with a bounded wait for an event. */
export async function openAgentFeed(base: string, token: string) {
  const events: FeedEvent[] = [];
  const waiters = new Set<() => void>();
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/agent/stream`, { headers: { Authorization: `Bearer ${token}` } });
  socket.on('message', (data) => {
    events.push(JSON.parse(String(data)) as FeedEvent);
    for (const wake of [...waiters]) wake();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    events,
    /** Resolves when the server (or the test) closes the stream. */
    closed,
    /** The first event from index `after` on that matches; rejects after the bound. */
    async until(match: (e: FeedEvent) => boolean, after = 0, what = 'a feed event', boundMs = EVENT_BOUND_MS): Promise<FeedEvent> {
      const deadline = Date.now() + boundMs;
      for (;;) {
        const found = events.slice(after).find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`${what} did not reach the agent's feed within ${boundMs} ms; got ${JSON.stringify(events.slice(after))}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: () => socket.close(),
  };
}

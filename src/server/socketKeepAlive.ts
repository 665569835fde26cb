import { WebSocket, type WebSocketServer } from 'ws';

/** How often an open stream is pinged: inside the 60 s idle timeout that nginx and most load balancers default to. */
export const PING_INTERVAL_MS = 25_000;

/**
 * Keeps a server's WebSockets open through proxies that close quiet connections (a customer
 * thinking about their answer sends nothing for minutes), and ends those whose client left without
 * a goodbye (a laptop that slept, a dropped network), which would otherwise hold their place
 * until TCP gives up: every interval each socket is pinged, and one that has not answered the
 * previous ping is terminated. Browsers answer pings by themselves.
 */
export function keepSocketsAlive(wss: WebSocketServer, intervalMs = PING_INTERVAL_MS): { stop(): void } {
  const watched = new WeakSet<WebSocket>();
  const unanswered = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (unanswered.has(ws)) {
        ws.terminate();
        continue;
      }
      if (!watched.has(ws)) {
        watched.add(ws);
        ws.on('pong', () => unanswered.delete(ws));
      }
      unanswered.add(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

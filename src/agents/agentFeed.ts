import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { AgentPresence } from '../handoff/agentPresence';
import type { Logger } from '../logger';
import { bearerToken } from '../server/http';
import { refuseUpgrade } from '../server/refuseUpgrade';
import { requestUrl } from '../server/requestUrl';
import { keepSocketsAlive } from '../server/socketKeepAlive';
import type { AgentTokenClaims, AgentTokens } from './agentTokens';

export type AgentFeedEvent =
  | { type: 'claim.updated'; claim: unknown }
  | {
      type: 'customer.message';
      claimId: string;
      conversationId: string;
      text: string | null;
      attachments: { name?: string }[];
      timestamp: string;
    }
  | { type: 'customer.typing'; claimId: string }
  /** a claim still waits past QUEUE_REOFFER_MINUTES: every console offers it again (once a claim) */
  | { type: 'claim.reoffered'; claim: unknown }
  /** the customer of `agent`'s chat has waited AGENT_SILENT_REMIND_MINUTES for an answer: their console calls them */
  | { type: 'agent.reminder'; claimId: string; agent: string; waitingSince: string }
  /** events from other instances may have been lost (Redis was away): consoles read their lists again */
  | { type: 'feed.resync' };

export interface AgentFeedLimits {
  /** open streams per agent (a few console tabs); one more is refused with 429 */
  socketsPerAgent: number;
  /** bytes queued for a socket that does not read; past it, the socket is dropped */
  maxBufferedBytes: number;
  /** how often open streams' tokens are checked again against the revocations */
  recheckEveryMs: number;
}
export const AGENT_FEED_LIMITS: AgentFeedLimits = { socketsPerAgent: 5, maxBufferedBytes: 1024 * 1024, recheckEveryMs: 15_000 };

interface Session {
  agent: AgentTokenClaims;
  /** ends it: presence, the expiry timer, the socket; safe to call twice */
  end(): void;
}

/**
 * The agents' live stream (`GET /api/agent/stream`, WebSocket): queue changes and customer
 * messages as they happen. A connected agent counts as online, until their session ends:
 * logout or revocation closes their streams at once, and so does the token's expiry.
 */
export class AgentFeed {
  private readonly sessions = new Map<WebSocket, Session>();
  // A browser that offers subprotocols needs one of them echoed: the console offers AGENT_STREAM_PROTOCOL
  // beside its token, and that name is what the response carries, so proxies that log headers never see the token.
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 16 * 1024,
    handleProtocols: (offered) => (offered.has(AGENT_STREAM_PROTOCOL) ? AGENT_STREAM_PROTOCOL : false),
  });
  private readonly keepAlive = keepSocketsAlive(this.wss);

  constructor(
    private readonly tokens: AgentTokens,
    private readonly presence: AgentPresence,
    private readonly logger: Logger,
    private readonly limits: AgentFeedLimits = AGENT_FEED_LIMITS,
  ) {
    tokens.onRevoke((revoked) => this.endSessionsOf((agent) => agent.tokenId === revoked.tokenId));
    // A logout ends the token's streams at once here and, over the bus, on the other instances; a
    // notice lost with Redis away would leave a stream open elsewhere until its token expired, so each
    // instance also reads the revocations again for its open streams now and then.
    this.recheck = setInterval(() => void this.endRevokedSessions(), limits.recheckEveryMs);
    this.recheck.unref();
  }
  private readonly recheck: NodeJS.Timeout;

  /** Reads the revocations again for every open stream now (after Redis was away: logouts relayed meanwhile were lost). */
  async endRevokedSessions(): Promise<void> {
    for (const session of [...this.sessions.values()]) {
      try {
        if (!(await this.tokens.stillValid(session.agent))) session.end();
      } catch (error) {
        // the database away: the stream stays until it answers again (every request is refused meanwhile)
        this.logger.debug({ err: error }, 'agent stream recheck failed');
      }
    }
  }

  /** The agents' streams open on this instance (signed in), for /metrics. */
  connections(): number {
    return this.sessions.size;
  }

  publish(event: AgentFeedEvent): void {
    if (this.sessions.size === 0) return;
    const frame = JSON.stringify(event);
    for (const [socket, session] of this.sessions) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      // a console that stopped reading would hold every frame in memory: drop it, it reconnects
      if (socket.bufferedAmount > this.limits.maxBufferedBytes) {
        this.logger.warn({ agent: session.agent.username, buffered: socket.bufferedAmount }, 'agent stream too slow: dropped');
        session.end();
        continue;
      }
      socket.send(frame);
    }
  }

  /** Handles an HTTP upgrade if it is for the agent stream; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = requestUrl(req.url);
    if (url.pathname !== '/api/agent/stream') return false;
    const token = streamToken(req);
    // the token check reads the revocations (a round trip): the upgrade is ours from here, answered once it is done
    this.admit(req, socket, head, token).catch((error) => {
      this.logger.warn({ err: error }, 'agent stream refused');
      refuseUpgrade(socket, '500 Internal Server Error');
    });
    return true;
  }

  private async admit(req: IncomingMessage, socket: Duplex, head: Buffer, token: string | null | undefined): Promise<void> {
    const agent = token ? await this.tokens.verify(token) : null;
    if (!agent) return void refuseUpgrade(socket, '401 Unauthorized');
    if (this.openFor(agent.username) >= this.limits.socketsPerAgent) return void refuseUpgrade(socket, '429 Too Many Requests');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.join(ws, agent));
  }

  private join(ws: WebSocket, agent: AgentTokenClaims): void {
    const leave = this.presence.connect(agent.username);
    let expiry: NodeJS.Timeout | undefined;
    const end = () => {
      if (!this.sessions.delete(ws)) return;
      clearTimeout(expiry);
      leave();
      ws.terminate();
    };
    this.sessions.set(ws, { agent, end });
    expiry = setTimeout(end, Math.min(this.tokens.msLeft(agent), 2 ** 31 - 1));
    expiry.unref();
    ws.on('close', end);
    ws.on('error', (error) => this.logger.debug({ err: error }, 'agent stream error'));
    ws.send(JSON.stringify({ type: 'hello', agent: agent.username }));
  }

  private openFor(username: string): number {
    let n = 0;
    for (const session of this.sessions.values()) if (session.agent.username === username) n++;
    return n;
  }

  /** Ends the streams of the sessions that match (a revoked token's, a disabled agent's). */
  endSessionsOf(matches: (agent: AgentTokenClaims) => boolean): void {
    for (const session of [...this.sessions.values()]) if (matches(session.agent)) session.end();
  }

  closeAll(): void {
    this.keepAlive.stop();
    clearInterval(this.recheck);
    for (const session of [...this.sessions.values()]) session.end();
  }
}

/**
 * The token of an agent stream: `Authorization: Bearer` (tools and tests), the subprotocol
 * `token.<jwt>` (the console: browsers cannot set headers on a WebSocket), or `?token=` (older
 * clients; never logged, see redactUrl).
 */
/** The subprotocol the console names beside `token.<jwt>`; the server echoes this one. */
export const AGENT_STREAM_PROTOCOL = 'qsee.agent';

function streamToken(req: IncomingMessage): string | undefined {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer) return bearer;
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  // never from the URL: a token there ends up in proxies' logs and the browser's history
  return protocols.find((p) => p.startsWith('token.'))?.slice(6);
}

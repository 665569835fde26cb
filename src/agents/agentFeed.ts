import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { AgentPresence } from '../handoff/agentPresence';
import type { Logger } from '../logger';
import type { AgentTokens } from './agentTokens';

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
  | { type: 'customer.typing'; claimId: string };

/**
 * The agents' live stream (`GET /api/agent/stream`, WebSocket): queue changes and customer
 * messages as they happen. A connected agent counts as online.
 */
export class AgentFeed {
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });

  constructor(
    private readonly tokens: AgentTokens,
    private readonly presence: AgentPresence,
    private readonly logger: Logger,
  ) {}

  publish(event: AgentFeedEvent): void {
    if (this.sockets.size === 0) return;
    const frame = JSON.stringify(event);
    for (const socket of this.sockets) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  }

  /** Handles an HTTP upgrade if it is for the agent stream; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/agent/stream') return false;
    // Browsers cannot set headers on a WebSocket: the token comes as a subprotocol or ?token=.
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const token = protocols.find((p) => p.startsWith('token.'))?.slice(6) ?? url.searchParams.get('token') ?? undefined;
    const agent = token ? this.tokens.verify(token) : null;
    if (!agent) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      const leave = this.presence.connect(agent.username);
      ws.on('close', () => {
        this.sockets.delete(ws);
        leave();
      });
      ws.on('error', (error) => this.logger.warn({ err: error }, 'agent stream error'));
      ws.send(JSON.stringify({ type: 'hello', agent: agent.username }));
    });
    return true;
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }
}

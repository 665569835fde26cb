import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logger';
import { bearerToken } from '../../server/http';
import { refuseUpgrade } from '../../server/refuseUpgrade';
import { keepSocketsAlive } from '../../server/socketKeepAlive';
import type { DirectLineStore } from '../../storage/directLineStore';
import type { DirectLineAdapter } from './directLineAdapter';
import type { DirectLineTokenClaims, DirectLineTokens } from './directLineTokens';
import type { FileLinks } from './fileLinks';

/** Open WebSockets one conversation may have: a few tabs. The oldest gives way to a new one. */
export const SOCKETS_PER_CONVERSATION = 3;
/** Bytes a socket may have waiting to be sent before we drop it: a consumer that does not read. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * The close code of a stream whose session a resume through a link ended (4000-4999 are the
 * application's; 4403 reads as HTTP's 403). Web Chat reconnects after any close, and its reconnect
 * is answered 403, which it takes as final.
 */
export const SESSION_ENDED_CLOSE_CODE = 4403;

/**
 * Sends a frame unless the socket's client has stopped reading: past `maxBuffered` bytes waiting,
 * the socket is dropped (the client reconnects from its watermark and misses nothing). False when dropped.
 */
export function sendOrDrop(ws: Pick<WebSocket, 'bufferedAmount' | 'send' | 'terminate'>, frame: string, maxBuffered: number): boolean {
  if (ws.bufferedAmount + Buffer.byteLength(frame) > maxBuffered) {
    ws.terminate();
    return false;
  }
  ws.send(frame);
  return true;
}

/** The WebSocket stream: frames of `{activities, watermark}`, replayed from the watermark on connect. */
export class DirectLineStreams {
  /** Each conversation's sockets, oldest first. */
  private readonly sockets = new Map<string, WebSocket[]>();
  /** The watermark each socket has been sent up to: a frame is never sent twice or behind the backlog. */
  private readonly sentUpTo = new WeakMap<WebSocket, number>();
  /** Sockets still sending their backlog, and whether a live push came for them meanwhile. */
  private readonly catchingUp = new Map<WebSocket, boolean>();
  /** The session each socket was opened for (by its ticket or token): a resume through a link closes the others. */
  private readonly sessionOf = new WeakMap<WebSocket, string | undefined>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly keepAlive = keepSocketsAlive(this.wss);

  constructor(
    private readonly store: DirectLineStore,
    private readonly tokens: DirectLineTokens,
    private readonly links: FileLinks,
    adapter: DirectLineAdapter,
    private readonly logger: Logger,
    /** stream starts per conversation: the route that mints tickets takes from it, and so does a Bearer upgrade */
    private readonly streamStarts: Pick<RateLimiterAbstract, 'consume'>,
    private readonly maxBuffered = MAX_BUFFERED_BYTES,
  ) {
    tokens.sessions.onEnded((conversationId) => this.closeEndedSessions(conversationId));
    adapter.onActivities((conversationId, activities, watermark) => {
      const open = this.sockets.get(conversationId);
      if (!open) return;
      // links are signed as the frame leaves, once for all of the conversation's sockets
      const frame = JSON.stringify({ activities: activities.map((a) => links.forClient(a)), watermark: String(watermark) });
      for (const socket of [...open]) {
        if (socket.readyState !== WebSocket.OPEN || (this.sentUpTo.get(socket) ?? 0) >= watermark) continue;
        // still sending its backlog: the push is read back with it (see join), never sent ahead of it
        if (this.catchingUp.has(socket)) {
          this.catchingUp.set(socket, true);
          continue;
        }
        if (sendOrDrop(socket, frame, this.maxBuffered)) this.sentUpTo.set(socket, watermark);
      }
    });
  }

  /** Handles an HTTP upgrade if it is for a conversation stream; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    // read without new URL(), which throws on request lines such as "//"
    const [pathname, query = ''] = (req.url ?? '/').split('?', 2);
    const m = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/.exec(pathname);
    if (!m) return false;
    const params = new URLSearchParams(query);
    // a client that goes away during the handshake must not take the process with it
    socket.on('error', (error) => this.logger.debug({ err: error }, 'direct line upgrade socket error'));
    // a ticket's single use may be asked of Redis: the upgrade is ours from here, answered once that is known
    this.authenticate(req, params).then(
      ({ claims, withTicket }) => this.admit(req, socket, head, m[1], params, claims, withTicket),
      (error) => {
        this.logger.warn({ err: error }, 'direct line stream refused');
        refuseUpgrade(socket, '500 Internal Server Error');
      },
    );
    return true;
  }

  private admit(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    conversationId: string,
    params: URLSearchParams,
    claims: DirectLineTokenClaims | null,
    withTicket: boolean,
  ): void {
    const watermark = params.get('watermark') ?? '0';
    if (!claims || claims.conversationId !== conversationId || !/^\d{1,15}$/.test(watermark)) {
      return void refuseUpgrade(
        socket,
        !claims ? '401 Unauthorized' : claims.conversationId !== conversationId ? '403 Forbidden' : '400 Bad Request',
      );
    }
    if (withTicket) this.accept(req, socket, head, claims, Number(watermark));
    else {
      // a ticket was counted when its URL was minted; a token sent straight to the stream is counted here
      this.streamStarts.consume(claims.conversationId).then(
        () => this.accept(req, socket, head, claims, Number(watermark)),
        () => refuseUpgrade(socket, '429 Too Many Requests'),
      );
    }
  }

  private accept(req: IncomingMessage, socket: Duplex, head: Buffer, claims: DirectLineTokenClaims, watermark: number): void {
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => this.logger.debug({ err: error }, 'direct line socket error'));
      this.join(ws, claims, watermark).catch(() => {
        this.catchingUp.delete(ws);
        ws.close(1011, 'try again');
      });
    });
  }

  /** Closes the conversation's streams whose session a resume through a link has ended (here or on another instance). */
  private closeEndedSessions(conversationId: string): void {
    for (const ws of [...(this.sockets.get(conversationId) ?? [])]) {
      if (this.tokens.sessions.isEnded(conversationId, this.sessionOf.get(ws))) closeEnded(ws);
    }
  }

  /** The customers' streams open on this instance, for /metrics. */
  connections(): number {
    let n = 0;
    for (const list of this.sockets.values()) n += list.length;
    return n;
  }

  closeAll(): void {
    this.keepAlive.stop();
    for (const list of this.sockets.values()) for (const socket of list) socket.terminate();
  }

  /** A stream ticket from the URL (browsers), or the conversation token as `Authorization: Bearer` (tools). */
  private async authenticate(
    req: IncomingMessage,
    params: URLSearchParams,
  ): Promise<{ claims: DirectLineTokenClaims | null; withTicket: boolean }> {
    const fromTicket = await this.tokens.verifyStreamTicket(params.get('ticket'));
    if (fromTicket) return { claims: fromTicket, withTicket: true };
    const claims = this.tokens.verify(bearerToken(req.headers.authorization));
    return { claims: typeof claims === 'string' ? null : claims, withTicket: false };
  }

  /**
   * The socket joins the conversation's live pushes at once, but sends none of them before its
   * backlog: it reads the activities after its watermark as committed, page by page, and reads
   * again if a push came while it was reading (that activity may have been committed after the
   * read began). Nothing is missed in between, nothing goes twice (`sentUpTo`), nothing
   * uncommitted is shown.
   */
  private async join(ws: WebSocket, claims: DirectLineTokenClaims, watermark: number): Promise<void> {
    if (ws.readyState !== WebSocket.OPEN) return;
    // its session ended between the check of its ticket and now (the handshake, Redis): it joins nothing
    if (this.tokens.isEnded(claims)) return closeEnded(ws);
    const { conversationId } = claims;
    this.sessionOf.set(ws, claims.sessionId);
    const list = this.sockets.get(conversationId) ?? [];
    // past the cap the oldest socket goes, not the new one: the newest is the tab the customer is
    // looking at, and an old one may be half-open (a laptop that slept) with nobody behind it
    while (list.length >= SOCKETS_PER_CONVERSATION) (list.shift() as WebSocket).close(1008, 'too many streams for this conversation');
    list.push(ws);
    this.sockets.set(conversationId, list);
    ws.on('close', () => {
      this.catchingUp.delete(ws);
      const index = list.indexOf(ws);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0 && this.sockets.get(conversationId) === list) this.sockets.delete(conversationId);
    });
    this.sentUpTo.set(ws, watermark);
    await this.sendBacklog(ws, conversationId);
  }

  /**
   * Another instance stored activities in this conversation (its notice came over the cluster bus):
   * each of its sockets here reads what it has not been sent yet, as at a reconnect.
   */
  catchUp(conversationId: string): void {
    for (const ws of this.sockets.get(conversationId) ?? []) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      // already reading: it reads once more before it stops
      if (this.catchingUp.has(ws)) this.catchingUp.set(ws, true);
      else this.sendBacklog(ws, conversationId).catch(() => ws.close(1011, 'try again'));
    }
  }

  /** Every stream open here reads what it has not been sent (the cluster bus is back after missing notices). */
  catchUpAll(): void {
    for (const conversationId of [...this.sockets.keys()]) this.catchUp(conversationId);
  }

  /** Sends a socket what was committed after its watermark, page by page, reading again while pushes came meanwhile. */
  private async sendBacklog(ws: WebSocket, conversationId: string): Promise<void> {
    let from = this.sentUpTo.get(ws) ?? 0;
    try {
      for (;;) {
        this.catchingUp.set(ws, false);
        const page = await this.store.committedAfter(conversationId, from);
        if (ws.readyState !== WebSocket.OPEN) return;
        if (page.activities.length > 0) {
          const frame = JSON.stringify({
            activities: page.activities.map((a) => this.links.forClient(a)),
            watermark: String(page.watermark),
          });
          if (!sendOrDrop(ws, frame, this.maxBuffered)) return;
          this.sentUpTo.set(ws, page.watermark);
          from = page.watermark;
        }
        const pushedMeanwhile = this.catchingUp.get(ws) === true;
        if (!page.more && !pushedMeanwhile) break;
      }
    } finally {
      this.catchingUp.delete(ws);
    }
  }
}

function closeEnded(ws: WebSocket): void {
  ws.close(SESSION_ENDED_CLOSE_CODE, 'session ended: the conversation was opened from the link in our email elsewhere');
}

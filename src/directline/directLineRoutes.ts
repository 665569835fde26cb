import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity, TurnContext } from 'botbuilder';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Request, Response, Server } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import { checkProofContent } from '../attachments/proofContent';
import type { TurnQueue } from '../bot/turnQueue';
import { DIRECT_LINE_CHANNEL, keyText } from '../domain/conversationKey';
import type { Logger } from '../logger';
import { sendFileBytes } from '../server/fileResponse';
import { bearerToken, fail, route, sendJson } from '../server/http';
import { jsonBody } from '../server/jsonBody';
import { webSocketOrigin } from '../server/publicOrigin';
import type { DirectLineStore } from '../storage/directLineStore';
import { BOT_ACCOUNT, DIRECT_LINE_SERVICE_URL, type DirectLineAdapter } from './directLineAdapter';
import type { DirectLineTokenClaims, DirectLineTokens } from './directLineTokens';
import { FileLinks } from './fileLinks';
import { readIncomingActivity } from './incomingActivity';
import { readUpload } from './readUpload';
import { UploadBudget } from './uploadBudget';

export interface DirectLineDeps {
  store: DirectLineStore;
  tokens: DirectLineTokens;
  links: FileLinks;
  adapter: DirectLineAdapter;
  turns: TurnQueue;
  logger: Logger;
  runTurn: (context: TurnContext) => Promise<void>;
  tokensPerMinute: number;
  trackTurn: <T>(work: Promise<T>) => Promise<T>;
  /** the client's address (behind a trusted proxy, from X-Forwarded-For) */
  addressOf: (req: Request) => string;
  /** our public origin (PUBLIC_URL, or this server as it listens): every URL we hand out starts with it */
  origin: () => string;
}

/** A Direct Line conversation's place in the turn queue, shared with agents' proactive turns. */
const directLineKey = (id: string) => keyText({ channel: DIRECT_LINE_CHANNEL, id });

/** Pages of activities one conversation may ask for per 10 seconds: a poll a second, catching up after a reconnect, and room to spare. */
export const PAGES_PER_10_SECONDS = 100;
/** Upload bytes held in memory at once, overall and per client address (see UploadBudget). */
export const UPLOAD_BYTES_IN_MEMORY = 200 * 1024 * 1024;
export const UPLOAD_BYTES_IN_MEMORY_PER_ADDRESS = 60 * 1024 * 1024;
/** Stream URLs (each with a fresh ticket) one conversation may ask for per minute: starts and reconnects. */
export const STREAM_URLS_PER_MINUTE = 60;

/** The customer's token for this request, bound to `conversationId` when one is in the path. */
function authorize(tokens: DirectLineTokens, req: Request, conversationId?: string): DirectLineTokenClaims & { token: string } {
  const token = bearerToken(req.headers.authorization);
  const claims = tokens.verify(token);
  if (claims === 'expired') fail('UNAUTHENTICATED', 'The token has expired.');
  if (claims === 'invalid') fail('UNAUTHENTICATED');
  const valid = claims as DirectLineTokenClaims;
  if (conversationId !== undefined && valid.conversationId !== conversationId) fail('FORBIDDEN', 'The token is for another conversation.');
  return { ...valid, token: token as string };
}

/** A watermark from the query: a whole number, 0 when absent; anything else is a 400. */
function watermarkOf(req: Request): number {
  const given = req.query?.watermark;
  if (given === undefined || given === '') return 0;
  if (typeof given !== 'string' || !/^\d{1,15}$/.test(given)) fail('BAD_REQUEST', 'The watermark must be a whole number.');
  return Number(given);
}

/**
 * A self-hosted Direct Line 3.0: the endpoints Web Chat and botframework-directlinejs use,
 * backed by SQLite, with turns run in process by the DirectLineAdapter.
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): void {
  const { store, tokens, links, adapter, turns, logger } = deps;
  const tokenLimiter = new RateLimiterMemory({ points: deps.tokensPerMinute, duration: 60 });
  const postLimiter = new RateLimiterMemory({ points: 30, duration: 10 });
  const uploadBudget = new UploadBudget(UPLOAD_BYTES_IN_MEMORY, UPLOAD_BYTES_IN_MEMORY_PER_ADDRESS);
  const pageLimiter = new RateLimiterMemory({ points: PAGES_PER_10_SECONDS, duration: 10 });
  // each start or reconnect mints a stream ticket: plenty for a flaky connection, not a mint
  const streamLimiter = new RateLimiterMemory({ points: STREAM_URLS_PER_MINUTE, duration: 60 });
  const json = jsonBody(64 * 1024);
  const limit = async (limiter: RateLimiterMemory, key: string, res: Response) => {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      res.setHeader('Retry-After', String(Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000)));
      fail('RATE_LIMITED');
    }
  };
  /** The stream URL carries a short-lived stream-only ticket, never the conversation's token (URLs end up in logs). */
  const streamUrl = (claims: DirectLineTokenClaims, watermark?: number) =>
    `${webSocketOrigin(deps.origin())}/v3/directline/conversations/${claims.conversationId}/stream?ticket=${tokens.issueStreamTicket(claims)}${
      watermark ? `&watermark=${watermark}` : ''
    }`;

  /** Stores the customer's activity, already read by readIncomingActivity (the echo Web Chat waits for), and runs the bot on it. */
  const receive = async (claims: DirectLineTokenClaims, checked: Partial<Activity>, attachments?: Activity['attachments']) => {
    const incoming: Partial<Activity> = {
      ...checked,
      attachments: attachments ?? [],
      from: { id: claims.userId, name: 'You', role: 'user' },
      recipient: BOT_ACCOUNT,
      conversation: { id: claims.conversationId } as Activity['conversation'],
      channelId: 'directline',
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      timestamp: new Date().toISOString() as unknown as Date,
    };
    const { activity, duplicate } = adapter.publish(claims.conversationId, incoming);
    if (!duplicate) {
      await deps.trackTurn(turns.run(directLineKey(claims.conversationId), () => adapter.process(activity, deps.runTurn)));
    }
    return activity.id as string;
  };

  server.post(
    '/api/directline/token',
    route(logger, async (req, res) => {
      await limit(tokenLimiter, deps.addressOf(req), res);
      const userId = `u_${randomBytes(12).toString('base64url')}`;
      const conversationId = await store.createConversation(userId);
      // a token for a conversation that a crash could still take back would answer 404 on first use
      await store.readCommitted(() => undefined);
      const { token, expiresIn } = tokens.issue({ userId, conversationId });
      sendJson(res, 200, { token, conversationId, userId, expires_in: expiresIn });
    }),
  );

  server.post(
    '/v3/directline/conversations',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req);
      await limit(streamLimiter, claims.conversationId, res);
      if (!(await store.conversation(claims.conversationId))) fail('NOT_FOUND');
      if (await store.markStarted(claims.conversationId)) {
        const update: Partial<Activity> = {
          type: 'conversationUpdate',
          membersAdded: [BOT_ACCOUNT, { id: claims.userId, name: 'You' }],
          from: { id: claims.userId, name: 'You', role: 'user' },
          recipient: BOT_ACCOUNT,
          conversation: { id: claims.conversationId } as Activity['conversation'],
          channelId: 'directline',
          serviceUrl: DIRECT_LINE_SERVICE_URL,
          id: `${claims.conversationId}|start`,
        };
        await deps.trackTurn(turns.run(directLineKey(claims.conversationId), () => adapter.process(update, deps.runTurn)));
      }
      sendJson(res, 201, {
        conversationId: claims.conversationId,
        token: claims.token,
        expires_in: 1800,
        streamUrl: streamUrl(claims),
      });
    }),
  );

  server.get(
    '/v3/directline/conversations/:id',
    route(logger, async (req, res) => {
      // botframework-directlinejs reconnects here and takes only a 403 as "token expired" (a 401 it retries
      // forever): with 403 the help page can tell the customer to reload
      if (tokens.verify(bearerToken(req.headers.authorization)) === 'expired') fail('FORBIDDEN', 'The token has expired.');
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(streamLimiter, claims.conversationId, res);
      if (!(await store.conversation(claims.conversationId))) fail('NOT_FOUND');
      sendJson(res, 200, {
        conversationId: claims.conversationId,
        token: claims.token,
        expires_in: 1800,
        streamUrl: streamUrl(claims, watermarkOf(req)),
      });
    }),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    route(logger, (req, res) => {
      const claims = authorize(tokens, req);
      const { token, expiresIn } = tokens.issue(claims);
      sendJson(res, 200, { conversationId: claims.conversationId, token, expires_in: expiresIn });
    }),
  );

  server.post(
    '/v3/directline/conversations/:id/activities',
    json,
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(postLimiter, claims.conversationId, res);
      const id = await receive(claims, readIncomingActivity(req.body));
      sendJson(res, 200, { id });
    }),
  );

  server.get(
    '/v3/directline/conversations/:id/activities',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      const watermark = watermarkOf(req);
      await limit(pageLimiter, claims.conversationId, res);
      const page = await store.committedAfter(claims.conversationId, watermark);
      sendJson(res, 200, { activities: page.activities.map((a) => links.forClient(a)), watermark: String(page.watermark) });
    }),
  );

  server.post(
    '/v3/directline/conversations/:id/upload',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(postLimiter, claims.conversationId, res);
      const { activity, files } = await readUpload(req, { budget: uploadBudget, key: deps.addressOf(req) });
      if (!activity || typeof activity !== 'object' || Array.isArray(activity))
        fail('BAD_REQUEST', 'The activity part must be a JSON object.');
      // nothing is stored for a request that is refused, nor for a resend of one already stored
      const checkedActivity = readIncomingActivity({ ...(activity as object), type: 'message' });
      const resent = await store.idOfClientActivity(claims.conversationId, clientActivityIdOf(checkedActivity));
      if (resent) return sendJson(res, 200, { id: resent });
      // each file is checked by content before anything is kept; a refused one is not stored, but
      // the message still reaches the bot, which tells the customer why it cannot use it
      const attachments = [];
      for (const file of files) {
        const checked = await checkProofContent(file.data);
        if (checked.ok) {
          const fileId = await store.saveFile(claims.conversationId, file.name, checked.contentType, file.data);
          attachments.push({ contentType: checked.contentType, name: file.name, contentUrl: links.reference(fileId) });
        } else {
          attachments.push({ contentType: 'application/octet-stream', name: file.name, contentUrl: FileLinks.refusal(checked.problem) });
        }
      }
      const id = await receive(claims, checkedActivity, attachments);
      sendJson(res, 200, { id });
    }),
  );

  server.get(
    '/v3/directline/attachments/:fileId',
    route(logger, async (req, res) => {
      const fileId = String(req.params.fileId);
      if (!links.check(fileId, req.query?.e, req.query?.sig)) fail('NOT_FOUND', 'The link is not valid or has expired.');
      const file = (await store.file(fileId)) ?? fail('NOT_FOUND', 'The file is no longer kept.');
      sendFileBytes(res, file, file.data);
    }),
  );
}

const clientActivityIdOf = (activity: Partial<Activity>): string | undefined =>
  (activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID;

/** Open WebSockets one conversation may have: a few tabs. The oldest gives way to a new one. */
export const SOCKETS_PER_CONVERSATION = 3;
/** Bytes a socket may have waiting to be sent before we drop it: a consumer that does not read. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

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
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(
    private readonly store: DirectLineStore,
    private readonly tokens: DirectLineTokens,
    private readonly links: FileLinks,
    adapter: DirectLineAdapter,
    private readonly logger: Logger,
    private readonly maxBuffered = MAX_BUFFERED_BYTES,
  ) {
    adapter.onActivities((conversationId, activities, watermark) => {
      const open = this.sockets.get(conversationId);
      if (!open) return;
      // links are signed as the frame leaves, once for all of the conversation's sockets
      const frame = JSON.stringify({ activities: activities.map((a) => links.forClient(a)), watermark: String(watermark) });
      for (const socket of [...open]) {
        if (socket.readyState !== WebSocket.OPEN || (this.sentUpTo.get(socket) ?? 0) >= watermark) continue;
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
    const claims = this.authenticate(req, params);
    const watermark = params.get('watermark') ?? '0';
    if (!claims || claims.conversationId !== m[1] || !/^\d{1,15}$/.test(watermark)) {
      const status = !claims ? '401 Unauthorized' : claims.conversationId !== m[1] ? '403 Forbidden' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => this.logger.debug({ err: error }, 'direct line socket error'));
      // the backlog as committed, and the socket joins the live pushes in the same step: nothing
      // uncommitted, nothing twice, nothing missed in between
      this.store.readCommitted(() => this.open(ws, claims.conversationId, Number(watermark))).catch(() => ws.close(1011, 'try again'));
    });
    return true;
  }

  closeAll(): void {
    for (const list of this.sockets.values()) for (const socket of list) socket.terminate();
  }

  /** A stream ticket from the URL (browsers), or the conversation token as `Authorization: Bearer` (tools). */
  private authenticate(req: IncomingMessage, params: URLSearchParams): DirectLineTokenClaims | null {
    const fromTicket = this.tokens.verifyStreamTicket(params.get('ticket'));
    if (fromTicket) return fromTicket;
    const claims = this.tokens.verify(bearerToken(req.headers.authorization));
    return typeof claims === 'string' ? null : claims;
  }

  private open(ws: WebSocket, conversationId: string, watermark: number): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const list = this.sockets.get(conversationId) ?? [];
    // past the cap the oldest socket goes, not the new one: the newest is the tab the customer is
    // looking at, and an old one may be half-open (a laptop that slept) with nobody behind it
    while (list.length >= SOCKETS_PER_CONVERSATION) (list.shift() as WebSocket).close(1008, 'too many streams for this conversation');
    list.push(ws);
    this.sockets.set(conversationId, list);
    ws.on('close', () => {
      const index = list.indexOf(ws);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0 && this.sockets.get(conversationId) === list) this.sockets.delete(conversationId);
    });
    // the backlog, page by page, as the client would poll it
    let from = watermark;
    this.sentUpTo.set(ws, from);
    for (;;) {
      const page = this.store.after(conversationId, from);
      if (page.activities.length === 0) break;
      const frame = JSON.stringify({ activities: page.activities.map((a) => this.links.forClient(a)), watermark: String(page.watermark) });
      if (!sendOrDrop(ws, frame, this.maxBuffered)) break;
      this.sentUpTo.set(ws, page.watermark);
      if (!page.more) break;
      from = page.watermark;
    }
  }
}

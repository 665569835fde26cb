import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity, TurnContext } from 'botbuilder';
import busboy from 'busboy';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Request, Response, Server } from 'restify';
import * as restify from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import { cleanName, MAX_UPLOAD_BYTES } from '../attachments/proofUploads';
import type { TurnQueue } from '../bot/turnQueue';
import { DIRECT_LINE_CHANNEL, keyText } from '../domain/conversationKey';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { fail, route, sendJson } from '../server/http';
import { BOT_ACCOUNT, DIRECT_LINE_SERVICE_URL, type DirectLineAdapter } from './directLineAdapter';
import type { DirectLineStore } from './directLineStore';
import type { DirectLineTokenClaims, DirectLineTokens } from './directLineTokens';

export interface DirectLineDeps {
  store: DirectLineStore;
  tokens: DirectLineTokens;
  adapter: DirectLineAdapter;
  turns: TurnQueue;
  logger: Logger;
  runTurn: (context: TurnContext) => Promise<void>;
  tokensPerMinute: number;
  trackTurn: <T>(work: Promise<T>) => Promise<T>;
  /** the client's address (behind a trusted proxy, from X-Forwarded-For) */
  addressOf: (req: Request) => string;
}

/** A Direct Line conversation's place in the turn queue, shared with agents' proactive turns. */
const directLineKey = (id: string) => keyText({ channel: DIRECT_LINE_CHANNEL, id });
const ALLOWED_TYPES = new Set(['message', 'typing', 'event']);
const MAX_TEXT = 5000;

/** The customer's token for this request, bound to `conversationId` when one is in the path. */
function authorize(tokens: DirectLineTokens, req: Request, conversationId?: string): DirectLineTokenClaims & { token: string } {
  const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
  const claims = tokens.verify(token);
  if (claims === 'expired') fail('UNAUTHENTICATED', 'The token has expired.');
  if (claims === 'invalid') fail('UNAUTHENTICATED');
  const valid = claims as DirectLineTokenClaims;
  if (conversationId !== undefined && valid.conversationId !== conversationId) fail('FORBIDDEN', 'The token is for another conversation.');
  return { ...valid, token: token as string };
}

const origin = (req: Request, scheme: 'http' | 'ws') => {
  const secure = req.header('x-forwarded-proto') === 'https';
  const host = req.header('host') ?? 'localhost';
  return `${scheme}${secure ? 's' : ''}://${host}`;
};

/**
 * A self-hosted Direct Line 3.0: the endpoints Web Chat and botframework-directlinejs use,
 * backed by SQLite, with turns run in process by the DirectLineAdapter.
 */
export function registerDirectLine(server: Server, deps: DirectLineDeps): void {
  const { store, tokens, adapter, turns, logger } = deps;
  const tokenLimiter = new RateLimiterMemory({ points: deps.tokensPerMinute, duration: 60 });
  const postLimiter = new RateLimiterMemory({ points: 30, duration: 10 });
  const json = restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false });
  const limit = async (limiter: RateLimiterMemory, key: string, res: Response) => {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      res.setHeader('Retry-After', String(Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000)));
      fail('RATE_LIMITED');
    }
  };
  const streamUrl = (req: Request, conversationId: string, token: string, watermark?: string) =>
    `${origin(req, 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}${watermark ? `&watermark=${encodeURIComponent(watermark)}` : ''}`;

  /** Stores the customer's activity (the echo Web Chat waits for) and runs the bot on it. */
  const receive = async (claims: DirectLineTokenClaims, body: Partial<Activity>, attachments?: Activity['attachments']) => {
    if (!body || typeof body !== 'object' || !ALLOWED_TYPES.has(String(body.type)))
      fail('BAD_REQUEST', 'The activity type must be message, typing or event.');
    if (typeof body.text === 'string' && body.text.length > MAX_TEXT) fail('TOO_LARGE', `Messages are limited to ${MAX_TEXT} characters.`);
    const incoming: Partial<Activity> = {
      type: body.type,
      text: typeof body.text === 'string' ? body.text : undefined,
      name: typeof body.name === 'string' ? body.name.slice(0, 200) : undefined,
      value: body.type === 'event' ? body.value : undefined,
      attachments: attachments ?? [],
      channelData: body.channelData && typeof body.channelData === 'object' ? body.channelData : undefined,
      locale: typeof body.locale === 'string' ? body.locale.slice(0, 20) : undefined,
      localTimezone: typeof body.localTimezone === 'string' ? body.localTimezone.slice(0, 64) : undefined,
      localTimestamp: typeof body.localTimestamp === 'string' ? (body.localTimestamp as unknown as Date) : undefined,
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
      const conversationId = store.createConversation(userId);
      const { token, expiresIn } = tokens.issue({ userId, conversationId });
      sendJson(res, 200, { token, conversationId, userId, expires_in: expiresIn });
    }),
  );

  server.post(
    '/v3/directline/conversations',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req);
      if (!store.conversation(claims.conversationId)) fail('NOT_FOUND');
      if (store.markStarted(claims.conversationId)) {
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
        streamUrl: streamUrl(req, claims.conversationId, claims.token),
      });
    }),
  );

  server.get(
    '/v3/directline/conversations/:id',
    route(logger, (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      if (!store.conversation(claims.conversationId)) fail('NOT_FOUND');
      const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
      sendJson(res, 200, {
        conversationId: claims.conversationId,
        token: claims.token,
        expires_in: 1800,
        streamUrl: streamUrl(req, claims.conversationId, claims.token, watermark),
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
      const id = await receive(claims, req.body as Partial<Activity>);
      sendJson(res, 200, { id });
    }),
  );

  server.get(
    '/v3/directline/conversations/:id/activities',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      const watermark = Number(req.query?.watermark ?? 0) || 0;
      const page = await store.committedAfter(claims.conversationId, watermark);
      sendJson(res, 200, { activities: page.activities, watermark: String(page.watermark) });
    }),
  );

  server.post(
    '/v3/directline/conversations/:id/upload',
    route(logger, async (req, res) => {
      const claims = authorize(tokens, req, String(req.params.id));
      await limit(postLimiter, claims.conversationId, res);
      const { activity, files } = await readUpload(req);
      const attachments = files.map((f) => {
        const fileId = store.saveFile(claims.conversationId, f.name, f.contentType, f.data);
        return {
          contentType: f.contentType,
          name: f.name,
          contentUrl: `${origin(req, 'http')}/v3/directline/attachments/${fileId}?sig=${tokens.signFile(fileId)}`,
        };
      });
      const id = await receive(claims, { type: 'message', ...activity }, attachments);
      sendJson(res, 200, { id });
    }),
  );

  server.get(
    '/v3/directline/attachments/:fileId',
    route(logger, (req, res) => {
      const fileId = String(req.params.fileId);
      if (!tokens.checkFile(fileId, req.query?.sig)) fail('NOT_FOUND');
      const file = store.file(fileId) ?? fail('NOT_FOUND');
      const safeType = /^(image\/(jpeg|png|heic|heif)|application\/pdf)$/.test(file.contentType)
        ? file.contentType
        : 'application/octet-stream';
      res.setHeader('Content-Type', safeType);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Disposition', `inline; filename="${encodeURIComponent(file.name)}"`);
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.writeHead(200);
      res.end(file.data);
    }),
  );
}

/** Parses a Direct Line upload: one `activity` part and the files, each at most 10 MB. */
function readUpload(req: Request): Promise<{ activity: Partial<Activity>; files: { name: string; contentType: string; data: Buffer }[] }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_UPLOAD_BYTES, files: 5, fields: 5 } });
    } catch {
      return reject(new AppError('BAD_REQUEST', 'Send multipart/form-data.'));
    }
    const files: { name: string; contentType: string; data: Buffer }[] = [];
    let activity: Partial<Activity> = {};
    let failure: Error | null = null;
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure = new AppError('TOO_LARGE', 'Files are limited to 10 MB.');
      });
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        if (field === 'activity' || info.mimeType === 'application/vnd.microsoft.activity') {
          try {
            activity = JSON.parse(data.toString('utf8'));
          } catch {
            failure = new AppError('BAD_JSON');
          }
        } else {
          files.push({ name: cleanName(info.filename ?? 'upload'), contentType: String(info.mimeType).slice(0, 100), data });
        }
      });
    });
    parser.on('field', (name, value) => {
      if (name === 'activity') {
        try {
          activity = JSON.parse(value);
        } catch {
          failure = new AppError('BAD_JSON');
        }
      }
    });
    parser.on('error', reject);
    parser.on('close', () => (failure ? reject(failure) : resolve({ activity, files })));
    (req as unknown as NodeJS.ReadableStream).pipe(parser);
  });
}

/** The WebSocket stream: frames of `{activities, watermark}`, replayed from the watermark on connect. */
export class DirectLineStreams {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(
    private readonly store: DirectLineStore,
    private readonly tokens: DirectLineTokens,
    adapter: DirectLineAdapter,
    private readonly logger: Logger,
  ) {
    adapter.onActivities((conversationId, activities, watermark) => {
      const frame = JSON.stringify({ activities, watermark: String(watermark) });
      for (const socket of this.sockets.get(conversationId) ?? []) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    });
  }

  /** Handles an HTTP upgrade if it is for a conversation stream; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/.exec(url.pathname);
    if (!m) return false;
    const claims = this.tokens.verify(url.searchParams.get('t') ?? undefined);
    if (typeof claims === 'string' || claims.conversationId !== m[1]) {
      socket.write(`HTTP/1.1 ${typeof claims === 'string' ? '401 Unauthorized' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (error) => this.logger.warn({ err: error }, 'direct line socket error'));
      // the backlog as committed, and the socket joins the live pushes in the same step: nothing
      // uncommitted, nothing twice, nothing missed in between
      const joined = this.store.readCommitted(() => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const backlog = this.store.after(claims.conversationId, Number(url.searchParams.get('watermark') ?? 0) || 0);
        if (backlog.activities.length) ws.send(JSON.stringify({ activities: backlog.activities, watermark: String(backlog.watermark) }));
        const set = this.sockets.get(claims.conversationId) ?? new Set<WebSocket>();
        set.add(ws);
        this.sockets.set(claims.conversationId, set);
        ws.on('close', () => {
          set.delete(ws);
          if (set.size === 0) this.sockets.delete(claims.conversationId);
        });
      });
      joined.catch(() => ws.close(1011, 'try again'));
    });
    return true;
  }

  closeAll(): void {
    for (const set of this.sockets.values()) for (const socket of set) socket.terminate();
  }
}

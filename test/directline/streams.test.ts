import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import WebSocket from 'ws';
import { createApp } from '../../src/app';
import { SOCKETS_PER_CONVERSATION, sendOrDrop } from '../../src/channels/directLine/directLineStreams';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { PAGE_LIMITS } from '../../src/storage/directLineStore';
import { startTestApp } from '../helpers/testApp';

type Session = { token: string; conversationId: string; userId: string };

async function newSession(base: string): Promise<Session> {
  return (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as Session;
}

async function streamUrlOf(base: string, s: Session, watermark?: number): Promise<string> {
  const res = await fetch(`${base}/v3/directline/conversations/${s.conversationId}${watermark ? `?watermark=${watermark}` : ''}`, {
    headers: { Authorization: `Bearer ${s.token}` },
  });
  return ((await res.json()) as { streamUrl: string }).streamUrl;
}

/** Opens a WebSocket and resolves with it open, or with the HTTP status the upgrade was refused with. */
function connect(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; frames: any[]; closed: Promise<number> } | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const frames: any[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
    ws.on('open', () => resolve({ ws, frames, closed }));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

/** Resolves when `frames` holds one with this watermark (frames arrive as messages; no sleeps). */
async function until(ws: WebSocket, frames: any[], watermark: string): Promise<void> {
  while (!frames.some((f) => f.watermark === watermark)) await new Promise((r) => ws.once('message', r));
}

describe('the WebSocket stream', () => {
  test('is opened with a short-lived stream ticket, which opens nothing else; a token never goes in the URL', async () => {
    const { app, base, clock } = await startTestApp();
    try {
      const s = await newSession(base);
      const url = await streamUrlOf(base, s);
      const ticket = new URL(url).searchParams.get('ticket') as string;
      expect(ticket).toBeTruthy();
      expect(url).not.toContain(s.token);
      // the ticket is not a token: no pages, no posts, no refresh
      const asBearer = { Authorization: `Bearer ${ticket}`, 'Content-Type': 'application/json' };
      const conv = `${base}/v3/directline/conversations/${s.conversationId}`;
      expect((await fetch(`${conv}/activities`, { headers: asBearer })).status).toBe(401);
      expect((await fetch(`${conv}/activities`, { method: 'POST', headers: asBearer, body: '{"type":"message","text":"x"}' })).status).toBe(
        401,
      );
      expect((await fetch(`${base}/v3/directline/tokens/refresh`, { method: 'POST', headers: asBearer })).status).toBe(401);
      expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: asBearer })).status).toBe(401);

      const open = await connect(url);
      expect(typeof open).toBe('object');
      if (typeof open === 'object') open.ws.close();
      // a ticket opens one stream: the same URL read from a log a moment later opens nothing
      expect(await connect(url)).toBe(401);
      // the token itself no longer opens a stream from the URL
      expect(await connect(`${url.split('?')[0]}?t=${s.token}`)).toBe(401);
      // tools may send the token as a header
      const tool = await connect(url.split('?')[0], { Authorization: `Bearer ${s.token}` });
      expect(typeof tool).toBe('object');
      if (typeof tool === 'object') tool.ws.close();
      // another conversation's ticket opens only its own stream
      const other = await newSession(base);
      const otherTicket = new URL(await streamUrlOf(base, other)).searchParams.get('ticket');
      expect(await connect(`${url.split('?')[0]}?ticket=${otherTicket}`)).toBe(403);
      // a ticket lives about a minute and a half; a reconnect asks for a fresh streamUrl
      const unused = await streamUrlOf(base, s);
      clock.advance(2 * 60_000);
      expect(await connect(unused)).toBe(401);
      expect(typeof (await connect(await streamUrlOf(base, s)))).toBe('object');
      // an expired token: a reconnect is told 403, which botframework-directlinejs reports as ExpiredToken
      clock.advance(31 * 60_000);
      const late = await fetch(`${base}/v3/directline/conversations/${s.conversationId}`, {
        headers: { Authorization: `Bearer ${s.token}` },
      });
      expect(late.status).toBe(403);
    } finally {
      await app.close();
    }
  });

  test(`a conversation has at most ${SOCKETS_PER_CONVERSATION} streams: a new one closes the oldest`, async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      const sockets = [];
      for (let i = 0; i <= SOCKETS_PER_CONVERSATION; i++) {
        const opened = await connect(await streamUrlOf(base, s));
        if (typeof opened === 'number') throw new Error(`refused ${opened}`);
        sockets.push(opened);
      }
      expect(await sockets[0].closed).toBe(1008);
      // the others still get the conversation's frames
      await fetch(`${base}/v3/directline/conversations/${s.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hello' }),
      });
      for (const open of sockets.slice(1)) {
        while (!open.frames.some((f) => f.activities.some((a: any) => a.text === 'hello')))
          await new Promise((r) => open.ws.once('message', r));
        open.ws.close();
      }
    } finally {
      await app.close();
    }
  });

  test('pages are capped by count and bytes; paging by watermark, or the stream backlog, yields each activity exactly once', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      const total = 260;
      for (let seq = 1; seq <= total; seq++) {
        // a stretch of large activities, so some pages stop at the byte cap and others at the count
        const text = seq > 150 && seq <= 200 ? 'x'.repeat(60_000) : `m${seq}`;
        await app.storage.directLine.append(s.conversationId, { type: 'message', text, from: { id: 'bot', name: 'Bot' } });
      }
      app.storage.commits.flush();
      await app.storage.commits.durable();
      const seen: string[] = [];
      let watermark = '0';
      let pages = 0;
      for (;;) {
        const res = await fetch(`${base}/v3/directline/conversations/${s.conversationId}/activities?watermark=${watermark}`, {
          headers: { Authorization: `Bearer ${s.token}` },
        });
        const body = await res.text();
        const page = JSON.parse(body) as { activities: Array<{ id: string }>; watermark: string };
        if (page.activities.length === 0) break;
        pages++;
        expect(page.activities.length).toBeLessThanOrEqual(PAGE_LIMITS.activities);
        expect(page.activities.length === 1 || Buffer.byteLength(body) <= PAGE_LIMITS.bytes + 1024).toBe(true);
        seen.push(...page.activities.map((a) => a.id));
        watermark = page.watermark;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(watermark).toBe(String(total));
      expect(pages).toBeGreaterThan(Math.ceil(total / PAGE_LIMITS.activities));

      const stream = await connect(await streamUrlOf(base, s));
      if (typeof stream === 'number') throw new Error(`refused ${stream}`);
      await until(stream.ws, stream.frames, String(total));
      const streamed = stream.frames.flatMap((f) => f.activities.map((a: any) => a.id));
      expect(streamed).toEqual(seen);
      stream.ws.close();
    } finally {
      await app.close();
    }
  });

  test('streams opened with the token itself (no ticket) count against the same per-conversation limit as stream URLs', async () => {
    const { STREAM_URLS_PER_MINUTE } = await import('../../src/channels/directLine/directLineRoutes');
    const { app, base } = await startTestApp();
    try {
      const [s, other] = [await newSession(base), await newSession(base)];
      const streamOf = (x: Session) => `${base.replace(/^http/, 'ws')}/v3/directline/conversations/${x.conversationId}/stream`;
      const statuses: number[] = [];
      for (let i = 0; i <= STREAM_URLS_PER_MINUTE; i++) {
        const opened = await connect(streamOf(s), { Authorization: `Bearer ${s.token}` });
        if (typeof opened === 'number') statuses.push(opened);
        else {
          statuses.push(101);
          opened.ws.terminate();
        }
      }
      expect(statuses.filter((status) => status === 101)).toHaveLength(STREAM_URLS_PER_MINUTE);
      expect(statuses.at(-1)).toBe(429);
      // a stream URL with a fresh ticket is refused too: one budget per conversation
      const res = await fetch(`${base}/v3/directline/conversations/${s.conversationId}`, {
        headers: { Authorization: `Bearer ${s.token}` },
      });
      expect(res.status).toBe(429);
      const elsewhere = await connect(streamOf(other), { Authorization: `Bearer ${other.token}` });
      expect(typeof elsewhere).not.toBe('number');
      if (typeof elsewhere !== 'number') elsewhere.ws.terminate();
    } finally {
      await app.close();
    }
  });

  test('pages are rate-limited per conversation, with Retry-After', async () => {
    const { app, base } = await startTestApp();
    try {
      const [s, other] = [await newSession(base), await newSession(base)];
      const get = (x: Session) =>
        fetch(`${base}/v3/directline/conversations/${x.conversationId}/activities`, { headers: { Authorization: `Bearer ${x.token}` } });
      const statuses: number[] = [];
      for (let i = 0; i < 101; i++) statuses.push((await get(s)).status);
      expect(statuses.slice(0, 100).every((status) => status === 200)).toBe(true);
      const refused = await get(s);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
      expect((await get(other)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('a consumer that stops reading', () => {
  const fake = (bufferedAmount: number) => ({ bufferedAmount, send: jest.fn(), terminate: jest.fn() });
  test('is dropped once its waiting bytes would pass the bound', () => {
    const slow = fake(1024 * 1024 - 10);
    expect(sendOrDrop(slow, 'x'.repeat(100), 1024 * 1024)).toBe(false);
    expect(slow.terminate).toHaveBeenCalled();
    expect(slow.send).not.toHaveBeenCalled();
  });
  test('keeps getting frames while under it', () => {
    const fine = fake(1000);
    expect(sendOrDrop(fine, 'x'.repeat(100), 1024 * 1024)).toBe(true);
    expect(fine.send).toHaveBeenCalledWith('x'.repeat(100));
    expect(fine.terminate).not.toHaveBeenCalled();
  });
});

describe('the help page’s headers', () => {
  test('connect-src is our own origin and its WebSocket form, no bare ws: or wss:', async () => {
    const { app, base } = await startTestApp();
    try {
      const csp = (await fetch(`${base}/`)).headers.get('content-security-policy') as string;
      const connect = csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('connect-src')) as string;
      expect(connect.split(/\s+/)).toEqual(['connect-src', "'self'", base.replace('http:', 'ws:'), 'blob:']);
      expect((await fetch(`${base}/`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await app.close();
    }
  });

  test('with an https PUBLIC_URL: wss: of that origin, HSTS, and links on it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-https-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://help.example.com',
    });
    const app = await createApp(config, { clock: fixedClock('2026-03-02T17:30:00Z'), logger: createLogger('silent') });
    const { port } = await app.listen();
    const base = `http://127.0.0.1:${port}`;
    try {
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' wss://help.example.com blob:");
      expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const s = await newSession(base);
      expect(await streamUrlOf(base, s)).toMatch(/^wss:\/\/help\.example\.com\/v3\/directline\/conversations\//);
    } finally {
      await app.close();
    }
  });
});

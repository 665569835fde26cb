import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import type { Storage } from '../../src/storage/storage';
import { FILES } from '../helpers/harness';
import { ON_POSTGRES } from '../helpers/postgres';
import { execute, row } from '../helpers/rows';
import { agentToken, startTestApp } from '../helpers/testApp';

type Session = { token: string; conversationId: string; userId: string };

/** A request with headers fetch will not send (Host, X-Forwarded-*). */
function raw(base: string, method: string, pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const FORGED = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };

async function newSession(base: string): Promise<Session> {
  return (await (await fetch(`${base}/api/directline/token`, { method: 'POST' })).json()) as Session;
}

async function upload(base: string, s: Session, name: string, type = 'image/jpeg') {
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
  form.append('file', new Blob([new Uint8Array(FILES[name])], { type }), name);
  return fetch(`${base}/v3/directline/conversations/${s.conversationId}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}` },
    body: form,
  });
}

/** The customer's attachments as a page of activities shows them, read with forged Host headers. */
async function attachmentsSeen(base: string, s: Session) {
  const page = await raw(base, 'GET', `/v3/directline/conversations/${s.conversationId}/activities`, {
    Authorization: `Bearer ${s.token}`,
    ...FORGED,
  });
  expect(page.status).toBe(200);
  const activities = JSON.parse(page.body).activities as Array<{ from: { role?: string }; attachments?: any[] }>;
  return activities.filter((a) => a.from.role === 'user').flatMap((a) => a.attachments ?? []);
}

const countOf = async (app: { storage: Storage }, sql: string, ...args: unknown[]) =>
  Number((await row<{ n: number }>(app.storage, sql, ...args))?.n);

describe('customers’ files on our Direct Line', () => {
  test('URLs are on our own origin whatever Host the request names, and the stream URL carries no token', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      const started = await raw(base, 'POST', '/v3/directline/conversations', { Authorization: `Bearer ${s.token}`, ...FORGED });
      const { streamUrl } = JSON.parse(started.body) as { streamUrl: string };
      expect(streamUrl.startsWith(`${base.replace('http:', 'ws:')}/v3/directline/conversations/${s.conversationId}/stream?ticket=`)).toBe(
        true,
      );
      expect(streamUrl).not.toContain(s.token);
      const again = await raw(base, 'GET', `/v3/directline/conversations/${s.conversationId}?watermark=3`, {
        Authorization: `Bearer ${s.token}`,
        ...FORGED,
      });
      expect(JSON.parse(again.body).streamUrl).toMatch(new RegExp(`^${base.replace('http:', 'ws:')}/.*&watermark=3$`));
      expect((await upload(base, s, 'receipt.jpg')).status).toBe(200);
      const [attachment] = await attachmentsSeen(base, s);
      expect(attachment.contentUrl.startsWith(`${base}/v3/directline/attachments/`)).toBe(true);
      // what is stored is a stable reference, signed only when read
      const stored = await row<{ activity: string }>(
        app.storage,
        'SELECT activity FROM dl_activities WHERE conversation_id = ? AND activity LIKE ?',
        s.conversationId,
        '%urn:qsee:file:%',
      );
      expect(stored?.activity).toContain('urn:qsee:file:');
      expect(stored?.activity).not.toContain('/v3/directline/attachments/');
    } finally {
      await app.close();
    }
  });

  test('a link is signed for its file, expires, and a replay of the conversation gets a fresh one', async () => {
    const { app, base, clock } = await startTestApp();
    try {
      let s = await newSession(base);
      expect((await upload(base, s, 'receipt.jpg')).status).toBe(200);
      const [first] = await attachmentsSeen(base, s);
      const served = await fetch(first.contentUrl);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(FILES['receipt.jpg']);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      expect(served.headers.get('content-disposition')).toMatch(/^inline;/);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toMatch(/sandbox/);

      const url = new URL(first.contentUrl);
      const otherId = '00000000-0000-4000-8000-000000000000';
      const sig = url.searchParams.get('sig') as string;
      // one character of the signature changed: always another signature (a fixed tail could be the real one)
      const otherSig = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
      const forged = [
        `${url.origin}${url.pathname}?e=${url.searchParams.get('e')}`,
        `${url.origin}${url.pathname}?sig=${url.searchParams.get('sig')}`,
        `${url.origin}${url.pathname}?e=${Number(url.searchParams.get('e')) + 3600}&sig=${url.searchParams.get('sig')}`,
        `${url.origin}/v3/directline/attachments/${otherId}${url.search}`,
        `${url.origin}${url.pathname}?e=${url.searchParams.get('e')}&sig=${otherSig}`,
      ];
      for (const link of forged) expect((await fetch(link)).status).toBe(404);

      clock.advance(20 * 60_000);
      s = {
        ...s,
        ...((await (
          await fetch(`${base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${s.token}` } })
        ).json()) as { token: string }),
      };
      clock.advance(11 * 60_000);
      const expired = await fetch(first.contentUrl);
      expect(expired.status).toBe(404);
      expect(await expired.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
      const [fresh] = await attachmentsSeen(base, s);
      expect(fresh.contentUrl).not.toBe(first.contentUrl);
      expect((await fetch(fresh.contentUrl)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('a PDF is a download, never shown inline', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      expect((await upload(base, s, 'receipt.pdf', 'image/png')).status).toBe(200);
      const [attachment] = await attachmentsSeen(base, s);
      expect(attachment.contentType).toBe('application/pdf'); // the sniffed type, not the one the client claimed
      const served = await fetch(attachment.contentUrl);
      expect(served.headers.get('content-type')).toBe('application/pdf');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    } finally {
      await app.close();
    }
  });

  test('a file refused by content is not stored at all, and the message still reaches the bot', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      const before = await countOf(app, 'SELECT COUNT(*) AS n FROM dl_activities WHERE conversation_id = ?', s.conversationId);
      expect((await upload(base, s, 'fake.jpg')).status).toBe(200);
      expect(await countOf(app, 'SELECT COUNT(*) AS n FROM dl_files')).toBe(0);
      const [attachment] = await attachmentsSeen(base, s);
      expect(attachment).toEqual({ contentType: 'application/octet-stream', name: 'fake.jpg' });
      // the customer's message and the bot's answer to it
      expect(await countOf(app, 'SELECT COUNT(*) AS n FROM dl_activities WHERE conversation_id = ?', s.conversationId)).toBeGreaterThan(
        before + 1,
      );
    } finally {
      await app.close();
    }
  });
});

describe('proof files for agents (/api/agent/files/:id)', () => {
  test('served with the sniffed type, images inline and everything else as a download; a file gone from disk is a 404', async () => {
    const { app, base, dataDir } = await startTestApp();
    try {
      const token = await agentToken(base);
      // SQLite keeps a big file on disk and names it in the row; PostgreSQL keeps every file in its row
      const insert = (id: string, name: string, type: string, size: number, file: string | null, data: Buffer | null) =>
        ON_POSTGRES
          ? execute(
              app.storage,
              'INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
              ...[id, 'c1', name, type, size, 'x', data, '2026-03-02T00:00:00Z'],
            )
          : execute(
              app.storage,
              'INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, file, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
              ...[id, 'c1', name, type, size, 'x', file, data, '2026-03-02T00:00:00Z'],
            );
      const big = Buffer.concat([FILES['receipt.pdf'], Buffer.alloc(200 * 1024, 0x20)]);
      if (ON_POSTGRES) await insert('a-pdf', 'receipt.pdf', 'application/pdf', big.length, null, big);
      else {
        writeFileSync(path.join(dataDir, 'uploads', 'on-disk.pdf'), big);
        await insert('a-pdf', 'receipt.pdf', 'application/pdf', big.length, 'on-disk.pdf', null);
        await insert('a-gone', 'gone.pdf', 'application/pdf', 10, 'removed.pdf', null);
      }
      await insert('a-png', 'receipt.png', 'image/png', 10, null, FILES['receipt.png']);
      const get = (id: string) => fetch(`${base}/api/agent/files/${id}`, { headers: { Authorization: `Bearer ${token}` } });

      const pdf = await get('a-pdf');
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(pdf.headers.get('content-security-policy')).toMatch(/sandbox/);
      // Buffer.equals, not toEqual: jest's deep comparison of 200 KB holds this process (and the server in it)
      // for seconds under load, long enough for the server's keep-alive timeout to close the client's next socket
      expect(Buffer.from(await pdf.arrayBuffer()).equals(big)).toBe(true);
      const png = await get('a-png');
      expect(png.headers.get('content-disposition')).toMatch(/^inline;/);
      expect(png.headers.get('x-content-type-options')).toBe('nosniff');
      // a file gone from disk (SQLite) and an id nobody stored are both a 404
      const gone = await get(ON_POSTGRES ? 'never-stored' : 'a-gone');
      expect(gone.status).toBe(404);
      expect(await gone.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/api/agent/files/a-png`)).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('a refused or repeated upload keeps nothing', () => {
  const send = (base: string, s: Session, activity: object) => {
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([new Uint8Array(FILES['receipt.pdf'])], { type: 'application/pdf' }), 'receipt.pdf');
    form.append('file', new Blob([new Uint8Array(FILES['receipt.png'])], { type: 'image/png' }), 'receipt.png');
    return fetch(`${base}/v3/directline/conversations/${s.conversationId}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.token}` },
      body: form,
    });
  };

  test.each([
    ['a text that is not a string', 400, { type: 'message', text: 5 }],
    ['a text over the limit', 413, { type: 'message', text: 'x'.repeat(5001) }],
    ['a clientActivityID that is not a string', 400, { type: 'message', channelData: { clientActivityID: { a: 1 } } }],
  ])('%s → %p, and no file is stored', async (_name, status, activity) => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      expect((await send(base, s, activity)).status).toBe(status);
      expect(await countOf(app, 'SELECT COUNT(*) AS n FROM dl_files')).toBe(0);
    } finally {
      await app.close();
    }
  });

  test('a resend with the same clientActivityID answers with the first id and stores its files once', async () => {
    const { app, base } = await startTestApp();
    try {
      const s = await newSession(base);
      const activity = { type: 'message', channelData: { clientActivityID: 'upload-1' } };
      const first = (await (await send(base, s, activity)).json()) as { id: string };
      expect(await countOf(app, 'SELECT COUNT(*) AS n FROM dl_files')).toBe(2);
      const again = await send(base, s, activity);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ id: first.id });
      expect(await countOf(app, 'SELECT COUNT(*) AS n FROM dl_files')).toBe(2);
    } finally {
      await app.close();
    }
  });
});

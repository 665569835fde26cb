import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { channelActivity, postToChannelEndpoint } from '../helpers/channelActivity';
import { FILES } from '../helpers/harness';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';

/*
 * /api/messages on PostgreSQL: a reply must not reach the connector before what it speaks of is
 * committed — also in a turn that goes ahead of the others (it brings a file) and commits at once.
 * The connector reads the claim over a connection of its own the moment each reply arrives.
 * (test/http/repliesAfterCommit.test.ts says the same for SQLite's group commit.)
 */
postgresOnly('replies after the commit on PostgreSQL', () => {
  let app: App;
  let base: string;
  let database: { url: string; drop(): Promise<void> };
  let reader: pg.Client;
  let connectorUrl = '';
  let server: ReturnType<typeof createServer>;
  const arrivals: Array<{ text: string; prompt?: string; proofFiles: number | null }> = [];

  const proofFilesStored = async (conversationId: string): Promise<number | null> => {
    const { rows } = await reader.query('SELECT data FROM claims WHERE conversation_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 1', [
      conversationId,
    ]);
    return rows[0] ? rows[0].data.proof.files.length : null;
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = /^\/files\/(.+)$/.exec(req.url ?? '')?.[1];
      if (req.method === 'GET' && file && FILES[file]) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        return res.end(FILES[file]);
      }
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (m) {
          const activity = JSON.parse(body || '{}');
          // read by a second connection while the bot waits for this answer
          arrivals.push({
            text: activity.text ?? '',
            prompt: activity.channelData?.prompt,
            proofFiles: await proofFilesStored(decodeURIComponent(m[1])),
          });
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `a${arrivals.length}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    connectorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    database = await createTestDatabase();
    reader = new pg.Client({ connectionString: database.url });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'warranty-ahead-')),
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      TOKEN_SECRET: 'x'.repeat(44),
    });
    app = await createApp(config, { clock: fixedClock('2026-03-02T17:30:00Z'), logger: createLogger('silent') });
    base = `http://127.0.0.1:${(await app.listen()).port}`;
    await reader.connect();
  });
  afterAll(async () => {
    await reader.end();
    await app.close();
    await new Promise((r) => server.close(r));
    await database.drop();
  });

  test('the reply to an upload (an ahead turn) arrives after the file is committed to the claim', async () => {
    const conv = 'ahead-upload';
    for (const extra of [
      { text: 'my camera stopped working' },
      { text: 'QT5682' },
      { text: 'February 20th' },
      { text: 'I have the receipt' },
    ])
      expect((await postToChannelEndpoint(base, channelActivity(connectorUrl, conv, extra))).status).toBe(200);
    const before = arrivals.length;
    const upload = {
      text: '',
      attachments: [{ contentType: 'image/jpeg', contentUrl: `${connectorUrl}/files/receipt.jpg`, name: 'IMG_1.jpg' }],
    };
    expect((await postToChannelEndpoint(base, channelActivity(connectorUrl, conv, upload))).status).toBe(200);
    const replies = arrivals.slice(before);
    expect(replies.length).toBeGreaterThan(0);
    // the turn is over: the file is on the claim
    expect(await proofFilesStored(conv)).toBe(1);
    // ... and every reply of that turn was shown only once it was
    expect(replies.map((r) => r.proofFiles)).toEqual(replies.map(() => 1));
  });
});

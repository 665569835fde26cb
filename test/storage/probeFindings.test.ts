import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { newClaim } from '../../src/domain/claim';
import { storableJson } from '../../src/storage/postgres/claimRepository';
import { isUnavailable } from '../../src/storage/postgres/pgDatabase';
import { ON_POSTGRES } from '../helpers/postgres';
import { databaseUrlFor, openTestStorage } from '../helpers/store';
import { agentToken, startTestApp } from '../helpers/testApp';

/*
 * What an attacker's probe of the PostgreSQL deployment found, each held on both stores: a text cut
 * in the middle of an emoji, a watermark past the column, a NUL in a URL, a database that is gone,
 * the agent:add script writing where the server reads, upload names in UTF-8.
 */
const SCRIPT = path.resolve(__dirname, '..', '..', 'dist', 'scripts', 'addAgent.js');

describe('half an emoji left by a cut', () => {
  test.each([
    ['a lone high surrogate', 'x\ud83d', 'x\ufffd'],
    ['a lone low surrogate', '\ude00y', '\ufffdy'],
    ['a whole emoji stays', 'ok 😀', 'ok 😀'],
    ['a backslash-u written as text stays text', '\\ud800 text', '\\ud800 text'],
    ['a backslash before half an emoji', '\\\ud83d', '\\\ufffd'],
  ])('%s: the claim is JSON that JSONB accepts', (_name, text, stored) => {
    const claim = newClaim('c', 'conv', new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC');
    claim.problem.text = text;
    expect(JSON.parse(storableJson(claim)).problem.text).toBe(stored);
  });

  test('a problem description of 2 000 characters cut in the middle of an emoji is saved', async () => {
    const storage = await openTestStorage();
    const claim = newClaim('cut', 'conv-cut', new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC');
    claim.problem.text = `${'a'.repeat(1999)}😀`.slice(0, 2000);
    await storage.claims.insert(claim);
    await storage.commits.durable();
    expect((await storage.claims.get('cut'))?.problem.text).toHaveLength(2000);
  });
});

describe('the server on the store under test', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.app.close());

  test('a watermark past any conversation is an empty page, not an error (the stream stays open too)', async () => {
    const { token, conversationId } = (await (await fetch(`${app.base}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    for (const watermark of ['2147483647', '2147483648', '999999999999999']) {
      const res = await fetch(`${app.base}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { activities: unknown[] }).activities).toEqual([]);
    }
  });

  test('a NUL in a path or query value is a 400, before any lookup', async () => {
    const headers = { Authorization: `Bearer ${await agentToken(app.base)}` };
    const cursorWithNul = Buffer.from(JSON.stringify(['\u0000', 1])).toString('base64url');
    for (const url of [
      '/api/agent/claims/%00',
      '/api/agent/claims/%00/notes',
      '/api/agent/files/%00',
      '/api/agent/claims?conversationId=%00',
      `/api/agent/claims?cursor=${cursorWithNul}`,
      `/api/agent/queue?cursor=${cursorWithNul}`,
    ]) {
      const res = await fetch(`${app.base}${url}`, { headers });
      expect([url, res.status]).toEqual([url, 400]);
    }
  });

  test('an upload whose name the browser sent in UTF-8 keeps its accents', async () => {
    const { token, conversationId } = (await (await fetch(`${app.base}/api/directline/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const boundary = 'utf8Boundary';
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n{"type":"message"}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="reçu été.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        'utf8',
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${app.base}/v3/directline/conversations/${conversationId}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(200);
    const page = (await (
      await fetch(`${app.base}/v3/directline/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { activities: { attachments?: { name?: string }[] }[] };
    expect(page.activities.flatMap((a) => a.attachments ?? []).map((a) => a.name)).toContain('reçu été.jpg');
  });
});

describe('npm run agent:add', () => {
  test('adds the agent to the store the server reads (PostgreSQL with DATABASE_URL)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'warranty-agent-add-'));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATA_DIR: dataDir,
      AGENT_PASSWORD: 'a long password',
    };
    if (ON_POSTGRES) Object.assign(env, { DATABASE_URL: await databaseUrlFor(dataDir), TOKEN_SECRET: 'agent-add-secret' });
    else delete env.DATABASE_URL;
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, 'bob', '--name', 'Bob B'], { env });
    expect(stdout).toContain('added agent bob (Bob B)');
    const storage = await openTestStorage({ dir: dataDir });
    expect(await storage.agents.find('bob')).toMatchObject({ username: 'bob', displayName: 'Bob B', role: 'agent', disabledAt: null });
  });
});

describe('which database errors mean "unavailable" (503, try again)', () => {
  test.each([
    ['the server shut down', { code: '57P01' }, true],
    ['a refused connection', { code: 'ECONNREFUSED' }, true],
    ['a connection exception', { code: '08006' }, true],
    ['the database was dropped', { code: '3D000' }, true],
    ['the password was rotated', { code: '28P01' }, true],
    ['a pool that waited too long', { message: 'timeout exceeded when trying to connect' }, true],
    ["a turn that waited past statement_timeout for its conversation's lock (a stuck holder)", { code: '57014' }, true],
    ['a lock not available in time', { code: '55P03' }, true],
    ['a bug: a missing column', { code: '42703' }, false],
    ['a bug: a unique violation', { code: '23505' }, false],
  ])('%s', (_name, error, unavailable) => {
    expect(isUnavailable(error)).toBe(unavailable);
  });
});

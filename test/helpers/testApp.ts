import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger, type Logger } from '../../src/logger';
import type { ProofReader } from '../../src/receipts/proofReadings';
import { ON_POSTGRES } from './postgres';
import { closedAtTheEnd, databaseUrlFor } from './store';

/** The proof reader's worker as TypeScript (jest's transform does not reach worker threads). */
export const TS_READER_WORKER = {
  script: path.join(__dirname, 'tsWorker.js'),
  workerData: { tsScript: path.join(__dirname, '../../src/receipts/readerWorker.ts') },
};

export const AGENT = { username: 'ana', password: 'correct horse' };

/** A fixed secret for test apps on PostgreSQL (the one the database would keep is also shared, but a fixed one is simpler to reason about). */
export const TEST_TOKEN_SECRET = 'test-app-token-secret';

/**
 * The whole server on a free loopback port, with a temp DATA_DIR and a fixed clock, on the store under
 * test (on PostgreSQL, DATA_DIR's own database: an app started again on the same DATA_DIR finds it).
 */
export async function startTestApp(
  options: {
    dataDir?: string;
    now?: string;
    clock?: ReturnType<typeof fixedClock> /** settings of its own (they win) */;
    env?: Record<string, string>;
    /** where the app logs (silent when unset) */
    logger?: Logger;
    /** how often the router looks by itself (default: the product's) */
    routingEveryMs?: number;
    /** read proof files with the real reader (off by default: the tests' placeholder files need no worker thread) */
    readReceipts?: boolean;
    /** read proof files with this reader (a test double) instead of the real one */
    reader?: ProofReader;
  } = {},
) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'warranty-app-'));
  const clock = options.clock ?? fixedClock(options.now ?? '2026-03-02T17:30:00Z');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BOOTSTRAP_AGENT_USERNAME: AGENT.username,
    BOOTSTRAP_AGENT_PASSWORD: AGENT.password,
    DEFAULT_TIMEZONE: 'America/New_York',
    LOG_LEVEL: 'silent',
    RECEIPT_READER: options.readReceipts || options.reader ? 'on' : 'off',
    ...(ON_POSTGRES && !options.env?.DATABASE_URL ? { DATABASE_URL: await databaseUrlFor(dataDir), TOKEN_SECRET: TEST_TOKEN_SECRET } : {}),
    ...options.env,
  });
  const app: App = await createApp(config, {
    clock,
    logger: options.logger ?? createLogger('silent'),
    routingEveryMs: options.routingEveryMs,
    readerWorker: options.readReceipts ? TS_READER_WORKER : undefined,
    reader: options.reader,
  });
  if (ON_POSTGRES) app.close = closedAtTheEnd(app.close.bind(app));
  const { port } = await app.listen();
  return { app, dataDir, clock, base: `http://127.0.0.1:${port}` };
}

export async function agentToken(base: string, who = AGENT): Promise<string> {
  const res = await fetch(`${base}/api/agent/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  });
  return ((await res.json()) as { token: string }).token;
}

/**
 * One call of the app's HTTP API: the token as a bearer, a body sent as JSON (a string as it is, with
 * `contentType`), so a test can also send what the console never would.
 */
export function callApi(base: string, method: string, path: string, token?: string, body?: unknown, contentType = 'application/json') {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': contentType } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Adds an agent (role `agent`, password `password-<username>`) with an admin's token, and signs them in: their token. */
export async function addedAgentToken(base: string, adminToken: string, username: string, displayName: string): Promise<string> {
  const password = `password-${username}`;
  const added = await callApi(base, 'POST', '/api/agent/agents', adminToken, { username, password, role: 'agent', displayName });
  if (added.status !== 201) throw new Error(`adding ${username}: ${added.status}`);
  return agentToken(base, { username, password });
}

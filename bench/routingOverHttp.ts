/**
 * Part of `BENCH_ONLY=routing`: assignment latency as agents see it, through the running server.
 * The built server (SQLite, AUTO_ASSIGN on, capacity 1), 1 000 customers handed off over
 * /api/messages, 50 agents signed in with their agent streams open (WebSocket):
 *
 *   1. drain: from opening the 50 agents' streams until each agent has been given a chat
 *   2. a seat freed (an agent resolves their chat, 950 still waiting): from sending the resolution
 *      to that agent's stream showing the next claim assigned to them. The resolution's own round
 *      trip, measured in the same run, is the baseline: the difference is what routing adds.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startProcess, stop } from './serverProcess';

const WAITING = 1_000;
const AGENTS = 50;
const SEATS_FREED = 100;
const PASSWORD = 'bench-agent-password-1';
/** Sign-ins are limited per client address (10 a minute): agents sign in from their own loopback addresses. */
const AGENTS_PER_ADDRESS = 8;

export interface RoutingOverHttp {
  waiting: number;
  agents: number;
  drainMs: number;
  seatFreed: { runs: number; assignedP50Ms: number; assignedP99Ms: number; resolveP50Ms: number; resolveP99Ms: number };
}

interface Seat {
  username: string;
  token: string;
  socket: WebSocket;
  /** the claim this agent holds (capacity 1), from their stream */
  holds: string | null;
  /** resolves when the stream shows a claim other than `previous` assigned to this agent */
  waiter: { previous: string | null; done: () => void } | null;
}

export async function runRoutingOverHttp(): Promise<RoutingOverHttp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'routing-http-bench-'));
  const env = { DATA_DIR: dataDir, TOKEN_SECRET: 'bench-secret', AUTO_ASSIGN: 'true', AGENT_CAPACITY: '1' };
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'addAgent.js'), 'lead', '--admin'], {
    env: { ...process.env, ...env, AGENT_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const connector = await startReplySink();
  const server = await startProcess('src/index.js', env);
  const seats: Seat[] = [];
  try {
    const admin = await signIn(server.base, 'lead', '127.0.0.1');
    for (let i = 0; i < AGENTS; i++) {
      const username = `agent${String(i).padStart(2, '0')}`;
      await call(
        server.base,
        'POST',
        '/api/agent/agents',
        { username, password: PASSWORD, role: 'agent', displayName: `Agent ${i}`, capacity: 1 },
        admin,
      );
    }
    await handOff(server.base, connector.url, WAITING);

    const tokens: string[] = [];
    for (let i = 0; i < AGENTS; i++) tokens.push(await signIn(server.base, `agent${String(i).padStart(2, '0')}`, addressOf(i)));
    const t0 = performance.now();
    const firstChats = await Promise.all(
      tokens.map((token, i) => openSeat(server.base, `agent${String(i).padStart(2, '0')}`, token, addressOf(i))),
    );
    seats.push(...firstChats.map((s) => s.seat));
    await Promise.all(firstChats.map((s) => s.assigned));
    const drainMs = performance.now() - t0;

    const assigned: number[] = [];
    const resolved: number[] = [];
    for (let run = 0; run < SEATS_FREED; run++) {
      const seat = seats[run % AGENTS];
      const next = new Promise<void>((done) => {
        seat.waiter = { previous: seat.holds, done };
      });
      const start = performance.now();
      await call(server.base, 'POST', `/api/agent/claims/${seat.holds}/resolve`, { outcome: 'covered', reasons: [] }, seat.token);
      resolved.push(performance.now() - start);
      await next;
      assigned.push(performance.now() - start);
    }
    assigned.sort((a, b) => a - b);
    resolved.sort((a, b) => a - b);
    return {
      waiting: WAITING,
      agents: AGENTS,
      drainMs,
      seatFreed: {
        runs: SEATS_FREED,
        assignedP50Ms: quantile(assigned, 0.5),
        assignedP99Ms: quantile(assigned, 0.99),
        resolveP50Ms: quantile(resolved, 0.5),
        resolveP99Ms: quantile(resolved, 0.99),
      },
    };
  } finally {
    for (const seat of seats) seat.socket.terminate();
    await stop(server.child);
    connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const addressOf = (agent: number) => `127.0.0.${2 + Math.floor(agent / AGENTS_PER_ADDRESS)}`;

/** An agent's stream, and when it shows their first chat. */
async function openSeat(base: string, username: string, token: string, localAddress: string) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/agent/stream`, {
    headers: { Authorization: `Bearer ${token}` },
    localAddress,
  });
  const seat: Seat = { username, token, socket, holds: null, waiter: { previous: null, done: () => {} } };
  const assigned = new Promise<void>((done) => {
    seat.waiter = { previous: null, done };
  });
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as { type: string; claim?: { id: string; status: string; handoff: { agent: string | null } } };
    const claim = event.claim;
    if (event.type !== 'claim.updated' || !claim || claim.status !== 'with_agent' || claim.handoff.agent !== username) return;
    seat.holds = claim.id;
    if (seat.waiter && claim.id !== seat.waiter.previous) {
      const { done } = seat.waiter;
      seat.waiter = null;
      done();
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { seat, assigned };
}

/** `n` customers asking for a person at once, over the channel endpoint, 25 at a time. */
async function handOff(base: string, serviceUrl: string, n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const activity = {
        type: 'message',
        id: `handoff-${i}`,
        channelId: 'emulator',
        serviceUrl,
        from: { id: `customer-${i}`, name: 'Customer' },
        recipient: { id: 'bot', name: 'Bot' },
        conversation: { id: `routing-bench-${i}` },
        localTimezone: 'America/New_York',
        text: 'I want to talk to a person',
      };
      await call(base, 'POST', '/api/messages', activity);
    }
  };
  await Promise.all(Array.from({ length: 25 }, worker));
}

async function signIn(base: string, username: string, localAddress: string): Promise<string> {
  const body = await call(base, 'POST', '/api/agent/login', { username, password: PASSWORD }, undefined, localAddress);
  return (body as { token: string }).token;
}

/** One JSON request from a chosen loopback address; throws on anything but 2xx. */
function call(base: string, method: string, route: string, body: unknown, token?: string, localAddress = '127.0.0.1'): Promise<unknown> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${route}`,
      {
        method,
        localAddress,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) return reject(new Error(`${method} ${route}: ${status} ${text.slice(0, 200)}`));
          resolve(text ? JSON.parse(text) : null);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Takes the bot's replies to the channel customers (nobody reads them here). */
async function startReplySink(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"x"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export function reportRoutingOverHttp(r: RoutingOverHttp): void {
  console.log(`\nrouting through the server (SQLite, capacity 1): ${r.waiting} waiting, ${r.agents} agents with streams open`);
  console.log(`  drain: every agent given a chat ${r.drainMs.toFixed(0)} ms from opening their streams`);
  const s = r.seatFreed;
  console.log(
    `  a seat freed: next claim on the agent's stream p50 ${s.assignedP50Ms.toFixed(1)} ms, p99 ${s.assignedP99Ms.toFixed(1)} ms;` +
      ` the resolution's own round trip p50 ${s.resolveP50Ms.toFixed(1)} ms, p99 ${s.resolveP99Ms.toFixed(1)} ms (${s.runs} runs)`,
  );
}

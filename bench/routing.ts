/**
 * `BENCH_ONLY=routing npm run bench` (BENCH_DATABASE_URL=<an empty database> for PostgreSQL): the router (AUTO_ASSIGN)
 * on the real store with a queue of 1 000 waiting claims and 50 agents online.
 *
 *   1. drain: 50 agents of capacity 20 come online with 1 000 claims waiting — every claim assigned;
 *      the time per assignment (count the agent's seats, assign under the claim's lock, commit)
 *   2. one seat freed with 1 000 still waiting and every agent full: from the resolution to the next
 *      claim being in an agent's hands (the latency a customer at the head of the queue sees)
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { ClaimEvents } from '../src/claims/claimEvents';
import { ClaimService } from '../src/claims/claimService';
import { fixedClock } from '../src/clock';
import { loadPolicy } from '../src/config/loadPolicy';
import { newClaim } from '../src/domain/claim';
import { Router } from '../src/routing/router';
import { openPostgresStorage } from '../src/storage/postgres/openPostgresStorage';
import { openSqliteStorage } from '../src/storage/sqlite/openSqliteStorage';
import type { Storage } from '../src/storage/storage';

const WAITING = 1_000;
const AGENTS = 50;

export interface RoutingBench {
  store: string;
  waiting: number;
  agents: number;
  drain: { assigned: number; seconds: number; msPerAssignment: number };
  seatFreed: { runs: number; p50Ms: number; p99Ms: number };
}

export async function runRoutingBench(): Promise<RoutingBench> {
  const clock = fixedClock('2026-03-02T17:30:00Z');
  // BENCH_DATABASE_URL: an empty PostgreSQL database of its own; otherwise SQLite in a temp folder
  const url = process.env.BENCH_DATABASE_URL;
  const storage: Storage = url
    ? await openPostgresStorage(url, { clock })
    : openSqliteStorage(mkdtempSync(path.join(tmpdir(), 'routing-bench-')), { clock });
  const policy = loadPolicy();
  const claims = new ClaimService(storage, policy, clock, new ClaimEvents());
  const agents = Array.from({ length: AGENTS }, (_, i) => `agent${String(i).padStart(2, '0')}`);
  try {
    // twice the queue: the drain takes the first 1 000, the seat-freed runs start with 1 000 more waiting
    await queue(storage, 2 * WAITING, clock.now().getTime());
    let online: string[] = [];
    const router = new Router({
      claims,
      repo: storage.claims,
      commits: storage.commits,
      notes: storage.notes,
      online: () => online,
      capacityOf: async () => WAITING / AGENTS,
      greet: async () => {},
      tellCustomer: async () => {},
      waitedTooLong: () => false,
      offerAgain: () => {},
      config: { agentCapacity: WAITING / AGENTS, autoAssign: true, offlineGraceMs: 120_000, reofferMs: 300_000 },
      clock,
      logger: pino({ level: 'silent' }),
    });
    router.lead();
    await router.tick();

    online = agents;
    const t0 = performance.now();
    await router.tick();
    const seconds = (performance.now() - t0) / 1000;
    const assigned = [...(await storage.claims.openChats()).values()].reduce((a, b) => a + b, 0);

    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const agent = agents[i % AGENTS];
      const [held] = await storage.claims.chatsOf(agent);
      await claims.resolveByAgent(held, 'covered', [], null, { kind: 'agent', id: agent });
      const t = performance.now();
      await router.nudge();
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    return {
      store: url ? 'postgres' : 'sqlite',
      waiting: WAITING,
      agents: AGENTS,
      drain: { assigned, seconds, msPerAssignment: (seconds * 1000) / assigned },
      seatFreed: { runs: latencies.length, p50Ms: latencies[25], p99Ms: latencies[latencies.length - 1] },
    };
  } finally {
    await storage.close();
  }
}

/** `n` claims waiting for a person, handed off a second apart (the queue's order). */
async function queue(storage: Storage, n: number, start: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const claim = newClaim(`claim-${i}`, `conversation-${i}`, new Date(start), 'v1', 'America/New_York');
    claim.status = 'pending_agent';
    claim.handoff = { ...claim.handoff, reason: 'customer_request', requestedAt: new Date(start + i * 1000).toISOString() };
    claim.decision.outcome = 'needs_agent';
    await storage.commits.atomically(() => storage.claims.insert(claim));
  }
  await storage.commits.durable();
}

export function reportRouting(r: RoutingBench): void {
  console.log(`\nrouting (${r.store}): ${r.waiting} waiting, ${r.agents} agents online`);
  console.log(
    `  drain: ${r.drain.assigned} assigned in ${r.drain.seconds.toFixed(2)} s = ${r.drain.msPerAssignment.toFixed(2)} ms per assignment`,
  );
  console.log(
    `  a seat freed, ${r.waiting} waiting: next claim assigned in p50 ${r.seatFreed.p50Ms.toFixed(2)} ms, max ${r.seatFreed.p99Ms.toFixed(2)} ms (${r.seatFreed.runs} runs)`,
  );
}

if (require.main === module) {
  runRoutingBench()
    .then(reportRouting)
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}

import { ClaimEvents } from '../../src/claims/claimEvents';
import { ClaimService } from '../../src/claims/claimService';
import { decisionMessage } from '../../src/claims/customerNotices';
import { fixedClock } from '../../src/clock';
import { newClaim } from '../../src/domain/claim';
import { agentActor, CUSTOMER } from '../../src/domain/claimLifecycle';
import { AppError } from '../../src/errors';
import { qseePolicy } from '../helpers/policy';
import { ON_POSTGRES } from '../helpers/postgres';
import { row } from '../helpers/rows';
import { databaseOf } from '../helpers/sqlite';
import { openTestStorage, type TestStorage } from '../helpers/store';

let storage: TestStorage | undefined;
afterEach(() => storage?.close());

async function service() {
  storage = await openTestStorage();
  const { commits, claims: repo } = storage;
  const clock = fixedClock('2026-03-02T17:30:00Z');
  const claims = new ClaimService(storage, qseePolicy(), clock, new ClaimEvents());
  return { storage, commits, repo, clock, claims };
}

/** Writes, then loses the commit those writes were in: a failed turn on PostgreSQL, a rolled back batch on SQLite. */
async function lostCommit(storage: TestStorage, write: () => Promise<unknown>): Promise<void> {
  if (ON_POSTGRES) {
    const turn = storage.commits.unit(async () => {
      await write();
      throw new Error('the turn failed');
    });
    await expect(turn).rejects.toThrow('the turn failed');
    return;
  }
  await write();
  const db = databaseOf(storage);
  expect(db.inTransaction).toBe(true); // pending in this tick's group commit
  db.exec('ROLLBACK');
  db.exec('BEGIN'); // the group commit still holds its batch open: give it an (empty) one to commit at close
}

const ANA = agentActor('ana', 'agent');
const BO = agentActor('bo', 'agent');
const ROOT = agentActor('root', 'admin');

const refusal = async (run: () => Promise<unknown>): Promise<string | null> => {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

describe('ClaimService is the one door for status changes', () => {
  test('an agent cannot close a claim the bot is running, nor one another agent holds', async () => {
    const { claims } = await service();
    const running = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    expect(await refusal(() => claims.close(running.id, ANA, 'close'))).toBe('CLAIM_TRANSITION_REFUSED');
    const waiting = await claims.open({ channel: 'directline', id: 'conv-2' }, 'UTC');
    await claims.requestHandoff(waiting.id, 'customer_request');
    await claims.accept(waiting.id, ANA);
    expect(await refusal(() => claims.close(waiting.id, BO, 'close'))).toBe('NOT_CLAIM_OWNER');
    expect(await refusal(() => claims.returnToBot(waiting.id, BO))).toBe('NOT_CLAIM_OWNER');
    expect((await claims.get(waiting.id))?.status).toBe('with_agent');
    expect((await claims.close(waiting.id, ANA, 'close')).status).toBe('closed');
  });

  test('the bot never writes to a closed claim or one with people', async () => {
    const { claims } = await service();
    const closed = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.expire(closed.id); // the idle timer: not even an admin closes a claim the bot is running
    const running = await claims.open({ channel: 'directline', id: 'conv-3' }, 'UTC');
    expect(await refusal(() => claims.close(running.id, ROOT, 'close'))).toBe('CLAIM_TRANSITION_REFUSED');
    expect(
      await refusal(() =>
        claims.recordProblem(closed.id, 'dead', { answer: 'unclear', reported: [], exclusions: [], unsure: [] } as never),
      ),
    ).toBe('CLAIM_TRANSITION_REFUSED');
    await expect(claims.decide(closed.id)).rejects.toMatchObject({ code: 'CLAIM_TRANSITION_REFUSED' });
    await expect(claims.requestHandoff(closed.id, 'customer_request')).rejects.toMatchObject({ code: 'CLAIM_TRANSITION_REFUSED' });

    const waiting = await claims.open({ channel: 'directline', id: 'conv-2' }, 'UTC');
    await claims.requestHandoff(waiting.id, 'customer_request');
    expect(await refusal(() => claims.recordProduct(waiting.id, 'QT5682'))).toBe('CLAIM_TRANSITION_REFUSED');
    expect((await claims.recordCallbackEmail(waiting.id, 'a@b.example')).handoff.callbackEmail).toBe('a@b.example'); // the customer may
  });

  test('a refused decision issues no RMA number', async () => {
    const { claims, storage } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.recordProduct(claim.id, 'QT5682');
    await claims.requestHandoff(claim.id, 'customer_request');
    await claims.accept(claim.id, ANA);
    await expect(claims.resolveByAgent(claim.id, 'covered', [], null, BO)).rejects.toMatchObject({ code: 'NOT_CLAIM_OWNER' });
    expect(await row(storage, 'SELECT COUNT(*) AS n FROM rma_numbers')).toEqual({ n: 0 });
    const resolved = await claims.resolveByAgent(claim.id, 'covered', [], null, ANA);
    expect(resolved.rmaNumber).toMatch(/^RMA-2026-/);
  });

  test('an agent who overrules a covered claim takes its RMA number back, and the customer is told why in plain words', async () => {
    const { claims } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    await claims.accept(claim.id, ANA);
    expect((await claims.resolveByAgent(claim.id, 'covered', [], null, ANA)).rmaNumber).toMatch(/^RMA-2026-/);
    await claims.requestHandoff(claim.id, 'customer_request');
    await claims.accept(claim.id, ANA);
    const overruled = await claims.resolveByAgent(claim.id, 'not_covered', ['excluded_condition'], null, ANA);
    expect(overruled).toMatchObject({ status: 'not_covered', rmaNumber: null });
    const text = decisionMessage(overruled, qseePolicy());
    expect(text).toMatch(/doesn't cover what happened to it/);
    expect(text).not.toMatch(/from \./);
  });

  test('update() cannot change a status behind the lifecycle', async () => {
    const { claims } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await expect(
      claims.update(claim.id, (c) => {
        c.status = 'rma_issued';
      }),
    ).rejects.toThrow(/may not change a claim's status/);
    expect((await claims.get(claim.id))?.status).toBe('in_progress');
  });

  test('every transition is on record with its actor and the injected time, oldest first', async () => {
    const { claims, clock } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    clock.advance(60_000);
    await claims.accept(claim.id, ANA);
    clock.advance(60_000);
    await claims.takeOver(claim.id, ROOT);
    clock.advance(60_000);
    await claims.close(claim.id, ROOT, 'close');
    expect(await claims.auditTrail(claim.id)).toEqual([
      {
        claimId: claim.id,
        from: 'in_progress',
        to: 'pending_agent',
        action: 'hand_off',
        actorKind: 'bot',
        actorId: null,
        at: '2026-03-02T17:30:00.000Z',
      },
      {
        claimId: claim.id,
        from: 'pending_agent',
        to: 'with_agent',
        action: 'accept',
        actorKind: 'agent',
        actorId: 'ana',
        at: '2026-03-02T17:31:00.000Z',
      },
      {
        claimId: claim.id,
        from: 'with_agent',
        to: 'with_agent',
        action: 'take_over',
        actorKind: 'admin',
        actorId: 'root',
        at: '2026-03-02T17:32:00.000Z',
      },
      {
        claimId: claim.id,
        from: 'with_agent',
        to: 'closed',
        action: 'close',
        actorKind: 'admin',
        actorId: 'root',
        at: '2026-03-02T17:33:00.000Z',
      },
    ]);
    expect((await claims.get(claim.id))?.handoff.agent).toBe('root');
  });

  test('the audit entry and the claim are written in one commit: a rolled back commit loses both', async () => {
    const { claims, commits, storage } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    commits.flush();
    await lostCommit(storage, () => claims.requestHandoff(claim.id, 'customer_request'));
    expect(await row(storage, 'SELECT status FROM claims WHERE id = ?', claim.id)).toEqual({ status: 'in_progress' });
    expect(await row(storage, 'SELECT COUNT(*) AS n FROM claim_audit')).toEqual({ n: 0 });
  });

  test('the customer withdraws from the queue; the bot cannot close a claim that waits for a person', async () => {
    const { claims } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    expect(await refusal(() => claims.close(claim.id))).toBe('CLAIM_TRANSITION_REFUSED');
    expect((await claims.close(claim.id, CUSTOMER, 'cancel')).status).toBe('closed');
    expect((await claims.auditTrail(claim.id)).at(-1)).toMatchObject({ action: 'cancel', actorKind: 'customer' });
  });

  test('accept answers null to the second agent', async () => {
    const { claims } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    expect((await claims.accept(claim.id, ANA))?.handoff.agent).toBe('ana');
    expect(await claims.accept(claim.id, BO)).toBeNull();
  });

  test('the timers act as the system, named in the record: assign, give back to the queue, expire', async () => {
    const { claims, repo } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    expect((await claims.assign(claim.id, 'ana')).handoff.agent).toBe('ana');
    expect(await claims.requeue(claim.id)).toMatchObject({
      status: 'pending_agent',
      handoff: { agent: null, requestedAt: '2026-03-02T17:30:00.000Z' },
    });
    expect(await repo.queuePosition(claim.id)).toBe(1);
    expect(await refusal(() => claims.expire(claim.id))).toBe('CLAIM_TRANSITION_REFUSED'); // only unfinished claims expire
    const idle = await claims.open({ channel: 'directline', id: 'conv-2' }, 'UTC');
    expect((await claims.expire(idle.id)).status).toBe('closed');
    expect((await claims.auditTrail(claim.id)).slice(1).map((e) => [e.action, e.actorKind, e.actorId])).toEqual([
      ['assign', 'system', 'routing'],
      ['requeue', 'system', 'routing'],
    ]);
    expect(await claims.auditTrail(idle.id)).toMatchObject([{ action: 'expire', actorKind: 'system', actorId: 'idle' }]);
  });

  test('a chat given back because of who held it stays put when someone else holds it now (transferred meanwhile)', async () => {
    const { claims } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    await claims.assign(claim.id, 'ana');
    await claims.transfer(claim.id, 'bo', ANA);
    expect(await refusal(() => claims.requeue(claim.id, agentActor('root', 'admin'), 'ana'))).toBe('CLAIM_TRANSITION_REFUSED');
    expect((await claims.requeue(claim.id, agentActor('root', 'admin'), 'bo')).status).toBe('pending_agent');
  });
});

describe("the hand-off's stamps the response timers read (handoff.acceptedAt, firstResponseAt)", () => {
  const MIN = 60_000;
  async function withAgent() {
    const parts = await service();
    const claim = await parts.claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await parts.claims.requestHandoff(claim.id, 'customer_request'); // 17:30
    parts.clock.advance(2 * MIN);
    await parts.claims.accept(claim.id, ANA); // 17:32
    parts.clock.advance(MIN);
    return { ...parts, id: claim.id };
  }
  const handoffOf = async (claims: ClaimService, id: string) => (await claims.get(id))?.handoff;

  test('the first message of the agent who holds the chat is stamped once; nobody else, and nothing later, moves it', async () => {
    const { claims, clock, id } = await withAgent();
    expect(await claims.recordFirstResponse(id, 'bo')).toBeNull(); // not bo's chat
    expect((await handoffOf(claims, id))?.firstResponseAt).toBeNull();
    expect((await claims.recordFirstResponse(id, 'ana'))?.handoff.firstResponseAt).toBe('2026-03-02T17:33:00.000Z');
    clock.advance(MIN);
    expect(await claims.recordFirstResponse(id, 'ana')).toBeNull();
    expect((await handoffOf(claims, id))?.firstResponseAt).toBe('2026-03-02T17:33:00.000Z');
  });

  test('a chat in the queue gets no stamp', async () => {
    const { claims } = await service();
    const claim = await claims.open({ channel: 'directline', id: 'conv-1' }, 'UTC');
    await claims.requestHandoff(claim.id, 'customer_request');
    expect(await claims.recordFirstResponse(claim.id, 'ana')).toBeNull();
  });

  test('a transfer and an admin take-over keep when the chat left the queue, and its first response; the transfer names who had it', async () => {
    const { claims, clock, id } = await withAgent();
    await claims.recordFirstResponse(id, 'ana');
    clock.advance(MIN);
    const moved = await claims.transfer(id, 'bo', ANA);
    expect(moved.from).toBe('ana');
    expect(moved.claim.handoff).toMatchObject({
      agent: 'bo',
      acceptedAt: '2026-03-02T17:32:00.000Z',
      firstResponseAt: '2026-03-02T17:33:00.000Z',
    });
    expect((await claims.takeOver(id, ROOT)).handoff).toMatchObject({ agent: 'root', acceptedAt: '2026-03-02T17:32:00.000Z' });
  });

  test('a requeue keeps the hand-off time and the first response; taken again, acceptedAt is the new taking', async () => {
    const { claims, clock, id } = await withAgent();
    await claims.recordFirstResponse(id, 'ana');
    expect((await claims.requeue(id)).handoff).toMatchObject({
      requestedAt: '2026-03-02T17:30:00.000Z',
      acceptedAt: null,
      firstResponseAt: '2026-03-02T17:33:00.000Z',
    });
    clock.advance(MIN);
    expect((await claims.accept(id, BO))?.handoff).toMatchObject({
      acceptedAt: '2026-03-02T17:34:00.000Z',
      firstResponseAt: '2026-03-02T17:33:00.000Z',
    });
  });

  test('a new hand-off (after the chat went back to the assistant) starts the timers again', async () => {
    const { claims, clock, id } = await withAgent();
    await claims.recordFirstResponse(id, 'ana');
    await claims.returnToBot(id, ANA);
    clock.advance(MIN);
    expect((await claims.requestHandoff(id, 'customer_request')).handoff).toMatchObject({
      requestedAt: '2026-03-02T17:34:00.000Z',
      acceptedAt: null,
      firstResponseAt: null,
    });
  });

  test('the stamp is kept only with the commit of its unit (the message): a lost commit loses it', async () => {
    const { claims, commits, storage, id } = await withAgent();
    commits.flush();
    await commits.durable();
    await lostCommit(storage, () => claims.recordFirstResponse(id, 'ana'));
    const stored = await row<{ data: unknown }>(storage, 'SELECT data FROM claims WHERE id = ?', id);
    const data = (typeof stored?.data === 'string' ? JSON.parse(stored.data) : stored?.data) as {
      handoff: { firstResponseAt?: string | null };
    };
    expect(data.handoff.firstResponseAt ?? null).toBeNull();
  });
});

describe('the assistant takes a claim back', () => {
  test.each([
    ['its own decision restored is the bot’s', { outcome: 'awaiting_proof', reasons: ['no_proof_of_purchase'] }, 'awaiting_proof', 'bot'],
    ['with none yet, it is nobody’s', null, 'in_progress', null],
  ] as const)('%s', async (_, bot, status, decidedBy) => {
    const { claims, repo } = await service();
    const claim = newClaim('c-back', 'conv-back', new Date('2026-03-02T17:00:00Z'), 'v1', 'UTC');
    claim.channel = 'directline';
    claim.status = 'with_agent';
    claim.handoff = { ...claim.handoff, reason: 'customer_request', agent: 'ana', requestedAt: '2026-03-02T17:10:00.000Z' };
    claim.decision = { ...claim.decision, outcome: 'needs_agent', bot: bot && { ...bot, reasons: [...bot.reasons] } };
    await storage?.commits.atomically(() => repo.insert(claim));
    const back = await claims.returnToBot('c-back', ANA);
    expect(back.status).toBe(status);
    expect(back.decision).toMatchObject({ outcome: bot?.outcome ?? null, decidedBy });
  });
});

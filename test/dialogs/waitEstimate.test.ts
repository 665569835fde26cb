import type { AuditEntry } from '../../src/storage/claimAudit';
import { createHarness, type Harness, texts } from '../helpers/harness';

/**
 * The waiting customer hears an estimate of the wait only when there is history to make it from
 * (people taking claims from the queue in the last day) and someone online to answer; never a made-up number.
 */
let h: Harness;
afterEach(() => h?.close());

const NOW = '2026-03-02T17:30:00Z';
const minutesBefore = (m: number, from = NOW) => new Date(new Date(from).getTime() - m * 60_000).toISOString();

/** Status changes as the claim service writes them to the audit trail, committed. */
async function audited(entries: Omit<AuditEntry, 'actorKind' | 'actorId' | 'action'>[]): Promise<void> {
  await h.storage.commits.unit(async () => {
    for (const e of entries) {
      const taken = e.to === 'with_agent';
      await h.storage.audit.record({
        ...e,
        action: taken ? 'accept' : 'hand_off',
        actorKind: taken ? 'agent' : 'bot',
        actorId: taken ? 'ana' : null,
      });
    }
  });
  await h.storage.commits.durable();
}

/** Earlier customers who waited these many minutes each before an agent took their claim (the last one 30 minutes ago). */
async function earlierWaits(minutes: number[], endedMinutesAgo = 30): Promise<void> {
  const entries = minutes.flatMap((wait, i) => {
    const taken = minutesBefore(endedMinutesAgo + i * 60);
    return [
      { claimId: `earlier-${i}`, from: 'in_progress' as const, to: 'pending_agent' as const, at: minutesBefore(wait, taken) },
      { claimId: `earlier-${i}`, from: 'pending_agent' as const, to: 'with_agent' as const, at: taken },
    ];
  });
  await audited(entries);
}

async function handOff(): Promise<string> {
  await h.join();
  const replies = texts(await h.say('I want to talk to a person'));
  expect((await h.claim()).status).toBe('pending_agent');
  return replies;
}

test('with recent history and an agent online, the hand-off and the waiting room both give the estimate', async () => {
  h = await createHarness({ now: NOW, agentsOnline: ['ana'] });
  await earlierWaits([4, 6, 7]); // median 6 minutes, one agent, first in the queue
  expect(await handOff()).toContain("You're number 1 in the queue. From recent chats, expect to wait about 5–10 minutes.");
  expect(texts(await h.say('my camera still does not turn on'))).toContain(
    "You're number 1 in the queue — a member of our team will reply here. From recent chats, expect to wait about 5–10 minutes.",
  );
});

test('two agents online share the queue', async () => {
  h = await createHarness({ now: NOW, agentsOnline: ['ana', 'bo'] });
  await earlierWaits([20, 20, 20]);
  expect(await handOff()).toContain('expect to wait about 10–15 minutes');
});

describe('nothing is estimated', () => {
  test('without history: the place in the queue alone', async () => {
    h = await createHarness({ now: NOW, agentsOnline: ['ana'] });
    const replies = await handOff();
    expect(replies).toContain("You're number 1 in the queue. Someone will reply here shortly.");
    expect(replies).not.toMatch(/expect to wait/);
    expect(texts(await h.say('hello?'))).not.toMatch(/expect to wait/);
  });

  test('when the history is older than a day', async () => {
    h = await createHarness({ now: NOW, agentsOnline: ['ana'] });
    await earlierWaits([5, 5], 25 * 60);
    expect(await handOff()).not.toMatch(/expect to wait/);
  });

  test('with nobody online, even with history: the call-back offer', async () => {
    h = await createHarness({ now: NOW });
    await earlierWaits([4, 6, 7]);
    const replies = await handOff();
    expect(replies).toMatch(/isn't online right now/);
    expect(replies).not.toMatch(/expect to wait/);
    expect(texts(await h.say('hello?'))).not.toMatch(/expect to wait/);
  });
});

describe('the recent waits the audit trail gives', () => {
  test('a claim returned to the queue waited from its return, not from its first hand-off', async () => {
    h = await createHarness({ now: NOW });
    await audited([
      { claimId: 'c1', from: 'in_progress', to: 'pending_agent', at: minutesBefore(120) },
      { claimId: 'c1', from: 'pending_agent', to: 'with_agent', at: minutesBefore(100) },
      { claimId: 'c1', from: 'with_agent', to: 'pending_agent', at: minutesBefore(10) },
      { claimId: 'c1', from: 'pending_agent', to: 'with_agent', at: minutesBefore(7) },
      { claimId: 'c1', from: 'with_agent', to: 'with_agent', at: minutesBefore(5) }, // an admin's take-over of an open chat: no wait
    ]);
    expect(await h.storage.audit.recentWaits(minutesBefore(24 * 60), 20)).toEqual([3 * 60_000, 20 * 60_000]);
  });

  test('the newest ones only, as many as asked and since when asked', async () => {
    h = await createHarness({ now: NOW });
    await earlierWaits([1, 2, 3, 4, 5]); // taken 30, 90, 150, 210, 270 minutes ago
    expect(await h.storage.audit.recentWaits(minutesBefore(24 * 60), 3)).toEqual([1, 2, 3].map((m) => m * 60_000));
    expect(await h.storage.audit.recentWaits(minutesBefore(100), 20)).toEqual([1, 2].map((m) => m * 60_000));
  });
});

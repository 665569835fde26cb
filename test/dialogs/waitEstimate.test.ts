import type { AuditEntry } from '../../src/storage/claimAudit';
import { createHarness, type Harness, texts } from '../helpers/harness';

/**
 * The waiting customer hears an estimate of the wait from the agents' seats now and how long recent
 * chats lasted — only when there is such history (chats with a person that ended in the last day) and
 * someone online to answer; never a made-up number.
 */
let h: Harness;
afterEach(() => h?.close());

const NOW = '2026-03-02T17:30:00Z';
const minutesBefore = (m: number, from = NOW) => new Date(new Date(from).getTime() - m * 60_000).toISOString();
const ANA = { kind: 'agent' as const, id: 'ana' };

type Change = Omit<AuditEntry, 'actorKind' | 'actorId' | 'action'>;

/** Status changes as the claim service writes them to the audit trail, committed. */
async function audited(entries: Change[]): Promise<void> {
  await h.storage.commits.unit(async () => {
    for (const e of entries) {
      const byAgent = e.from === 'pending_agent' || e.from === 'with_agent';
      await h.storage.audit.record({
        ...e,
        action: byAgent ? 'accept' : 'hand_off',
        actorKind: byAgent ? 'agent' : 'bot',
        actorId: byAgent ? 'ana' : null,
      });
    }
  });
  await h.storage.commits.durable();
}

/**
 * Earlier chats that lasted these many minutes each, after their customer waited `waited` minutes in
 * the queue; the newest ended `endedMinutesAgo`, each one before it an hour earlier.
 */
async function earlierChats(minutes: number[], options: { waited?: number; endedMinutesAgo?: number } = {}): Promise<void> {
  const { waited = 30, endedMinutesAgo = 30 } = options;
  const entries = minutes.flatMap((lasted, i): Change[] => {
    const ended = minutesBefore(endedMinutesAgo + i * 60);
    const started = minutesBefore(lasted, ended);
    const claimId = `earlier-${i}`;
    return [
      { claimId, from: 'in_progress', to: 'pending_agent', at: minutesBefore(waited, started) },
      { claimId, from: 'pending_agent', to: 'with_agent', at: started },
      { claimId, from: 'with_agent', to: 'closed', at: ended },
    ];
  });
  await audited(entries);
}

/** The next turns are another customer's conversation (TestAdapter speaks for one at a time). */
function asCustomer(id: string): void {
  h.adapter.conversation = {
    ...h.adapter.conversation,
    conversation: { ...h.adapter.conversation.conversation, id },
  } as typeof h.adapter.conversation;
}

async function handOff(): Promise<string> {
  await h.join();
  const replies = texts(await h.say('I want to talk to a person'));
  expect((await h.claim()).status).toBe('pending_agent');
  return replies;
}

/** Customers who handed off and whom ana took: each holds one of her seats. */
async function anaChatsWith(...customers: string[]): Promise<void> {
  for (const customer of customers) {
    asCustomer(customer);
    await handOff();
    expect(await h.claims.accept((await h.claim()).id, ANA)).not.toBeNull();
  }
}

test('with a free seat, the hand-off and the waiting room both say someone can take it now', async () => {
  h = await createHarness({ now: NOW, agentsOnline: ['ana'], agentCapacity: 3 });
  await earlierChats([4, 6, 7]);
  await anaChatsWith('busy-1', 'busy-2'); // one of her three seats is still free
  asCustomer('waiting');
  expect(await handOff()).toContain("You're number 1 in the queue. From recent chats, expect to wait less than 2 minutes.");
  expect(texts(await h.say('my camera still does not turn on'))).toContain(
    "You're number 1 in the queue — a member of our team will reply here. From recent chats, expect to wait less than 2 minutes.",
  );
});

test('all seats busy: about one typical chat until a seat comes free, not the earlier customers’ waits again', async () => {
  h = await createHarness({ now: NOW, agentsOnline: ['ana'], agentCapacity: 1 });
  // the earlier customers waited 30 minutes each (behind others): that wait is not this customer's
  await earlierChats([4, 6, 7], { waited: 30 }); // chats of median 6 minutes
  await anaChatsWith('busy');
  asCustomer('waiting');
  expect(await handOff()).toContain("You're number 1 in the queue. From recent chats, expect to wait about 5–10 minutes.");
  expect(texts(await h.say('hello?'))).toContain('expect to wait about 5–10 minutes');
});

test('further back in the queue: one chat per place, shared by the seats', async () => {
  h = await createHarness({ now: NOW, agentsOnline: ['ana', 'bo'], agentCapacity: 1 });
  await earlierChats([10, 10, 10]);
  await anaChatsWith('busy-ana');
  // bo's seat is free: the first in the queue takes it; the second waits for one of two seats
  asCustomer('first');
  expect(await handOff()).toContain('expect to wait less than 2 minutes');
  asCustomer('second');
  expect(await handOff()).toContain("You're number 2 in the queue. From recent chats, expect to wait about 5–10 minutes.");
});

describe('nothing is estimated', () => {
  test('without chat history, even with a free seat: the place in the queue alone', async () => {
    h = await createHarness({ now: NOW, agentsOnline: ['ana'] });
    const replies = await handOff();
    expect(replies).toContain("You're number 1 in the queue. Someone will reply here shortly.");
    expect(replies).not.toMatch(/expect to wait/);
    expect(texts(await h.say('hello?'))).not.toMatch(/expect to wait/);
  });

  test('when the chats ended more than a day ago', async () => {
    h = await createHarness({ now: NOW, agentsOnline: ['ana'] });
    await earlierChats([5, 5], { endedMinutesAgo: 25 * 60 });
    expect(await handOff()).not.toMatch(/expect to wait/);
  });

  test('when the earlier customers were taken but no chat has ended yet', async () => {
    h = await createHarness({ now: NOW, agentsOnline: ['ana'] });
    await audited([
      { claimId: 'open', from: 'in_progress', to: 'pending_agent', at: minutesBefore(20) },
      { claimId: 'open', from: 'pending_agent', to: 'with_agent', at: minutesBefore(10) },
    ]);
    expect(await handOff()).not.toMatch(/expect to wait/);
  });

  test('with nobody online, even with history: the call-back offer', async () => {
    h = await createHarness({ now: NOW });
    await earlierChats([4, 6, 7]);
    const replies = await handOff();
    expect(replies).toMatch(/isn't online right now/);
    expect(replies).not.toMatch(/expect to wait/);
    expect(texts(await h.say('hello?'))).not.toMatch(/expect to wait/);
  });
});

describe('the recent chat durations the audit trail gives', () => {
  test('a chat lasts from its taking to leaving the agents; a transfer or take-over ends nothing', async () => {
    h = await createHarness({ now: NOW });
    await audited([
      { claimId: 'c1', from: 'in_progress', to: 'pending_agent', at: minutesBefore(130) },
      { claimId: 'c1', from: 'pending_agent', to: 'with_agent', at: minutesBefore(120) },
      { claimId: 'c1', from: 'with_agent', to: 'pending_agent', at: minutesBefore(100) }, // its agent went away: 20 minutes
      { claimId: 'c1', from: 'pending_agent', to: 'with_agent', at: minutesBefore(40) },
      { claimId: 'c1', from: 'with_agent', to: 'with_agent', at: minutesBefore(30) }, // transferred: the chat goes on
      { claimId: 'c1', from: 'with_agent', to: 'with_agent', at: minutesBefore(20) }, // taken over: the chat goes on
      { claimId: 'c1', from: 'with_agent', to: 'closed', at: minutesBefore(5) }, // 35 minutes since the second taking
      { claimId: 'c2', from: 'pending_agent', to: 'with_agent', at: minutesBefore(12) },
      { claimId: 'c2', from: 'with_agent', to: 'rma_issued', at: minutesBefore(4) }, // resolved: 8 minutes
      { claimId: 'c3', from: 'pending_agent', to: 'with_agent', at: minutesBefore(3) }, // still open: not yet a duration
    ]);
    expect(await h.storage.audit.recentChatDurations(minutesBefore(24 * 60), 20)).toEqual([8, 35, 20].map((m) => m * 60_000));
  });

  test('a chat whose taking is not in the trail says nothing', async () => {
    h = await createHarness({ now: NOW });
    await audited([
      { claimId: 'old', from: 'with_agent', to: 'closed', at: minutesBefore(5) },
      { claimId: 'other', from: 'pending_agent', to: 'with_agent', at: minutesBefore(50) }, // another claim's taking
    ]);
    expect(await h.storage.audit.recentChatDurations(minutesBefore(24 * 60), 20)).toEqual([]);
  });

  test('the newest ones only, as many as asked and ended since when asked', async () => {
    h = await createHarness({ now: NOW });
    await earlierChats([1, 2, 3, 4, 5]); // ended 30, 90, 150, 210, 270 minutes ago
    expect(await h.storage.audit.recentChatDurations(minutesBefore(24 * 60), 3)).toEqual([1, 2, 3].map((m) => m * 60_000));
    expect(await h.storage.audit.recentChatDurations(minutesBefore(100), 20)).toEqual([1, 2].map((m) => m * 60_000));
  });
});

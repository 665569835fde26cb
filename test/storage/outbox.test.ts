import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fixedClock } from '../../src/clock';
import type { PageCursor } from '../../src/storage/claimRepository';
import { type NewMail, type Outbox, type OutboxEntry, SUPPRESSION_DAYS } from '../../src/storage/outbox';
import { openSqliteStorage } from '../../src/storage/sqlite/openSqliteStorage';
import { openTestStorage, postgresOnly, sqliteOnly, type TestStorage } from '../helpers/store';

/*
 * The outbox on the store under test (TEST_STORE): what is queued is taken when it is due, held
 * while it is being sent, and counted, paged and suppressed as the abuse limits and agents need.
 */
const T0 = '2026-03-02T12:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const DAY = 24 * 60;

const mail = (n: number, overrides: Partial<NewMail> = {}): NewMail => ({
  kind: 'decision',
  claimId: `claim-${n}`,
  conversation: `directline/conv-${n}`,
  to: `customer${n}@example.com`,
  subject: `Your claim ${n}`,
  text: `Plain text ${n}`,
  html: `<p>HTML ${n}</p>`,
  requestedBy: 'bot',
  ...overrides,
});

describe('the mail outbox', () => {
  let storage: TestStorage;
  let outbox: Outbox;
  // the store's "now", for suppressions (which end)
  let clock: ReturnType<typeof fixedClock>;

  beforeEach(async () => {
    clock = fixedClock(T0);
    storage = await openTestStorage({ clock });
    outbox = storage.outbox;
  });
  afterEach(async () => {
    await storage.close();
  });

  const queue = async (entries: Array<[NewMail, string]>): Promise<OutboxEntry[]> => {
    const added: OutboxEntry[] = [];
    for (const [m, when] of entries) added.push(await outbox.add(m, when));
    await storage.commits.durable();
    return added;
  };

  test('the retention sweep deletes mails sent or given up before the cutoff, never a waiting one', async () => {
    const [oldSent, oldFailed, oldWaiting, newSent] = await queue([
      [mail(1), at(0)],
      [mail(2), at(0)],
      [mail(3), at(0)],
      [mail(4), at(2 * DAY)],
    ]);
    await outbox.markSent(oldSent.id, at(1));
    await outbox.markFailed(oldFailed.id, 'refused');
    await outbox.markSent(newSent.id, at(2 * DAY + 1));
    expect(await outbox.deleteDoneBefore(new Date(at(DAY)))).toBe(2);
    expect(await outbox.get(oldSent.id)).toBeNull();
    expect(await outbox.get(oldFailed.id)).toBeNull();
    expect((await outbox.get(oldWaiting.id))?.status).toBe('waiting');
    expect((await outbox.get(newSent.id))?.status).toBe('sent');
    expect(await outbox.deleteDoneBefore(new Date(at(DAY)))).toBe(0);
  });

  test('a queued mail waits, due at once, with everything it was given', async () => {
    const [entry] = await queue([[mail(1, { to: 'Ana.Perez@Example.COM' }), at(0)]]);
    expect(entry).toMatchObject({ status: 'waiting', attempts: 0, nextAttemptAt: T0, lastError: null, createdAt: T0, sentAt: null });
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await outbox.get(entry.id)).toEqual(entry);
    expect(await outbox.get(entry.id)).toEqual({ ...mail(1, { to: 'Ana.Perez@Example.COM' }), ...entry });
    expect(await outbox.pending()).toBe(1);
    expect(await outbox.get('no-such-mail')).toBeNull();
  });

  test('takeDue takes the due waiting mails, oldest first, up to the limit, counts the attempt and holds them', async () => {
    const [first, second, third, later] = await queue([
      [mail(1), at(0)],
      [mail(2), at(1)],
      [mail(3), at(1)],
      [mail(4), at(10)],
    ]);
    const taken = await outbox.takeDue(at(5), at(7), 2);
    expect(taken.map((m) => m.id)).toEqual([first.id, second.id]);
    expect(taken[0]).toMatchObject({ attempts: 1, nextAttemptAt: at(7), status: 'waiting' });
    // held: not taken again before the hold runs out, even when due otherwise
    expect((await outbox.takeDue(at(6), at(8), 10)).map((m) => m.id)).toEqual([third.id]);
    expect(await outbox.takeDue(at(6.9), at(9), 10)).toEqual([]);
    // the hold ran out (a crash before the outcome was written): taken again, a second attempt
    const again = await outbox.takeDue(at(7), at(9), 10);
    expect(again.map((m) => [m.id, m.attempts])).toEqual([
      [first.id, 2],
      [second.id, 2],
    ]);
    // at 10 the held ones are due again, and the last one is due for the first time; oldest queued first
    expect((await outbox.takeDue(at(10), at(12), 10)).map((m) => [m.id, m.attempts])).toEqual([
      [first.id, 3],
      [second.id, 3],
      [third.id, 2],
      [later.id, 1],
    ]);
    expect(await outbox.pending()).toBe(4);
  });

  test('the outcome: sent, due again later with the reason, or failed; an outcome arriving after another instance sent it changes nothing', async () => {
    const [a, b, c] = await queue([
      [mail(1), at(0)],
      [mail(2), at(0)],
      [mail(3), at(0)],
    ]);
    await outbox.takeDue(at(0), at(2), 10);
    await outbox.markSent(a.id, at(0.5));
    await outbox.markRetry(b.id, at(1), 'mail server unreachable (ECONNREFUSED)');
    await outbox.markFailed(c.id, 'refused by the mail server: 550 5.1.1 no such user');
    expect(await outbox.get(a.id)).toMatchObject({ status: 'sent', sentAt: at(0.5), nextAttemptAt: null, attempts: 1 });
    expect(await outbox.get(b.id)).toMatchObject({
      status: 'waiting',
      nextAttemptAt: at(1),
      lastError: 'mail server unreachable (ECONNREFUSED)',
    });
    expect(await outbox.get(c.id)).toMatchObject({
      status: 'failed',
      nextAttemptAt: null,
      lastError: 'refused by the mail server: 550 5.1.1 no such user',
    });
    expect(await outbox.pending()).toBe(1);
    // the given-up mails, for /metrics: only c (b waits to be tried again, a was sent)
    expect(await outbox.failed()).toBe(1);
    expect((await outbox.takeDue(at(1), at(3), 10)).map((m) => m.id)).toEqual([b.id]);

    // a slow instance's late failure does not bring a sent mail back
    await outbox.markRetry(a.id, at(5), 'late');
    await outbox.markFailed(a.id, 'late');
    expect(await outbox.get(a.id)).toMatchObject({ status: 'sent', lastError: null, nextAttemptAt: null });
    await outbox.markSent(a.id, at(9));
    expect((await outbox.get(a.id))?.sentAt).toBe(at(0.5));
  });

  test('an agent sends a failed mail again: waiting, due now, its attempts start over; anything not failed is refused', async () => {
    const [failed, waiting] = await queue([
      [mail(1), at(0)],
      [mail(2), at(0)],
    ]);
    await outbox.takeDue(at(0), at(2), 1);
    await outbox.markFailed(failed.id, 'gave up');
    expect(await outbox.retry(failed.id, at(30))).toBe(true);
    await storage.commits.durable();
    expect(await outbox.get(failed.id)).toMatchObject({ status: 'waiting', attempts: 0, nextAttemptAt: at(30), lastError: 'gave up' });
    expect(await outbox.retry(failed.id, at(31))).toBe(false);
    expect(await outbox.retry(waiting.id, at(31))).toBe(false);
    expect(await outbox.retry('no-such-mail', at(31))).toBe(false);
  });

  test('countSince counts an address in any case, a conversation and who asked, from the time given', async () => {
    await queue([
      [mail(1, { to: 'Ana@Example.com', conversation: 'dl/a', requestedBy: 'customer' }), at(0)],
      [mail(2, { to: 'ana@example.COM', conversation: 'dl/a', requestedBy: 'customer' }), at(30)],
      [mail(3, { to: 'ana@example.com', conversation: 'dl/b', requestedBy: 'agent:ana' }), at(45)],
      [mail(4, { to: 'bob@example.com', conversation: 'dl/a', requestedBy: 'customer' }), at(59)],
    ]);
    expect(await outbox.countSince({ to: 'ANA@example.com' }, at(0))).toBe(3);
    expect(await outbox.countSince({ to: 'ana@example.com' }, at(0.001))).toBe(2);
    expect(await outbox.countSince({ to: 'ana@example.com', requestedBy: 'customer' }, at(0))).toBe(2);
    expect(await outbox.countSince({ conversation: 'dl/a' }, at(0))).toBe(3);
    expect(await outbox.countSince({ conversation: 'dl/a' }, at(31))).toBe(1);
    expect(await outbox.countSince({ requestedBy: 'customer' }, at(0))).toBe(3);
    expect(await outbox.countSince({}, at(59))).toBe(1);
    expect(await outbox.countSince({ to: 'nobody@example.com' }, at(0))).toBe(0);
  });

  test('pages newest first, of one status or one claim, every mail exactly once across same-millisecond ties', async () => {
    const entries = await queue(
      Array.from({ length: 9 }, (_, n): [NewMail, string] => [
        mail(n, { claimId: n % 3 === 0 ? 'claim-x' : `claim-${n}` }),
        at(Math.floor(n / 2)),
      ]),
    );
    await outbox.takeDue(at(10), at(12), 9);
    await outbox.markSent(entries[0].id, at(11));
    await outbox.markSent(entries[4].id, at(11));
    // queued in the same millisecond: the later one first, as in the claims' lists
    const newestFirst = [8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => entries[n].id);

    const all = async (filter: Parameters<Outbox['page']>[0], size: number) => {
      const ids: string[] = [];
      let cursor: PageCursor | null = null;
      let total = -1;
      do {
        const page = await outbox.page(filter, size, cursor);
        expect(page.items.length).toBeLessThanOrEqual(size);
        ids.push(...page.items.map((m) => m.id));
        total = page.total;
        cursor = page.next;
      } while (cursor);
      return { ids, total };
    };
    for (const size of [1, 2, 4, 9, 50]) expect(await all({}, size)).toEqual({ ids: newestFirst, total: 9 });
    expect(await all({ status: 'sent' }, 1)).toEqual({ ids: [entries[4].id, entries[0].id], total: 2 });
    expect((await all({ status: 'waiting' }, 3)).total).toBe(7);
    expect(await all({ claimId: 'claim-x' }, 2)).toEqual({ ids: [6, 3, 0].map((n) => entries[n].id), total: 3 });
    expect(await all({ claimId: 'claim-x', status: 'sent' }, 2)).toEqual({ ids: [entries[0].id], total: 1 });
    expect(await all({ status: 'failed' }, 2)).toEqual({ ids: [], total: 0 });
  });

  test('a suppressed address is suppressed in any case, once; a later bounce gives the reason and starts the period again', async () => {
    expect(await outbox.isSuppressed('gone@example.com')).toBe(false);
    await outbox.suppress('Gone@Example.com', 'refused by the mail server: 550 5.1.1 no such user', at(0));
    await outbox.suppress('GONE@example.com', 'again', at(1));
    expect(await outbox.isSuppressed('gone@example.com')).toBe(true);
    expect(await outbox.isSuppressed('GONE@EXAMPLE.COM')).toBe(true);
    expect(await outbox.isSuppressed('other@example.com')).toBe(false);
    // an older bounce (a slow instance's) changes nothing
    await outbox.suppress('gone@example.com', 'late', at(-5));
    expect((await outbox.listSuppressions(10, null)).items).toEqual([
      { address: 'gone@example.com', reason: 'again', createdAt: at(1), expiresAt: at(1 + SUPPRESSION_DAYS * DAY) },
    ]);
  });

  test(`a suppression ends after ${SUPPRESSION_DAYS} days (a mailbox may be made, an address given to someone else)`, async () => {
    await outbox.suppress('gone@example.com', '550 5.1.1 no such user', at(0));
    clock.set(at(SUPPRESSION_DAYS * DAY - 1));
    expect(await outbox.isSuppressed('gone@example.com')).toBe(true);
    expect((await outbox.listSuppressions(10, null)).total).toBe(1);
    clock.set(at(SUPPRESSION_DAYS * DAY));
    expect(await outbox.isSuppressed('gone@example.com')).toBe(false);
    expect(await outbox.listSuppressions(10, null)).toEqual({ items: [], next: null, total: 0 });
    // it bounces again: suppressed again, for another period
    await outbox.suppress('gone@example.com', '550 5.1.1 still no such user', clock.now().toISOString());
    clock.advance((SUPPRESSION_DAYS * DAY - 1) * 60_000);
    expect(await outbox.isSuppressed('gone@example.com')).toBe(true);
    // an expired one is not in force: lifting it says there was nothing to lift
    clock.advance(60_000);
    expect(await outbox.liftSuppression('gone@example.com')).toBe(false);
  });

  test('the suppressions in force, newest first, every one exactly once across pages and same-millisecond ties', async () => {
    const addresses = Array.from({ length: 7 }, (_, n) => `gone${n}@example.com`);
    for (const [n, address] of addresses.entries()) await outbox.suppress(address, `550 5.1.1 no such user ${n}`, at(Math.floor(n / 3)));
    await outbox.suppress('old@example.com', '550 5.1.1', at(-SUPPRESSION_DAYS * DAY));
    // newest first; in one millisecond, the later address first
    const expected = ['gone6', 'gone5', 'gone4', 'gone3', 'gone2', 'gone1', 'gone0'].map((a) => `${a}@example.com`);
    for (const size of [1, 2, 3, 7, 50]) {
      const seen: string[] = [];
      let cursor: PageCursor | null = null;
      do {
        const page = await outbox.listSuppressions(size, cursor);
        expect(page.total).toBe(7);
        expect(page.items.length).toBeLessThanOrEqual(size);
        seen.push(...page.items.map((s) => s.address));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    const [first] = (await outbox.listSuppressions(1, null)).items;
    expect(first).toEqual({
      address: 'gone6@example.com',
      reason: '550 5.1.1 no such user 6',
      createdAt: at(2),
      expiresAt: at(2 + SUPPRESSION_DAYS * DAY),
    });
    // a cursor a client made up is only compared: it widens nothing
    expect((await outbox.listSuppressions(50, { key: "0' OR 1=1 --", rowid: 0 })).items).toEqual([]);
    expect((await outbox.listSuppressions(50, { key: at(1), rowid: 0 })).items.map((s) => s.address)).toEqual([
      'gone2@example.com',
      'gone1@example.com',
      'gone0@example.com',
    ]);
  });

  test('an admin lifts a suppression: mail may go there again; lifting one that is not there says so', async () => {
    await outbox.suppress('gone@example.com', '550 5.1.1 no such user', at(0));
    await outbox.suppress('kept@example.com', '550 5.1.1 no such user', at(0));
    expect(await outbox.liftSuppression('GONE@Example.com')).toBe(true);
    await storage.commits.durable();
    expect(await outbox.isSuppressed('gone@example.com')).toBe(false);
    expect(await outbox.isSuppressed('kept@example.com')).toBe(true);
    expect(await outbox.liftSuppression('gone@example.com')).toBe(false);
    expect(await outbox.liftSuppression('never@example.com')).toBe(false);
    expect((await outbox.listSuppressions(10, null)).items.map((s) => s.address)).toEqual(['kept@example.com']);
  });

  test('release: a mail taken but never tried is due again at once, its attempt given back — only while this hold is its own', async () => {
    const [a, b, c] = await queue([
      [mail(1), at(0)],
      [mail(2), at(0)],
      [mail(3), at(0)],
    ]);
    await outbox.takeDue(at(0), at(2), 10);
    await outbox.release(a.id, at(2), at(0.5));
    expect(await outbox.get(a.id)).toMatchObject({ status: 'waiting', attempts: 0, nextAttemptAt: at(0.5), lastError: null });
    // a hold that is not the one it was taken with (it ran out, and another instance took it): left alone
    await outbox.takeDue(at(2), at(4), 10);
    await outbox.release(b.id, at(2), at(2));
    expect(await outbox.get(b.id)).toMatchObject({ attempts: 2, nextAttemptAt: at(4) });
    // sent meanwhile: left alone
    await outbox.markSent(c.id, at(2));
    await outbox.release(c.id, at(4), at(2));
    expect(await outbox.get(c.id)).toMatchObject({ status: 'sent', attempts: 2, nextAttemptAt: null });
    // released, it is taken again first among those due at its time
    expect((await outbox.takeDue(at(4), at(6), 1)).map((m) => [m.id, m.attempts])).toEqual([[a.id, 2]]);
  });

  test('takeDue inside a unit of work is committed when it returns, whatever becomes of the unit', async () => {
    // the sender's pass may start from a turn's callback: its take must not be the turn's to roll back
    const [entry] = await queue([[mail(1), at(0)]]);
    await expect(
      storage.commits.unit(async () => {
        await storage.claims.count();
        expect((await outbox.takeDue(at(0), at(2), 10)).map((m) => m.id)).toEqual([entry.id]);
        await outbox.markRetry(entry.id, at(3), 'mail server unreachable (ECONNREFUSED)');
        throw new Error('the turn failed');
      }, 'directline/conv-1'),
    ).rejects.toThrow('the turn failed');
    expect(await outbox.get(entry.id)).toMatchObject({
      attempts: 1,
      nextAttemptAt: at(3),
      lastError: 'mail server unreachable (ECONNREFUSED)',
    });
  });
});

postgresOnly('the mail outbox on PostgreSQL', () => {
  test('a mail queued in a unit that is rolled back was never queued; one committed is there for another instance', async () => {
    const storage = await openTestStorage();
    const other = await openTestStorage({ dir: storage.dir });
    try {
      await expect(
        storage.commits.unit(async () => {
          await storage.outbox.add(mail(1), at(0));
          expect(await storage.outbox.countSince({ conversation: mail(1).conversation }, at(0))).toBe(1);
          throw new Error('the turn failed');
        }),
      ).rejects.toThrow('the turn failed');
      const kept = await storage.commits.unit(() => storage.outbox.add(mail(2), at(0)));
      expect(await other.outbox.pending()).toBe(1);
      expect((await other.outbox.takeDue(at(0), at(2), 10)).map((m) => m.id)).toEqual([kept.id]);
    } finally {
      await other.close();
      await storage.close();
    }
  });

  test('instances taking at the same moment never take one mail twice, and together take them all', async () => {
    const storage = await openTestStorage();
    const instances = [storage, await openTestStorage({ dir: storage.dir }), await openTestStorage({ dir: storage.dir })];
    try {
      const ids = new Set<string>();
      await storage.commits.unit(async () => {
        for (let n = 0; n < 300; n++) ids.add((await storage.outbox.add(mail(n), at(n % 5))).id);
      });
      const takenBy = await Promise.all(
        instances.flatMap((instance) =>
          [0, 1, 2, 3].map(async () => {
            const taken: string[] = [];
            for (;;) {
              const batch = await instance.outbox.takeDue(at(10), at(12), 7);
              if (batch.length === 0) return taken;
              taken.push(...batch.map((m) => m.id));
            }
          }),
        ),
      );
      const all = takenBy.flat();
      expect(all.length).toBe(300);
      expect(new Set(all)).toEqual(ids);
      // more than one taker got some: they did run at the same time
      expect(takenBy.filter((t) => t.length > 0).length).toBeGreaterThan(1);
    } finally {
      for (const instance of instances.slice(1)) await instance.close();
      await storage.close();
    }
  });
});

sqliteOnly('a mail joins the batch of the turn that queued it')('the mail outbox on SQLite', () => {
  test('a mail queued in a batch whose commit fails was never queued', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-outbox-'));
    let failNext = true;
    const storage = openSqliteStorage(dir, {
      checkpointInBackground: false,
      groupCommit: {
        beforeCommit: () => {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
        },
      },
    });
    try {
      const lost = await storage.outbox.add(mail(1), at(0));
      await expect(storage.commits.durable()).rejects.toThrow('disk full');
      expect(await storage.outbox.get(lost.id)).toBeNull();
      expect(await storage.outbox.takeDue(at(1), at(3), 10)).toEqual([]);
      const kept = await storage.outbox.add(mail(2), at(0));
      await storage.commits.durable();
      expect((await storage.outbox.takeDue(at(1), at(3), 10)).map((m) => m.id)).toEqual([kept.id]);
    } finally {
      await storage.close();
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PageCursor } from '../../src/storage/claimRepository';
import type { NewMail, Outbox, OutboxEntry } from '../../src/storage/outbox';
import { openSqliteStorage } from '../../src/storage/sqlite/openSqliteStorage';
import { openTestStorage, postgresOnly, sqliteOnly, type TestStorage } from '../helpers/store';

/*
 * The outbox on the store under test (TEST_STORE): what is queued is taken when it is due, held
 * while it is being sent, and counted, paged and suppressed as the abuse limits and agents need.
 */
const T0 = '2026-03-02T12:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

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

  beforeEach(async () => {
    storage = await openTestStorage();
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

  test('a suppressed address is suppressed in any case, once', async () => {
    expect(await outbox.isSuppressed('gone@example.com')).toBe(false);
    await outbox.suppress('Gone@Example.com', 'refused by the mail server: 550 5.1.1 no such user', at(0));
    await outbox.suppress('GONE@example.com', 'again', at(1));
    expect(await outbox.isSuppressed('gone@example.com')).toBe(true);
    expect(await outbox.isSuppressed('GONE@EXAMPLE.COM')).toBe(true);
    expect(await outbox.isSuppressed('other@example.com')).toBe(false);
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

import { type Claim, newClaim } from '../../src/domain/claim';
import type { ClaimRepository, PageCursor } from '../../src/storage/claimRepository';
import type { Commits } from '../../src/storage/commits';
import { openTestStorage } from '../helpers/store';

const WAITING = 3_000;

/** Thousands of waiting customers, inserted in an order that is not the order they asked for a person (on the store under test). */
async function crowdedQueue() {
  const storage = await openTestStorage();
  const { commits, claims: repo } = storage;
  const start = Date.parse('2026-03-01T00:00:00Z');
  const expected: string[] = [];
  for (let n = 0; n < WAITING; n++) {
    // a deterministic shuffle: claim n asked for a person at minute (n * 7919) mod WAITING
    const minute = (n * 7919) % WAITING;
    const claim: Claim = newClaim(`c${n}`, `conv-${n}`, new Date(start + n * 1000), 'v1', 'UTC');
    claim.status = 'pending_agent';
    claim.handoff.requestedAt = new Date(start + minute * 60_000).toISOString();
    await repo.insert(claim);
    expected[minute] = claim.id;
  }
  // some claims that are not waiting, old and new, must not show up or count
  for (const status of ['in_progress', 'with_agent', 'closed'] as const) {
    const other = newClaim(`other-${status}`, `conv-${status}`, new Date(start - 1), 'v1', 'UTC');
    other.status = status;
    other.handoff.requestedAt = new Date(start - 60_000).toISOString();
    await repo.insert(other);
  }
  await commits.durable();
  return { repo, commits, expected };
}

describe('the queue with thousands waiting', () => {
  let repo: ClaimRepository;
  let expected: string[];
  let commits: Commits;
  beforeAll(async () => {
    ({ repo, expected, commits } = await crowdedQueue());
  });

  test('waiting(), for /metrics: how many wait and since when the longest-waiting one has (the others not counted)', async () => {
    expect(await repo.waiting()).toEqual({ count: WAITING, oldestRequestedAt: '2026-03-01T00:00:00.000Z' });
  });

  test('the longest waiting customer comes first, and the queue is never cut', async () => {
    const first = await repo.queue(100);
    expect(first.items[0].id).toBe(expected[0]);
    expect(first.items.map((c) => c.id)).toEqual(expected.slice(0, 100));
    expect(first.total).toBe(WAITING);
  });

  test.each([1, 7, 100, 500])('paging %i at a time returns every waiting claim exactly once, in order', async (size) => {
    const seen: string[] = [];
    let cursor: PageCursor | null = null;
    do {
      const page = await repo.queue(size, cursor);
      expect(page.items.length).toBeLessThanOrEqual(size);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  test('positions are right for anyone: the count of those who asked earlier, plus one', async () => {
    for (const minute of [0, 1, 2, 999, 1500, WAITING - 2, WAITING - 1])
      expect(await repo.queuePosition(expected[minute])).toBe(minute + 1);
    expect(await repo.queuePosition('other-in_progress')).toBeNull();
  });

  test('claims that leave the queue while an agent pages through it are neither repeated nor skipped', async () => {
    const page1 = await repo.queue(10);
    const taken = (await repo.getForUpdate(expected[3])) as Claim; // accepted between two pages
    taken.status = 'with_agent';
    await repo.save(taken);
    const leaver = (await repo.getForUpdate(expected[15])) as Claim; // and one further back
    leaver.status = 'closed';
    await repo.save(leaver);
    await commits.durable();
    const page2 = await repo.queue(10, page1.next);
    expect(page2.items.map((c) => c.id)).toEqual(expected.slice(10, 21).filter((id) => id !== expected[15]));
    expect(await repo.queuePosition(expected[20])).toBe(19);
  });
});

describe('claims listed newest first', () => {
  test('pages cover every claim once, also with several statuses at once', async () => {
    const { commits, claims: repo } = await openTestStorage();
    const statuses = ['in_progress', 'closed', 'rma_issued'] as const;
    for (let n = 0; n < 450; n++) {
      // many share a creation time: the rowid breaks the tie
      const claim = newClaim(
        `c${n}`,
        `conv-${n % 3}`,
        new Date(Date.parse('2026-03-01T00:00:00Z') + Math.floor(n / 4) * 1000),
        'v1',
        'UTC',
      );
      claim.status = statuses[n % 3];
      await repo.insert(claim);
    }
    await commits.durable();
    const collect = async (filter: Parameters<ClaimRepository['page']>[0], size: number) => {
      const ids: string[] = [];
      let cursor: PageCursor | null = null;
      do {
        const page = await repo.page(filter, size, cursor);
        ids.push(...page.items.map((c) => c.id));
        cursor = page.next;
      } while (cursor);
      return ids;
    };
    const all = await collect({}, 64);
    expect(all).toHaveLength(450);
    expect(new Set(all).size).toBe(450);
    expect(all[0]).toBe('c449');
    expect(all.at(-1)).toBe('c0');
    const two = await collect({ statuses: ['closed', 'rma_issued'] }, 50);
    expect(two).toHaveLength(300);
    expect((await repo.page({ statuses: ['closed', 'rma_issued'] }, 50, null)).total).toBe(300);
    expect(await collect({ conversationId: 'conv-1', statuses: ['closed'] }, 7)).toHaveLength(150);
  });
});

test('waiting() with nobody waiting: none, and no time', async () => {
  const storage = await openTestStorage();
  try {
    const claim = newClaim('busy', 'conv-busy', new Date('2026-03-01T00:00:00Z'), 'v1', 'UTC');
    claim.status = 'with_agent';
    claim.handoff.requestedAt = '2026-03-01T00:00:00.000Z';
    await storage.claims.insert(claim);
    await storage.commits.durable();
    expect(await storage.claims.waiting()).toEqual({ count: 0, oldestRequestedAt: null });
  } finally {
    await storage.close();
  }
});

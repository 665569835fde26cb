import pg from 'pg';
import { newClaim } from '../../src/domain/claim';
import { keyText } from '../../src/domain/conversationKey';
import { migrate, PG_MIGRATIONS } from '../../src/storage/postgres/migrations';
import { openPostgresStorage, type PostgresStorage } from '../../src/storage/postgres/openPostgresStorage';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';

// What only PostgreSQL can show: two server instances (two pools) on one database at once.

let database: { url: string; drop(): Promise<void> };
let a: PostgresStorage;
let b: PostgresStorage;

/** Two instances of the server, as two pools on the same database. */
async function twoInstances() {
  database = await createTestDatabase();
  a = await openPostgresStorage(database.url, { poolSize: 4 });
  b = await openPostgresStorage(database.url, { poolSize: 4 });
}

async function closeAll() {
  await Promise.allSettled([a?.close(), b?.close()]);
  await database?.drop();
}

/** A promise and the function that settles it, for holding a unit open until the test lets it go. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/**
 * Resolves once a statement of this database waits for a lock — the second writer is blocked —
 * as PostgreSQL itself reports it (pg_stat_activity), not after a guessed delay.
 */
async function someoneWaitsForALock(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 5000; attempt++) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        [name],
      );
      if (rows[0].n > 0) return;
    }
    throw new Error('no statement ever waited for a lock');
  } finally {
    await client.end();
  }
}

postgresOnly('two instances on one PostgreSQL database', () => {
  beforeEach(twoInstances);
  afterEach(closeAll);

  test('RMA numbers issued at once by both instances are all different and leave no gap', async () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const issue = (storage: PostgresStorage, n: number) =>
      storage.commits.unit(() => storage.rmaNumbers.issue(`claim-${storage === a ? 'a' : 'b'}-${n}`, now));
    const numbers = await Promise.all(Array.from({ length: 15 }, (_, n) => [issue(a, n), issue(b, n)]).flat());
    expect(new Set(numbers).size).toBe(30);
    expect(numbers.map((n) => Number(n.slice(-6))).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // and a claim asked twice, from either instance, keeps its number
    expect(await issue(a, 3)).toBe(numbers[6]);
  });

  test('appends to one Direct Line conversation from both instances take distinct watermarks, committed in order', async () => {
    const id = await a.directLine.createConversation('u1');
    const first = gate();
    const started = gate();
    let heldWatermark = 0;
    // instance A appends in a turn that has not committed yet
    const held = a.commits.unit(async () => {
      heldWatermark = (await a.directLine.append(id, { type: 'message', text: 'a-held' })).watermark;
      started.open();
      await first.opened;
    });
    await started.opened;
    const fromB = b.directLine.append(id, { type: 'message', text: 'b-after' });
    await someoneWaitsForALock(database.url); // B waits for A's row lock instead of taking a watermark beside it
    first.open();
    await held;
    const appendedByB = await fromB;
    expect(heldWatermark).toBe(1);
    expect(appendedByB.watermark).toBe(2);

    const more = await Promise.all(
      Array.from({ length: 10 }, (_, n) => [
        a.directLine.append(id, { type: 'message', text: `a${n}` }),
        b.directLine.append(id, { type: 'message', text: `b${n}` }),
      ]).flat(),
    );
    const watermarks = more.map((m) => m.watermark).sort((x, y) => x - y);
    expect(watermarks).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    // either instance reads the same page, in watermark order, each activity once
    const pageA = await a.directLine.after(id, 0);
    const pageB = await b.directLine.after(id, 0);
    expect(pageA.activities.map((x) => x.id)).toEqual(pageB.activities.map((x) => x.id));
    expect(pageA.activities.map((x) => x.text).slice(0, 2)).toEqual(['a-held', 'b-after']);
    expect(pageA.activities).toHaveLength(22);
    expect(pageA.watermark).toBe(22);
  });

  test('a claim locked by one turn (getForUpdate) makes the other instance wait, and neither change is lost', async () => {
    await a.claims.insert(newClaim('c1', 'conv-1', new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC'));
    const release = gate();
    const locked = gate();
    const turnA = a.commits.unit(async () => {
      const claim = await a.claims.getForUpdate('c1');
      if (!claim) throw new Error('missing');
      claim.product = { text: 'QT5682', model: 'QT5682' };
      await a.claims.save(claim);
      locked.open();
      await release.opened;
    });
    await locked.opened;
    const turnB = b.commits.unit(async () => {
      // waits here until A commits, then reads what A wrote
      const claim = await b.claims.getForUpdate('c1');
      if (!claim) throw new Error('missing');
      claim.handoff.agent = 'ana';
      await b.claims.save(claim);
      return claim.product.model;
    });
    await someoneWaitsForALock(database.url);
    release.open();
    await turnA;
    expect(await turnB).toBe('QT5682');
    const stored = await b.claims.get('c1');
    expect(stored?.product.model).toBe('QT5682');
    expect(stored?.handoff.agent).toBe('ana');
  });

  test("a turn that finds its conversation's lock held by the other instance is counted as a lock wait, with its time", async () => {
    const conversation = keyText({ channel: 'directline', id: 'conv-1' });
    const release = gate();
    const locked = gate();
    // a turn of another conversation meanwhile: its own lock, no wait
    await b.commits.unit(() => b.claims.count(), keyText({ channel: 'directline', id: 'conv-2' }));
    const turnA = a.commits.unit(async () => {
      await a.claims.count(); // BEGIN and the conversation's lock go with the first statement
      locked.open();
      await release.opened;
    }, conversation);
    await locked.opened;
    const turnB = b.commits.unit(() => b.claims.count(), conversation);
    await someoneWaitsForALock(database.url);
    release.open();
    await Promise.all([turnA, turnB]);
    expect(a.conversationLockWaits().count).toBe(0);
    expect(b.conversationLockWaits().count).toBe(1);
    expect(b.conversationLockWaits().ms).toBeGreaterThan(0);
    // the lock was free again for the next turn of the conversation
    await b.commits.unit(() => b.claims.count(), conversation);
    expect(b.conversationLockWaits().count).toBe(1);
  });

  test('a bot state write with an eTag another instance has moved on from is refused', async () => {
    const key = 'directline/conversations/c1/';
    const first = await a.botState.writeJson(key, '{"n":1}', undefined);
    const fromA = await a.botState.writeJson(key, '{"n":2}', first);
    await expect(b.botState.writeJson(key, '{"n":3}', first)).rejects.toThrow(/eTag conflict/);
    expect(await b.botState.readJson(key)).toEqual({ eTag: fromA, json: '{"n":2}' });

    // two turns racing with the same eTag: a turn sends its state write with its commit, so the
    // one that commits first wins and the other's commit is refused — never both, never neither
    const release = gate();
    const written = gate();
    const turnA = a.commits.unit(async () => {
      await a.botState.writeJson(key, '{"n":4}', fromA);
      written.open();
      await release.opened;
    });
    // its refusal is awaited from the start, so it is never an unhandled rejection meanwhile
    const refusedA = expect(turnA).rejects.toThrow(/eTag conflict/);
    await written.opened;
    await b.commits.unit(() => b.botState.writeJson(key, '{"n":5}', fromA));
    release.open();
    await refusedA;
    expect((await a.botState.readJson(key))?.json).toBe('{"n":5}');
  });
});

postgresOnly('migrations', () => {
  let empty: { url: string; drop(): Promise<void> };
  const pools: pg.Pool[] = [];
  afterEach(async () => {
    await Promise.allSettled(pools.splice(0).map((pool) => pool.end()));
    await empty?.drop();
  });

  test('three instances starting at once on an empty database apply each migration once', async () => {
    empty = await createTestDatabase();
    for (let i = 0; i < 3; i++) {
      const pool = new pg.Pool({ connectionString: empty.url, max: 2 });
      // pool.end() resolves before its last connection has closed: the drop's FORCE may cut that one
      pool.on('error', () => {});
      pools.push(pool);
    }
    const applied = await Promise.all(pools.map((pool) => migrate(pool)));
    expect(applied.reduce((sum, n) => sum + n, 0)).toBe(PG_MIGRATIONS.length);
    expect(applied.filter((n) => n > 0)).toHaveLength(1);
    const { rows } = await pools[0].query('SELECT version FROM migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
  });
});

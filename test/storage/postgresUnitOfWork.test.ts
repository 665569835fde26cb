import pg from 'pg';
import { newClaim } from '../../src/domain/claim';
import { openPostgresStorage, type PostgresStorage } from '../../src/storage/postgres/openPostgresStorage';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly } from '../helpers/store';

/*
 * The PostgreSQL unit of work keeps writes nobody reads the answer of and sends them with its next
 * round trip: each must be sent exactly once, in order, and be committed when the unit commits —
 * also around a statement that keeps its parameters (large bytes), and at commitNow (a turn that
 * went ahead). Read through a second connection, which sees only what is committed.
 */
postgresOnly('the PostgreSQL unit of work', () => {
  let database: { url: string; drop(): Promise<void> };
  let storage: PostgresStorage;
  let reader: pg.Client;

  beforeEach(async () => {
    database = await createTestDatabase();
    storage = await openPostgresStorage(database.url, { poolSize: 4 });
    reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
  });
  afterEach(async () => {
    await reader.end();
    await storage.close();
    await database.drop();
  });

  const count = async (table: string) => Number((await reader.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
  const claim = (id: string) => ({ ...newClaim(id, `conversation-${id}`, new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC'), channel: 'ch' });
  const proofFile = (id: string, claimId: string) => ({
    id,
    claimId,
    name: 'a.jpg',
    contentType: 'image/jpeg',
    size: 1,
    sha256: 'x',
    file: null,
    data: Buffer.from([1]),
    createdAt: '2026-03-02T12:00:00Z',
  });

  test('a kept write before a statement that keeps its parameters is sent once', async () => {
    await storage.commits.unit(async () => {
      await storage.claims.count(); // the transaction is open
      await storage.audit.record({
        claimId: 'c1',
        from: 'in_progress',
        to: 'pending_agent',
        action: 'handoff',
        actorKind: 'bot',
        actorId: null,
        at: 'x',
      });
      await storage.proofFiles.insert(proofFile('f1', 'c1'));
    });
    expect(await count('claim_audit')).toBe(1);
    expect(await count('attachments')).toBe(1);
  });

  test('a claim inserted in a turn, then a proof file stored for it: both are committed', async () => {
    await storage.commits.unit(async () => {
      await storage.claims.insert(claim('c2'));
      await storage.proofFiles.insert(proofFile('f2', 'c2'));
    });
    expect(await count('claims')).toBe(1);
    expect(await count('attachments')).toBe(1);
  });

  test('nothing is committed before the unit asks; commitNow commits what it wrote so far', async () => {
    const seen: number[] = [];
    await storage.commits.unit(async () => {
      await storage.claims.insert(claim('c3'));
      seen.push(await count('claims'));
      await storage.commits.commitNow();
      seen.push(await count('claims'));
    });
    expect(seen).toEqual([0, 1]);
  });

  test('a unit that fails takes back everything it wrote, and its afterCommit callbacks never run', async () => {
    const ran: string[] = [];
    await expect(
      storage.commits.unit(async () => {
        await storage.claims.insert(claim('c4'));
        storage.commits.afterCommit(() => ran.push('published'));
        throw new Error('the turn failed');
      }),
    ).rejects.toThrow('the turn failed');
    expect(await count('claims')).toBe(0);
    expect(ran).toEqual([]);
  });

  test('after a failed statement the unit fails: later writes are refused and its end reports the failure', async () => {
    await expect(
      storage.commits.unit(async () => {
        await storage.claims.insert(claim('c5'));
        await storage.claims.count();
        await expect(storage.db.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
        await expect(
          storage.audit.record({
            claimId: 'c5',
            from: 'in_progress',
            to: 'closed',
            action: 'close',
            actorKind: 'bot',
            actorId: null,
            at: 'x',
          }),
        ).rejects.toThrow(/no_such_table/);
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await count('claims')).toBe(0);
  });

  test('an RMA number past the millionth of a year keeps every digit', async () => {
    await reader.query('INSERT INTO rma_sequence (year, next) VALUES (2026, 1000000)');
    expect(await storage.rmaNumbers.issue('c6', new Date('2026-06-01T00:00:00Z'))).toBe('RMA-2026-1000000');
    expect(await storage.rmaNumbers.issue('c7', new Date('2026-06-01T00:00:00Z'))).toBe('RMA-2026-1000001');
    expect((await reader.query('SELECT number FROM rma_numbers ORDER BY seq')).rows.map((r) => r.number)).toEqual([
      'RMA-2026-1000000',
      'RMA-2026-1000001',
    ]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatRmaNumber } from '../../src/storage/rmaNumbers';
import { MIGRATIONS, openDatabase } from '../../src/storage/sqlite/database';
import { GroupCommit } from '../../src/storage/sqlite/groupCommit';
import { SqliteRmaNumbers } from '../../src/storage/sqlite/rmaNumbers';
import { openTestStorage } from '../helpers/store';

const SEQUENCE_ADDED = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE rma_sequence'));
const MARCH = new Date('2026-03-02T17:30:00Z');

function rmaNumbersIn(dir = mkdtempSync(path.join(tmpdir(), 'warranty-rma-'))) {
  const db = openDatabase(dir);
  const commits = new GroupCommit(db);
  return { db, commits, rma: new SqliteRmaNumbers(db, commits) };
}

describe('RMA numbers', () => {
  test('the format: RMA-<year>-<six digits>', () => {
    expect(formatRmaNumber(2026, 1)).toBe('RMA-2026-000001');
    expect(formatRmaNumber(2026, 123456)).toBe('RMA-2026-123456');
    expect(formatRmaNumber(2027, 1234567)).toBe('RMA-2027-1234567');
  });

  test('one number per claim, in order, starting at 1 each year', async () => {
    const { db, commits, rma } = rmaNumbersIn();
    expect(await rma.issue('c1', MARCH)).toBe('RMA-2026-000001');
    expect(await rma.issue('c2', MARCH)).toBe('RMA-2026-000002');
    // a claim asked again keeps its number
    expect(await rma.issue('c1', MARCH)).toBe('RMA-2026-000001');
    expect(await rma.issue('c3', new Date('2027-01-01T00:00:00Z'))).toBe('RMA-2027-000001');
    expect(await rma.issue('c4', MARCH)).toBe('RMA-2026-000003');
    commits.flush();
    expect(db.prepare('SELECT year, next FROM rma_sequence ORDER BY year').all()).toEqual([
      { year: 2026, next: 4 },
      { year: 2027, next: 2 },
    ]);
    db.close();
  });

  test('a number is never handed out twice, even once its row is gone (MAX(seq)+1 would)', async () => {
    const { db, commits, rma } = rmaNumbersIn();
    expect(await rma.issue('c1', MARCH)).toBe('RMA-2026-000001');
    expect(await rma.issue('c2', MARCH)).toBe('RMA-2026-000002');
    commits.flush();
    db.prepare("DELETE FROM rma_numbers WHERE claim_id = 'c2'").run();
    expect(await rma.issue('c3', MARCH)).toBe('RMA-2026-000003');
    db.close();
  });

  test('a number taken in a batch that fails to commit is taken back with it', async () => {
    const { db, commits, rma } = rmaNumbersIn();
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    expect(await rma.issue('c1', MARCH)).toBe('RMA-2026-000001');
    db.prepare('INSERT INTO child (p) VALUES (1)').run();
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM rma_numbers').get()).toEqual({ n: 0 });
    expect(await rma.issue('c2', MARCH)).toBe('RMA-2026-000001');
    db.close();
  });

  test('the sequence starts after the numbers a database already issued (the migration seeds it from MAX(seq))', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-rma-seed-'));
    // a database as the version before the sequence left it
    const old = openDatabase(dir);
    // what the sequence's migration and every later one made goes: indexes, columns, tables (later ones are applied again)
    for (const sql of MIGRATIONS.slice(SEQUENCE_ADDED)) {
      for (const [, index] of sql.matchAll(/CREATE (?:UNIQUE )?INDEX (\w+)/g)) old.exec(`DROP INDEX IF EXISTS ${index}`);
      for (const [, table, column] of sql.matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)/g))
        old.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
      for (const [, table] of sql.matchAll(/CREATE TABLE (\w+)/g)) old.exec(`DROP TABLE ${table}`);
    }
    old.prepare('DELETE FROM migrations WHERE version > ?').run(SEQUENCE_ADDED);
    const insert = old.prepare('INSERT INTO rma_numbers (number, year, seq, claim_id, issued_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('RMA-2025-000041', 2025, 41, 'old-1', '2025-12-30T10:00:00.000Z');
    insert.run('RMA-2026-000006', 2026, 6, 'old-2', '2026-01-02T10:00:00.000Z');
    insert.run('RMA-2026-000007', 2026, 7, 'old-3', '2026-01-03T10:00:00.000Z');
    old.close();

    const { db, rma } = rmaNumbersIn(dir);
    expect(await rma.issue('new-1', MARCH)).toBe('RMA-2026-000008');
    expect(await rma.issue('new-2', new Date('2025-12-31T12:00:00Z'))).toBe('RMA-2025-000042');
    expect(await rma.issue('new-3', new Date('2024-06-01T12:00:00Z'))).toBe('RMA-2024-000001');
    expect(await rma.issue('old-2', MARCH)).toBe('RMA-2026-000006');
    db.close();
  });
});

describe('RMA numbers on the store under test', () => {
  test('one number per claim, in order, starting at 1 each year; a claim asked again keeps its number', async () => {
    const { rmaNumbers } = await openTestStorage();
    expect(await rmaNumbers.issue('c1', MARCH)).toBe('RMA-2026-000001');
    expect(await rmaNumbers.issue('c2', MARCH)).toBe('RMA-2026-000002');
    expect(await rmaNumbers.issue('c1', MARCH)).toBe('RMA-2026-000001');
    expect(await rmaNumbers.issue('c3', new Date('2027-01-01T00:00:01Z'))).toBe('RMA-2027-000001');
    expect(await rmaNumbers.issue('c4', MARCH)).toBe('RMA-2026-000003');
  });
});

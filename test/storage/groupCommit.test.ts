import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/storage/sqlite/database';
import { GroupCommit } from '../../src/storage/sqlite/groupCommit';
import { sqliteOnly } from '../helpers/store';

/** SQLite only: GroupCommit is how SQLite batches turns into one transaction; PostgreSQL runs each unit of work in its own. */
const describeOnSqlite = sqliteOnly(
  'GroupCommit is how SQLite batches turns into one transaction; PostgreSQL runs each unit of work in its own',
);

/** A database file, our connection to it, and a second connection that sees only what is committed. */
function twoConnections() {
  const dir = mkdtempSync(path.join(tmpdir(), 'warranty-commit-'));
  const db = openDatabase(dir);
  db.exec('CREATE TABLE t (n INTEGER)');
  const other = new Database(path.join(dir, 'warranty.sqlite'), { readonly: true });
  const committed = () => (other.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c;
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  return { db, committed, insert };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describeOnSqlite('GroupCommit: one transaction per tick', () => {
  test("the tick's writes are committed together when the tick ends", async () => {
    const { db, committed, insert } = twoConnections();
    const commits = new GroupCommit(db);
    for (let i = 0; i < 3; i++) {
      commits.join();
      insert.run(i);
    }
    expect(committed()).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c).toBe(3); // our connection sees them
    await nextTick();
    expect(committed()).toBe(3);
    expect(db.inTransaction).toBe(false);
  });

  test('a batch holds the write lock from its start: a read before its first write cannot be overtaken by another writer', async () => {
    const { db, insert } = twoConnections();
    const commits = new GroupCommit(db);
    const dir = path.dirname(db.name);
    const writer = new Database(path.join(dir, 'warranty.sqlite'));
    writer.pragma('busy_timeout = 0');
    commits.join();
    db.prepare('SELECT COUNT(*) AS c FROM t').get(); // the batch reads first…
    expect(() => writer.exec('INSERT INTO t (n) VALUES (99)')).toThrow(/locked|busy/i);
    insert.run(1); // …and then writes, on the same snapshot
    await nextTick();
    expect((db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c).toBe(1);
    writer.exec('INSERT INTO t (n) VALUES (99)'); // free again once the batch committed
    writer.close();
  });

  test('flush commits at once, and a flush with nothing pending does nothing', async () => {
    const { db, committed, insert } = twoConnections();
    const commits = new GroupCommit(db);
    commits.flush();
    commits.join();
    insert.run(1);
    commits.flush();
    expect(committed()).toBe(1);
    await nextTick(); // the scheduled commit finds nothing to do
    expect(committed()).toBe(1);
  });

  test('afterCommit waits for the commit; with nothing pending it runs at once', async () => {
    const { db, committed, insert } = twoConnections();
    const commits = new GroupCommit(db);
    const seen: number[] = [];
    commits.afterCommit(() => seen.push(committed()));
    expect(seen).toEqual([0]);
    commits.join();
    insert.run(1);
    commits.afterCommit(() => seen.push(committed()));
    expect(seen).toEqual([0]);
    await nextTick();
    expect(seen).toEqual([0, 1]);
  });

  test('a transaction of its own inside the batch stays atomic and commits with it', async () => {
    const { db, committed, insert } = twoConnections();
    const commits = new GroupCommit(db);
    commits.join();
    insert.run(1);
    const failing = db.transaction(() => {
      insert.run(2);
      throw new Error('changed my mind');
    });
    expect(failing).toThrow('changed my mind');
    db.transaction(() => insert.run(3))();
    await nextTick();
    expect(committed()).toBe(2);
    expect(db.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 3 }]);
  });

  test('a failed commit is rolled back, reported to the flusher, and the next batch starts clean', async () => {
    const { db, committed, insert } = twoConnections();
    const errors: unknown[] = [];
    const commits = new GroupCommit(db, (error) => errors.push(error));
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    commits.join();
    insert.run(1);
    db.prepare('INSERT INTO child (p) VALUES (42)').run(); // breaks a deferred foreign key: COMMIT fails
    const later: string[] = [];
    commits.afterCommit(() => later.push('ran'));
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    expect(later).toEqual([]);
    commits.join();
    insert.run(2);
    await nextTick();
    expect(committed()).toBe(1);
    expect(errors).toEqual([]);
  });
});

describeOnSqlite('GroupCommit.durable', () => {
  test('resolves after the commit that holds the writes so far, one commit for everyone waiting', async () => {
    const { db, committed, insert } = twoConnections();
    const commits = new GroupCommit(db);
    await commits.durable(); // nothing pending
    commits.join();
    insert.run(1);
    const seen: number[] = [];
    const first = commits.durable().then(() => seen.push(committed()));
    commits.join();
    insert.run(2);
    const second = commits.durable().then(() => seen.push(committed()));
    await Promise.all([first, second]);
    expect(seen).toEqual([2, 2]);
  });

  test('rejects when that commit fails', async () => {
    const { db, insert } = twoConnections();
    const commits = new GroupCommit(db);
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    commits.join();
    insert.run(1);
    db.prepare('INSERT INTO child (p) VALUES (42)').run();
    const waiting = commits.durable();
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
    // (matched by message: SqliteError comes from the native module's realm, not the test's)
    await expect(waiting).rejects.toHaveProperty('message', expect.stringMatching(/FOREIGN KEY/));
  });
});

describeOnSqlite('GroupCommit: what a failed commit leaves, and reads of committed rows only', () => {
  const breakForeignKey = (db: ReturnType<typeof twoConnections>['db']) => {
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    return () => db.prepare('INSERT INTO child (p) VALUES (42)').run(); // COMMIT will fail
  };

  test('rollback listeners run when a commit fails, and only then', async () => {
    const { db, insert } = twoConnections();
    const commits = new GroupCommit(db);
    const breakIt = breakForeignKey(db);
    let rollbacks = 0;
    commits.onRollback(() => rollbacks++);
    commits.join();
    insert.run(1);
    commits.flush();
    expect(rollbacks).toBe(0);
    commits.join();
    breakIt();
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
    expect(rollbacks).toBe(1);
  });

  test('readCommitted reads at once when nothing is pending, otherwise right after the commit; rejects if it fails', async () => {
    const { db, insert } = twoConnections();
    const commits = new GroupCommit(db);
    const count = () => (db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c;
    await expect(commits.readCommitted(count)).resolves.toBe(0);
    commits.join();
    insert.run(1);
    let read: number | undefined;
    const reading = commits.readCommitted(() => {
      read = count();
      return read;
    });
    expect(read).toBeUndefined(); // our own connection would have seen the uncommitted row
    await expect(reading).resolves.toBe(1);
    const breakIt = breakForeignKey(db);
    commits.join();
    breakIt();
    const failing = commits.readCommitted(count);
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
    await expect(failing).rejects.toHaveProperty('message', expect.stringMatching(/FOREIGN KEY/));
  });

  describe('a read of several steps that a writer overlaps', () => {
    /** Two counts with an await between them, and (once) another writer's row written in that gap. */
    function overlappedRead(db: Database.Database, commits: GroupCommit, insert: Database.Statement, writes = 1) {
      const count = () => (db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c;
      let overlaps = writes;
      return commits.readCommitted(async () => {
        const first = count();
        if (overlaps-- > 0) {
          commits.join();
          insert.run(99);
        }
        await Promise.resolve();
        return [first, count()];
      });
    }

    test('is read again once the write is committed: one moment, committed rows only', async () => {
      const { db, insert } = twoConnections();
      const commits = new GroupCommit(db);
      await expect(overlappedRead(db, commits, insert)).resolves.toEqual([1, 1]);
    });

    test('never returns the rows of a write whose commit failed', async () => {
      const { db, insert } = twoConnections();
      let failNext = true;
      const commits = new GroupCommit(db, () => {}, {
        beforeCommit: () => {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
        },
      });
      await expect(overlappedRead(db, commits, insert)).resolves.toEqual([0, 0]);
    });

    test('a synchronous read is one moment and runs once, even when it writes (the Direct Line stream joins its pushes so)', async () => {
      const { db, insert } = twoConnections();
      const commits = new GroupCommit(db);
      commits.join();
      insert.run(1);
      let runs = 0;
      const read = commits.readCommitted(() => {
        runs++;
        commits.join();
        insert.run(2);
        return runs;
      });
      await expect(read).resolves.toBe(1);
      await commits.durable();
      expect(runs).toBe(1);
    });

    test('overlapped every time: the last read is returned once its rows are committed', async () => {
      const { db, committed, insert } = twoConnections();
      const commits = new GroupCommit(db);
      const [first, last] = await overlappedRead(db, commits, insert, 10);
      expect(last).toBe(committed());
      expect(first).toBeLessThan(last);
    });
  });

  test('test hooks: commitOnlyWhenAwaited holds the batch until someone waits; beforeCommit can fail it', async () => {
    const { db, committed, insert } = twoConnections();
    let failNext = false;
    const errors: unknown[] = [];
    const commits = new GroupCommit(db, (error) => errors.push(error), {
      commitOnlyWhenAwaited: true,
      beforeCommit: () => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
      },
    });
    commits.join();
    insert.run(1);
    await nextTick();
    await nextTick();
    expect(committed()).toBe(0); // nobody waited
    await commits.durable();
    expect(committed()).toBe(1);
    failNext = true;
    commits.join();
    insert.run(2);
    await expect(commits.durable()).rejects.toThrow('disk full');
    expect(committed()).toBe(1);
    expect(db.inTransaction).toBe(false);
    expect(errors).toHaveLength(1);
  });
});

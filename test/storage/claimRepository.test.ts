import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { newClaim } from '../../src/domain/claim';
import { SqliteClaimRepository } from '../../src/storage/sqlite/claimRepository';
import { openDatabase } from '../../src/storage/sqlite/database';
import { GroupCommit } from '../../src/storage/sqlite/groupCommit';
import { sqliteOnly } from '../helpers/store';

function repository(dir = mkdtempSync(path.join(tmpdir(), 'warranty-claims-'))) {
  const db = openDatabase(dir);
  const commits = new GroupCommit(db);
  return { dir, db, commits, repo: new SqliteClaimRepository(db, commits) };
}

// SqliteClaimRepository's write-through cache: readers share one object, evicted claims are read back.
// The PostgreSQL repository keeps nothing across turns; its semantics are tested in claimQueue.test.ts
// (store-neutral), postgresConcurrency.test.ts and the dialog and HTTP suites on both stores.
sqliteOnly('the write-through cache of SqliteClaimRepository')('ClaimRepository', () => {
  test('readers share one frozen claim; a change starts from a private copy and shows once saved', async () => {
    const { repo } = repository();
    await repo.insert(newClaim('c1', 'conv-1', new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC'));
    const shared = await repo.get('c1');
    if (!shared) throw new Error('missing');
    expect(await repo.get('c1')).toBe(shared);
    expect(() => {
      (shared as { status: string }).status = 'closed';
    }).toThrow(TypeError);
    expect(() => (shared.proof.files as unknown[]).push('x')).toThrow(TypeError);

    const copy = await repo.getForUpdate('c1');
    if (!copy) throw new Error('missing');
    copy.product = { text: 'QT5682', model: 'QT5682' };
    expect((await repo.get('c1'))?.product.text).toBe(''); // not saved yet
    await repo.save(copy);
    expect((await repo.get('c1'))?.product.text).toBe('QT5682');
    expect(shared.product.text).toBe(''); // what an earlier reader holds does not change under it
  });

  test('claims that fell out of the cache are read back, written or not yet committed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-claims-'));
    const db = openDatabase(dir);
    const repo = new SqliteClaimRepository(db, new GroupCommit(db), 2);
    for (const n of [1, 2, 3]) await repo.insert(newClaim(`c${n}`, `conv-${n}`, new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC'));
    expect((await repo.get('c1'))?.conversationId).toBe('conv-1');
    expect((await repo.latestForConversation({ channel: '', id: 'conv-2' }))?.id).toBe('c2');
    expect((await repo.get('c3'))?.id).toBe('c3');
  });

  test('a fresh process reads the claims back from the file', async () => {
    const first = repository();
    await first.repo.insert(newClaim('c2', 'conv-2', new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC'));
    first.commits.flush();
    first.db.close();
    const again = repository(first.dir);
    expect((await again.repo.latestForConversation({ channel: '', id: 'conv-2' }))?.id).toBe('c2');
    expect(Object.isFrozen(await again.repo.get('c2'))).toBe(true);
    expect(await again.repo.getForUpdate('missing')).toBeNull();
  });

  test('the same conversation id on two channels is two conversations', async () => {
    const { repo, commits, dir } = repository();
    const at = new Date('2026-03-02T12:00:00Z');
    await repo.insert({ ...newClaim('a', 'same', at, 'v1', 'UTC'), channel: 'https://one.example' });
    await repo.insert({ ...newClaim('b', 'same', new Date('2026-03-02T12:00:01Z'), 'v1', 'UTC'), channel: 'directline' });
    expect((await repo.latestForConversation({ channel: 'https://one.example', id: 'same' }))?.id).toBe('a');
    expect((await repo.latestForConversation({ channel: 'directline', id: 'same' }))?.id).toBe('b');
    expect(await repo.latestForConversation({ channel: 'https://two.example', id: 'same' })).toBeNull();
    commits.flush();
    const again = repository(dir).repo; // from the database, not the cache
    expect((await again.latestForConversation({ channel: 'https://one.example', id: 'same' }))?.id).toBe('a');
    expect((await again.latestForConversation({ channel: 'directline', id: 'same' }))?.channel).toBe('directline');
  });

  test('a rolled-back batch leaves nothing in the cache that the database lacks', async () => {
    const { repo, commits, db } = repository();
    const conversation = { channel: 'https://one.example', id: 'conv' };
    await repo.insert({ ...newClaim('c1', 'conv', new Date('2026-03-02T12:00:00Z'), 'v1', 'UTC'), channel: conversation.channel });
    commits.flush();
    const changed = await repo.getForUpdate('c1');
    if (!changed) throw new Error('missing');
    changed.status = 'rma_issued';
    await repo.save(changed);
    await repo.insert({ ...newClaim('c2', 'conv', new Date('2026-03-02T12:00:01Z'), 'v1', 'UTC'), channel: conversation.channel });
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    );
    commits.join();
    db.prepare('INSERT INTO child (p) VALUES (1)').run(); // the COMMIT fails
    expect(() => commits.flush()).toThrow(/FOREIGN KEY/);
    expect((await repo.get('c1'))?.status).toBe('in_progress');
    expect(await repo.get('c2')).toBeNull();
    expect((await repo.latestForConversation(conversation))?.id).toBe('c1');
  });
});

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { ProofUploads } from '../../src/attachments/proofUploads';
import { MIGRATIONS, openDatabase } from '../../src/storage/sqlite/database';
import { GroupCommit } from '../../src/storage/sqlite/groupCommit';
import { SqliteProofFileStore } from '../../src/storage/sqlite/proofFileStore';
import { SqliteTranscriptRepository } from '../../src/storage/sqlite/transcriptRepository';
import { sqliteOnly } from '../helpers/store';

/** SQLite only: SQLite's schema and the migration of older files; PostgreSQL's migrations are tested in postgresConcurrency.test.ts. */
const describeOnSqlite = sqliteOnly(
  "SQLite's schema and the migration of older files; PostgreSQL's migrations are tested in postgresConcurrency.test.ts",
);

const TRANSCRIPT_REBUILT = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE transcript_rows'));
const ATTACHMENTS_REBUILT = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE attachment_rows'));

/** A database file as a version that had applied the first `applied` migrations left it. */
function databaseAt(dir: string, applied: number) {
  const old = new Database(path.join(dir, 'warranty.sqlite'));
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  MIGRATIONS.slice(0, applied).forEach((sql, i) => {
    old.exec(sql);
    old.prepare('INSERT INTO migrations VALUES (?, ?)').run(i + 1, '2026-01-01T00:00:00Z');
  });
  return old;
}

/** A database file as a version before the transcript rebuild left it. */
function databaseBeforeTranscriptRebuild(dir: string) {
  const old = databaseAt(dir, TRANSCRIPT_REBUILT);
  const insert = old.prepare(
    "INSERT INTO transcript (conversation_id, activity_id, direction, sender, type, text, timestamp) VALUES (?, ?, ?, ?, 'message', ?, ?)",
  );
  insert.run('conv-1', 'a1', 'in', 'customer', 'my camera broke', '2026-01-01T10:00:00Z');
  insert.run('conv-2', 'b1', 'in', 'customer', 'other customer', '2026-01-01T10:00:01Z');
  insert.run('conv-1', null, 'out', 'bot', 'When did you buy it?', '2026-01-01T10:00:02Z');
  old.close();
}

describeOnSqlite('database schema', () => {
  test('the transcript rebuild keeps every row, its order and its duplicate guard', async () => {
    expect(TRANSCRIPT_REBUILT).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-schema-'));
    databaseBeforeTranscriptRebuild(dir);
    const db = openDatabase(dir);
    const transcript = new SqliteTranscriptRepository(db, new GroupCommit(db));
    // no conversation reference was stored for conv-1: its channel is unknown ('')
    const conv1 = { channel: '', id: 'conv-1' };
    expect((await transcript.forConversation(conv1)).map((e) => [e.from, e.text])).toEqual([
      ['customer', 'my camera broke'],
      ['bot', 'When did you buy it?'],
    ]);
    // a new row comes after the old ones; a redelivered incoming activity is still ignored
    const row = { conversation: conv1, direction: 'in' as const, from: 'customer' as const, type: 'message', attachments: [] };
    await transcript.record({ ...row, activityId: 'a2', text: 'last week', timestamp: '2026-01-01T10:00:03Z' });
    await transcript.record({ ...row, activityId: 'a1', text: 'my camera broke', timestamp: '2026-01-01T10:00:04Z' });
    expect((await transcript.forConversation(conv1)).map((e) => e.text)).toEqual(['my camera broke', 'When did you buy it?', 'last week']);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_sequence WHERE name = 'transcript'").get()).toEqual({ n: 0 });
    db.close();
  });

  test('the attachments rebuild keeps every row, and a proof stored as a file is still served from it', async () => {
    expect(ATTACHMENTS_REBUILT).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-schema-'));
    const old = databaseAt(dir, ATTACHMENTS_REBUILT);
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    mkdirSync(path.join(dir, 'uploads'));
    writeFileSync(path.join(dir, 'uploads', 'a1.jpg'), bytes);
    old
      .prepare(
        "INSERT INTO attachments (id, claim_id, name, content_type, size, sha256, file, created_at) VALUES ('a1', 'claim-1', 'IMG_1.jpg', 'image/jpeg', 7, 'x', 'a1.jpg', '2026-01-01')",
      )
      .run();
    old.close();
    const db = openDatabase(dir);
    const commits = new GroupCommit(db);
    const noNetwork = async () => ({ ok: false as const, problem: 'download_failed' as const });
    const located = await new ProofUploads(dir, new SqliteProofFileStore(db, commits), commits, noNetwork).locate('a1');
    expect(located).toMatchObject({ name: 'IMG_1.jpg', contentType: 'image/jpeg', claimId: 'claim-1' });
    expect(located && 'file' in located && readFileSync(located.file).equals(bytes)).toBe(true);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM attachments WHERE claim_id = ?').all('claim-1') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX attachments_claim/);
    db.close();
  });

  test("a conversation's transcript is found through an index, not a scan of every row", async () => {
    const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'warranty-schema-')));
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT sender, text FROM transcript WHERE channel = ? AND conversation_id = ? AND type = ? ORDER BY seq')
      .all('https://x.example', 'conv-1', 'message') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH transcript USING INDEX .*\(channel=\? AND conversation_id=\?\)/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transcript'").all();
    expect(indexes).toHaveLength(1);
    db.close();
  });
});

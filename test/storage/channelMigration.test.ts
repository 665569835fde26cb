import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { newClaim } from '../../src/domain/claim';
import { SqliteClaimRepository } from '../../src/storage/sqlite/claimRepository';
import { MIGRATIONS, openDatabase } from '../../src/storage/sqlite/database';
import { GroupCommit } from '../../src/storage/sqlite/groupCommit';
import { SqliteTranscriptRepository } from '../../src/storage/sqlite/transcriptRepository';
import { sqliteOnly } from '../helpers/store';

/** SQLite only: it migrates SQLite files that older versions left; a PostgreSQL database starts at the current schema. */
const describeOnSqlite = sqliteOnly(
  'it migrates SQLite files that older versions left; a PostgreSQL database starts at the current schema',
);

const CHANNELS_ADDED = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE conversation_references'));
const TEAMS = 'https://smba.trafficmanager.net';

/** A database as the version before conversations had a channel left it: a Direct Line and a Teams conversation. */
function databaseBeforeChannels(dir: string) {
  const old = new Database(path.join(dir, 'warranty.sqlite'));
  old.exec('CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  MIGRATIONS.slice(0, CHANNELS_ADDED).forEach((sql, i) => {
    old.exec(sql);
    old.prepare('INSERT INTO migrations VALUES (?, ?)').run(i + 1, '2026-01-01T00:00:00Z');
  });
  const at = new Date('2026-01-01T10:00:00Z');
  const claim = old.prepare('INSERT INTO claims (id, conversation_id, status, created_at, updated_at, data) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [id, conversation] of [
    ['c-dl', 'dl1'],
    ['c-teams', 'teams1'],
    ['c-unknown', 'nobody-knows'],
  ])
    claim.run(
      id,
      conversation,
      'in_progress',
      at.toISOString(),
      at.toISOString(),
      JSON.stringify(newClaim(id, conversation, at, 'v1', 'UTC')),
    );
  old.prepare("INSERT INTO dl_conversations (id, user_id, created_at) VALUES ('dl1', 'u1', '2026-01-01')").run();
  const ref = old.prepare('INSERT INTO conversation_refs (conversation_id, reference, updated_at) VALUES (?, ?, ?)');
  ref.run(
    'teams1',
    JSON.stringify({ channelId: 'msteams', serviceUrl: 'https://SMBA.trafficmanager.net:443/amer/', conversation: { id: 'teams1' } }),
    'x',
  );
  // a forged activity once stored a reference under the Direct Line conversation's id: the id is ours all the same
  ref.run('dl1', JSON.stringify({ channelId: 'directline', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'dl1' } }), 'x');
  const state = old.prepare('INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?)');
  state.run('msteams/conversations/teams1/', 'e1', '{"dialogState":"teams"}', 'x');
  state.run('directline/conversations/dl1/', 'e2', '{"dialogState":"dl"}', 'x');
  old
    .prepare(
      "INSERT INTO transcript (conversation_id, activity_id, direction, sender, type, text, timestamp) VALUES ('teams1', 'a1', 'in', 'customer', 'message', 'my camera broke', 'x')",
    )
    .run();
  old.close();
}

describeOnSqlite('conversations get their channel (migration)', () => {
  test('a Direct Line id is ours; otherwise the origin of the stored serviceUrl; state and transcript follow', async () => {
    expect(CHANNELS_ADDED).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'warranty-channels-'));
    databaseBeforeChannels(dir);
    const db = openDatabase(dir);
    const channels = db.prepare("SELECT id, channel, json_extract(data, '$.channel') AS inData FROM claims ORDER BY id").all();
    expect(channels).toEqual([
      { id: 'c-dl', channel: 'directline', inData: 'directline' },
      { id: 'c-teams', channel: TEAMS, inData: TEAMS },
      { id: 'c-unknown', channel: '', inData: '' },
    ]);
    expect(db.prepare('SELECT channel, conversation_id FROM conversation_references').all()).toEqual([
      { channel: TEAMS, conversation_id: 'teams1' },
    ]);
    expect(db.prepare('SELECT key, data FROM bot_state ORDER BY key').all()).toEqual([
      { key: 'directline/conversations/dl1/', data: '{"dialogState":"dl"}' },
      { key: `${TEAMS}/conversations/teams1/`, data: '{"dialogState":"teams"}' },
    ]);
    const commits = new GroupCommit(db);
    const repo = new SqliteClaimRepository(db, commits);
    expect((await repo.latestForConversation({ channel: TEAMS, id: 'teams1' }))?.id).toBe('c-teams');
    expect(await repo.latestForConversation({ channel: 'directline', id: 'teams1' })).toBeNull();
    expect(await repo.latestForConversation({ channel: TEAMS, id: 'dl1' })).toBeNull();
    const transcript = new SqliteTranscriptRepository(db, commits);
    expect((await transcript.forConversation({ channel: TEAMS, id: 'teams1' })).map((e) => e.text)).toEqual(['my camera broke']);
    expect(await transcript.forConversation({ channel: 'https://elsewhere.example', id: 'teams1' })).toEqual([]);
    db.close();
  });
});

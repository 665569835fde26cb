import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { type Claim, newClaim } from '../../src/domain/claim';
import { openDatabase } from '../../src/storage/sqlite/database';
import { ON_POSTGRES } from '../helpers/postgres';
import { databaseUrlFor, openTestStorage, postgresOnly, sqliteOnly } from '../helpers/store';

/*
 * A chat ended because the customer went silent (handoff.chatEndedAt) keeps its status and agent,
 * but takes no seat: openChats and chatsOf skip it on both stores, through the open chats' index.
 * Claims stored before the stamp existed (no chatEndedAt at all) still count.
 */
const chat = (id: string, agent: string, ended: string | null | undefined): Claim => {
  const claim = newClaim(id, `conv-${id}`, new Date('2026-03-02T17:00:00Z'), 'v1', 'UTC');
  claim.status = 'with_agent';
  claim.handoff.agent = agent;
  if (ended === undefined) delete claim.handoff.chatEndedAt;
  else claim.handoff.chatEndedAt = ended;
  return claim;
};

test('an ended chat takes no seat; an open one, and one stored before the stamp existed, do', async () => {
  const storage = await openTestStorage();
  try {
    await storage.claims.insert(chat('open', 'ana', null));
    await storage.claims.insert(chat('old', 'ana', undefined));
    await storage.claims.insert(chat('ended', 'ana', '2026-03-02T17:15:00.000Z'));
    await storage.claims.insert(chat('bo-ended', 'bo', '2026-03-02T17:15:00.000Z'));
    await storage.commits.durable();
    expect(await storage.claims.openChats()).toEqual(new Map([['ana', 2]]));
    expect((await storage.claims.chatsOf('ana')).sort()).toEqual(['old', 'open']);
    expect(await storage.claims.chatsOf('bo')).toEqual([]);

    // the customer came back: it is a seat again
    const back = (await storage.claims.getForUpdate('bo-ended')) as Claim;
    back.handoff.chatEndedAt = null;
    await storage.claims.save(back);
    await storage.commits.durable();
    expect(await storage.claims.chatsOf('bo')).toEqual(['bo-ended']);
  } finally {
    await storage.close();
  }
});

sqliteOnly('the query plan of SQLite')('open chats on SQLite', () => {
  test('are read through the index of chats not ended, as before the stamp (no scan of every claim)', () => {
    const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'warranty-seats-')));
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'claims_open_chats'").get() as { sql: string };
    expect(index.sql).toMatch(/chatEndedAt/);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((p) => p.detail).join('\n');
    const open = "claims INDEXED BY claims_open_chats WHERE status = 'with_agent' AND json_extract(data, '$.handoff.chatEndedAt') IS NULL";
    expect(plan(`SELECT json_extract(data, '$.handoff.agent'), COUNT(*) FROM ${open} GROUP BY 1`)).toMatch(/USING INDEX claims_open_chats/);
    expect(plan(`SELECT id FROM ${open} AND json_extract(data, '$.handoff.agent') = 'ana'`)).toMatch(/USING INDEX claims_open_chats \(/);
    db.close();
  });
});

postgresOnly('open chats on PostgreSQL', () => {
  test('are read through the partial index of chats not ended', async () => {
    expect(ON_POSTGRES).toBe(true);
    const client = new pg.Client({ connectionString: await databaseUrlFor(mkdtempSync(path.join(tmpdir(), 'warranty-seats-'))) });
    await client.connect();
    try {
      const index = await client.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'claims_open_chats'");
      expect(index.rows[0].indexdef).toMatch(/chatEndedAt/);
      await client.query('SET enable_seqscan = off');
      const plan = async (sql: string) => (await client.query(`EXPLAIN ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      const open = "status = 'with_agent' AND (data -> 'handoff' ->> 'chatEndedAt') IS NULL";
      expect(await plan(`SELECT id FROM claims WHERE ${open} AND (data -> 'handoff' ->> 'agent') = 'ana'`)).toMatch(/claims_open_chats/);
      expect(await plan(`SELECT (data -> 'handoff' ->> 'agent'), COUNT(*) FROM claims WHERE ${open} GROUP BY 1`)).toMatch(
        /claims_open_chats/,
      );
    } finally {
      await client.end();
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { RECENT_CHATS_SQL } from '../../src/storage/claimAudit';
import { openDatabase } from '../../src/storage/sqlite/database';
import { createTestDatabase } from '../helpers/postgres';
import { postgresOnly, sqliteOnly } from '../helpers/store';

/**
 * The wait estimate reads the recent chat durations with every waiting customer's message: both
 * stores answer it from the partial index of chats leaving the agents and find each chat's start
 * through (claim_id, id), never by reading the whole audit trail.
 */
const SINCE = "'2026-03-01T17:30:00Z'";

sqliteOnly("SQLite's query plan")('on SQLite', () => {
  test('the recent chat durations are read through the indexes', () => {
    const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'warranty-plan-')));
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${RECENT_CHATS_SQL(SINCE, '30')}`).all() as Array<{ detail: string }>)
        .map((p) => p.detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH e USING INDEX claim_audit_chat_ended \(at>\?\)/);
      expect(plan).toMatch(/SEARCH s USING INDEX claim_audit_claim \(claim_id=\? AND id<\?\)/);
      expect(plan).not.toMatch(/SCAN/);
    } finally {
      db.close();
    }
  });
});

postgresOnly('on PostgreSQL', () => {
  test('the recent chat durations are read through the indexes', async () => {
    const database = await createTestDatabase('warranty_test', { migrated: true });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // an empty table is cheapest to scan: the planner is told not to, to show the index can answer
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${RECENT_CHATS_SQL(SINCE, '30')}`);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan .*using claim_audit_chat_ended on claim_audit e/);
      expect(plan).toMatch(/Index Scan .*using claim_audit_claim on claim_audit s/);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});

import type pg from 'pg';

/**
 * The PostgreSQL schema, in order; each runs once, in a transaction, and is recorded in
 * `migrations`. The same tables as SQLite's (src/storage/sqlite/database.ts), minus the history:
 * proof files are always kept in their row, a Direct Line conversation holds its last watermark
 * (appends take it under the row's lock, so watermarks commit in order), and the queue's key is a
 * stored column.
 */
export const PG_MIGRATIONS: string[] = [
  `CREATE TABLE bot_state (
     key TEXT PRIMARY KEY,
     etag TEXT NOT NULL,
     data TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE claims (
     seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
     id TEXT PRIMARY KEY,
     channel TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     data JSONB NOT NULL,
     queue_key TEXT GENERATED ALWAYS AS (COALESCE(data -> 'handoff' ->> 'requestedAt', '')) STORED
   );
   CREATE INDEX claims_channel_conversation ON claims (channel, conversation_id, created_at DESC, seq DESC);
   CREATE INDEX claims_conversation ON claims (conversation_id, created_at DESC, seq DESC);
   CREATE INDEX claims_status ON claims (status, created_at DESC, seq DESC);
   CREATE INDEX claims_created ON claims (created_at DESC, seq DESC);
   CREATE INDEX claims_queue ON claims (queue_key, seq) WHERE status = 'pending_agent';
   CREATE TABLE rma_sequence (
     year INTEGER PRIMARY KEY,
     next INTEGER NOT NULL
   );
   CREATE TABLE rma_numbers (
     number TEXT PRIMARY KEY,
     year INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     claim_id TEXT NOT NULL UNIQUE,
     issued_at TEXT NOT NULL,
     UNIQUE (year, seq)
   );
   CREATE TABLE claim_audit (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     claim_id TEXT NOT NULL,
     from_status TEXT NOT NULL,
     to_status TEXT NOT NULL,
     action TEXT NOT NULL,
     actor_kind TEXT NOT NULL,
     actor_id TEXT,
     at TEXT NOT NULL
   );
   CREATE INDEX claim_audit_claim ON claim_audit (claim_id, id);
   CREATE TABLE claim_notes (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     claim_id TEXT NOT NULL,
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX claim_notes_claim ON claim_notes (claim_id, id);
   CREATE TABLE transcript (
     seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     channel TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     activity_id TEXT,
     direction TEXT NOT NULL,
     sender TEXT NOT NULL,
     type TEXT NOT NULL,
     text TEXT,
     attachments TEXT NOT NULL DEFAULT '[]',
     timestamp TEXT NOT NULL,
     UNIQUE (channel, conversation_id, direction, activity_id)
   );
   CREATE INDEX transcript_conversation ON transcript (channel, conversation_id, seq);
   CREATE TABLE attachments (
     id TEXT PRIMARY KEY,
     claim_id TEXT NOT NULL,
     name TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     data BYTEA NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX attachments_claim ON attachments (claim_id);
   CREATE INDEX attachments_created ON attachments (created_at);
   CREATE TABLE agents (
     username TEXT PRIMARY KEY,
     display_name TEXT NOT NULL,
     role TEXT NOT NULL DEFAULT 'agent',
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE revoked_tokens (
     token_id TEXT PRIMARY KEY,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE conversation_references (
     channel TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     reference TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (channel, conversation_id)
   );
   CREATE TABLE dl_conversations (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     started BOOLEAN NOT NULL DEFAULT FALSE,
     last_seq INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE TABLE dl_activities (
     conversation_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     client_activity_id TEXT,
     activity TEXT NOT NULL,
     PRIMARY KEY (conversation_id, seq)
   );
   CREATE UNIQUE INDEX dl_activities_client ON dl_activities (conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
   CREATE TABLE dl_files (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     name TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     data BYTEA NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX dl_files_created ON dl_files (created_at);`,
  // A unit of work sends its writes without waiting for each one's answer (pgDatabase.ts): a write
  // that must change a row (the dialog state's eTag check) fails the transaction through this instead.
  `CREATE FUNCTION qsee_expect(ok BOOLEAN, message TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT ok THEN RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'P0001'; END IF;
   END $$;`,
  // the token secret of a deployment that does not set TOKEN_SECRET (deploymentSecrets.ts)
  `CREATE TABLE deployment_secrets (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // The dialog state's eTag check with a SQLSTATE of its own (etagConflict.ts): the turn runner retries
  // exactly this failure, told apart by its code rather than by a message's words. The message stays
  // the one Bot Framework storages use; DETAIL carries the key.
  `CREATE FUNCTION qsee_expect_state(ok BOOLEAN, state_key TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT ok THEN
       RAISE EXCEPTION USING MESSAGE = format('Storage: error writing "%s" due to eTag conflict.', state_key),
         DETAIL = state_key, ERRCODE = 'QETAG';
     END IF;
   END $$;`,
  // The mail outbox, as SQLite's (src/storage/sqlite/database.ts); seq orders the agents' pages as SQLite's rowid does.
  `CREATE TABLE mail_outbox (
     seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
     id TEXT PRIMARY KEY,
     claim_id TEXT NOT NULL,
     conversation TEXT NOT NULL,
     kind TEXT NOT NULL,
     to_address TEXT NOT NULL,
     to_lower TEXT NOT NULL,
     subject TEXT NOT NULL,
     text TEXT NOT NULL,
     html TEXT NOT NULL,
     requested_by TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL,
     sent_at TEXT
   );
   CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, seq) WHERE status = 'waiting';
   CREATE INDEX mail_outbox_to ON mail_outbox (to_lower, created_at);
   CREATE INDEX mail_outbox_conversation ON mail_outbox (conversation, created_at);
   CREATE INDEX mail_outbox_created ON mail_outbox (created_at DESC, seq DESC);
   CREATE INDEX mail_outbox_status ON mail_outbox (status, created_at DESC, seq DESC);
   CREATE INDEX mail_outbox_claim ON mail_outbox (claim_id, created_at DESC, seq DESC);
   CREATE TABLE mail_suppressions (
     address TEXT PRIMARY KEY,
     reason TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // A conversation's newest resume through the link in a mail, as SQLite's (src/storage/sqlite/database.ts)
  `ALTER TABLE dl_conversations ADD COLUMN resumed_at TEXT, ADD COLUMN resumed_session TEXT;
   CREATE INDEX dl_conversations_resumed ON dl_conversations (resumed_at) WHERE resumed_at IS NOT NULL;`,
  // Each agent's open chats, counted by the router (src/routing) on every assignment, as SQLite's
  `CREATE INDEX claims_open_chats ON claims ((data -> 'handoff' ->> 'agent')) WHERE status = 'with_agent';`,
  // The recent times a person took a waiting claim, for the wait estimate, as SQLite's (src/storage/sqlite/database.ts)
  `CREATE INDEX claim_audit_taken ON claim_audit (at) WHERE from_status = 'pending_agent' AND to_status = 'with_agent';`,
  // Agents managed by admins and their audit trail, as SQLite's (src/storage/sqlite/database.ts)
  `ALTER TABLE agents ADD COLUMN capacity INTEGER, ADD COLUMN disabled_at TEXT, ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE agent_audit (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     username TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     changes TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX agent_audit_username ON agent_audit (username, id);`,
  // How long the recent chats with a person lasted, for the wait estimate, as SQLite's (src/storage/sqlite/database.ts)
  `CREATE INDEX claim_audit_chat_ended ON claim_audit (at) WHERE from_status = 'with_agent' AND to_status <> 'with_agent';`,
  // Ended chats take no seat, as SQLite's (src/storage/sqlite/database.ts)
  `DROP INDEX claims_open_chats;
   CREATE INDEX claims_open_chats ON claims ((data -> 'handoff' ->> 'agent'))
     WHERE status = 'with_agent' AND (data -> 'handoff' ->> 'chatEndedAt') IS NULL;`,
  // Agents' corrections of a claim's facts, as SQLite's (src/storage/sqlite/database.ts)
  `CREATE TABLE claim_corrections (
     id BIGSERIAL PRIMARY KEY,
     claim_id TEXT NOT NULL,
     field TEXT NOT NULL,
     old_value TEXT,
     new_value TEXT,
     agent TEXT NOT NULL,
     at TEXT NOT NULL,
     customer_words TEXT
   );
   CREATE INDEX claim_corrections_claim ON claim_corrections (claim_id, id);`,
  // The supervisor's dashboard (src/storage/postgres/claimStats.ts): a period's claims by creation time, in
  // the CSV export's order; the corrections by field, as SQLite's (src/storage/sqlite/database.ts)
  `CREATE INDEX claims_created_id ON claims (created_at, id);
   CREATE INDEX claim_corrections_field ON claim_corrections (field, claim_id);`,
];

/** Any fixed number: the lock every instance takes while it brings the schema up to date. */
const MIGRATION_LOCK = 727_011_017;

/**
 * Brings the schema up to date. Several instances starting at once take turns on an advisory lock:
 * the first applies what is missing, the others find it done. Returns the migrations applied here.
 */
export async function migrate(pool: pg.Pool, migrations: string[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM migrations')).rows[0].v);
      for (const [i, sql] of migrations.slice(applied).entries()) {
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query('INSERT INTO migrations (version, applied_at) VALUES ($1, $2)', [applied + i + 1, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return Math.max(0, migrations.length - applied);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Whether every migration this version knows has been applied (readiness). */
export async function schemaIsCurrent(query: (sql: string) => Promise<{ rows: { v: number | string }[] }>): Promise<boolean> {
  const { rows } = await query('SELECT COALESCE(MAX(version), 0) AS v FROM migrations');
  return Number(rows[0]?.v) >= PG_MIGRATIONS.length;
}

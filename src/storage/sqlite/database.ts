import * as path from 'node:path';
import Database from 'better-sqlite3';
import { channelOfServiceUrl } from '../../domain/conversationKey';

export type Db = Database.Database;

/** Schema changes in order; each runs once, in a transaction, and is recorded in `migrations`. */
export const MIGRATIONS: string[] = [
  `CREATE TABLE bot_state (
     key TEXT PRIMARY KEY,
     etag TEXT NOT NULL,
     data TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE claims (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX claims_conversation ON claims (conversation_id, created_at);
   CREATE INDEX claims_status ON claims (status, updated_at);
   CREATE TABLE rma_numbers (
     number TEXT PRIMARY KEY,
     year INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     claim_id TEXT NOT NULL UNIQUE,
     issued_at TEXT NOT NULL,
     UNIQUE (year, seq)
   );
   CREATE TABLE transcript (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     activity_id TEXT,
     direction TEXT NOT NULL,
     sender TEXT NOT NULL,
     type TEXT NOT NULL,
     text TEXT,
     attachments TEXT NOT NULL DEFAULT '[]',
     timestamp TEXT NOT NULL,
     UNIQUE (conversation_id, direction, activity_id)
   );
   CREATE INDEX transcript_conversation ON transcript (conversation_id, seq);
   CREATE TABLE attachments (
     id TEXT PRIMARY KEY,
     claim_id TEXT NOT NULL,
     name TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     file TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX attachments_claim ON attachments (claim_id);
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
   );`,
  `CREATE TABLE conversation_refs (
     conversation_id TEXT PRIMARY KEY,
     reference TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  `CREATE TABLE dl_conversations (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     started INTEGER NOT NULL DEFAULT 0,
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
     data BLOB NOT NULL,
     created_at TEXT NOT NULL
   );`,
  `CREATE TABLE claim_notes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     claim_id TEXT NOT NULL,
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX claim_notes_claim ON claim_notes (claim_id, id);`,
  // Every turn writes two transcript rows. AUTOINCREMENT (a sqlite_sequence update per row) and a second
  // index cost two of the four B-tree writes per row; the unique key already finds a conversation's rows,
  // and a plain rowid still grows with each row, so seq keeps its order.
  `CREATE TABLE transcript_rows (
     seq INTEGER PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     activity_id TEXT,
     direction TEXT NOT NULL,
     sender TEXT NOT NULL,
     type TEXT NOT NULL,
     text TEXT,
     attachments TEXT NOT NULL DEFAULT '[]',
     timestamp TEXT NOT NULL,
     UNIQUE (conversation_id, direction, activity_id)
   );
   INSERT INTO transcript_rows SELECT seq, conversation_id, activity_id, direction, sender, type, text, attachments, timestamp FROM transcript;
   DROP TABLE transcript;
   ALTER TABLE transcript_rows RENAME TO transcript;`,
  // A small proof file is kept in its row (data) instead of a file of its own (file): creating a
  // file cost the turn's thread up to 0.5 ms of kernel time. Exactly one of the two is set.
  `CREATE TABLE attachment_rows (
     id TEXT PRIMARY KEY,
     claim_id TEXT NOT NULL,
     name TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     file TEXT,
     data BLOB,
     created_at TEXT NOT NULL,
     CHECK ((file IS NULL) <> (data IS NULL))
   );
   INSERT INTO attachment_rows (id, claim_id, name, content_type, size, sha256, file, created_at)
     SELECT id, claim_id, name, content_type, size, sha256, file, created_at FROM attachments;
   DROP TABLE attachments;
   ALTER TABLE attachment_rows RENAME TO attachments;
   CREATE INDEX attachments_claim ON attachments (claim_id);`,
  // A conversation belongs to the channel it came in on (src/domain/conversationKey.ts): claims,
  // conversation references, transcript rows and bot state are keyed by (channel, id), not by an
  // id any caller of /api/messages can name. Existing rows: an id of our Direct Line is ours,
  // otherwise the channel is the origin of the conversation's stored serviceUrl.
  `CREATE TABLE conversation_references (
     channel TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     reference TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (channel, conversation_id)
   );
   INSERT INTO conversation_references (channel, conversation_id, reference, updated_at)
     SELECT channel_of_service_url(json_extract(reference, '$.serviceUrl')), conversation_id, reference, updated_at
     FROM conversation_refs
     WHERE conversation_id NOT IN (SELECT id FROM dl_conversations)
       AND channel_of_service_url(json_extract(reference, '$.serviceUrl')) IS NOT NULL;
   ALTER TABLE claims ADD COLUMN channel TEXT NOT NULL DEFAULT '';
   UPDATE claims SET channel = CASE
     WHEN conversation_id IN (SELECT id FROM dl_conversations) THEN 'directline'
     ELSE COALESCE((SELECT r.channel FROM conversation_references r WHERE r.conversation_id = claims.conversation_id), '')
   END;
   UPDATE claims SET data = json_set(data, '$.channel', channel);
   CREATE INDEX claims_channel_conversation ON claims (channel, conversation_id, created_at);
   UPDATE bot_state SET key = (
       SELECT r.channel || '/conversations/' || r.conversation_id || '/' FROM conversation_references r
       WHERE bot_state.key = json_extract(r.reference, '$.channelId') || '/conversations/' || r.conversation_id || '/')
     WHERE key IN (
       SELECT json_extract(r.reference, '$.channelId') || '/conversations/' || r.conversation_id || '/' FROM conversation_references r);
   CREATE TABLE transcript_rows (
     seq INTEGER PRIMARY KEY,
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
   INSERT INTO transcript_rows
     SELECT seq, COALESCE((SELECT r.channel FROM conversation_references r WHERE r.conversation_id = t.conversation_id), ''),
       conversation_id, activity_id, direction, sender, type, text, attachments, timestamp
     FROM transcript t;
   DROP TABLE transcript;
   ALTER TABLE transcript_rows RENAME TO transcript;
   DROP TABLE conversation_refs;`,
  // the file retention sweep finds old files by age, without reading their BLOBs
  `CREATE INDEX dl_files_created ON dl_files (created_at);
   CREATE INDEX attachments_created ON attachments (created_at);`,
  // Every status change of a claim, with who made it (written in the same commit as the claim).
  // The queue is ordered by hand-off time over every waiting claim: a partial expression index
  // holds only the waiting ones. Lists page newest first by created_at.
  `CREATE TABLE claim_audit (
     id INTEGER PRIMARY KEY,
     claim_id TEXT NOT NULL,
     from_status TEXT NOT NULL,
     to_status TEXT NOT NULL,
     action TEXT NOT NULL,
     actor_kind TEXT NOT NULL,
     actor_id TEXT,
     at TEXT NOT NULL
   );
   CREATE INDEX claim_audit_claim ON claim_audit (claim_id, id);
   CREATE INDEX claims_queue ON claims (json_extract(data, '$.handoff.requestedAt')) WHERE status = 'pending_agent';
   CREATE INDEX claims_created ON claims (created_at);`,
  // RMA numbers come from a sequence per year (rmaNumbers.ts), seeded past every number already issued
  `CREATE TABLE rma_sequence (
     year INTEGER PRIMARY KEY,
     next INTEGER NOT NULL
   );
   INSERT INTO rma_sequence (year, next) SELECT year, MAX(seq) + 1 FROM rma_numbers GROUP BY year;`,
  // Mail leaves from a durable outbox (src/storage/outbox.ts): the sender finds the waiting mails that are
  // due through a partial index of those alone; the abuse limits count an address's and a conversation's
  // mails of the last hour; agents page them newest first (all, by status, by claim). An address the
  // mail server refused for good is kept, lower-cased, so that nothing is sent to it again.
  `CREATE TABLE mail_outbox (
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
   CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'waiting';
   CREATE INDEX mail_outbox_to ON mail_outbox (to_lower, created_at);
   CREATE INDEX mail_outbox_conversation ON mail_outbox (conversation, created_at);
   CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
   CREATE INDEX mail_outbox_status ON mail_outbox (status, created_at);
   CREATE INDEX mail_outbox_claim ON mail_outbox (claim_id, created_at);
   CREATE TABLE mail_suppressions (
     address TEXT PRIMARY KEY,
     reason TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // The newest resume of a conversation through the link in a mail, and the session it started: every
  // other session of it ended then (src/channels/directLine/endedSessions.ts). An instance that starts
  // reads those of the last half hour (the token lifetime) through a partial index of resumed ones alone.
  `ALTER TABLE dl_conversations ADD COLUMN resumed_at TEXT;
   ALTER TABLE dl_conversations ADD COLUMN resumed_session TEXT;
   CREATE INDEX dl_conversations_resumed ON dl_conversations (resumed_at) WHERE resumed_at IS NOT NULL;`,
  // Each agent's open chats, counted by the router (src/routing) on every assignment
  `CREATE INDEX claims_open_chats ON claims (json_extract(data, '$.handoff.agent')) WHERE status = 'with_agent';`,
  // The customer's wait estimate reads the recent times a person took a waiting claim (claimAudit.ts
  // recentWaits): a partial index holds those audit rows alone, by time.
  `CREATE INDEX claim_audit_taken ON claim_audit (at) WHERE from_status = 'pending_agent' AND to_status = 'with_agent';`,
  // Admins manage agents (src/agents/agentManagement.ts): a capacity of open chats (null: AGENT_CAPACITY),
  // a disabled account, and a token generation that moves on when tokens issued before must stop (a
  // disable, a new password). Every change to an account is kept in agent_audit, never a password.
  `ALTER TABLE agents ADD COLUMN capacity INTEGER;
   ALTER TABLE agents ADD COLUMN disabled_at TEXT;
   ALTER TABLE agents ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE agent_audit (
     id INTEGER PRIMARY KEY,
     username TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     changes TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX agent_audit_username ON agent_audit (username, id);`,
  // The customer's wait estimate reads how long the recent chats with a person lasted (claimAudit.ts
  // recentChatDurations): a partial index holds the audit rows of chats leaving the agents alone, by time.
  `CREATE INDEX claim_audit_chat_ended ON claim_audit (at) WHERE from_status = 'with_agent' AND to_status <> 'with_agent';`,
  // A chat ended because the customer went silent (src/handoff/silenceWatch.ts) keeps its status and
  // agent but takes no seat: the open chats' index holds only the chats not ended.
  `DROP INDEX claims_open_chats;
   CREATE INDEX claims_open_chats ON claims (json_extract(data, '$.handoff.agent'))
     WHERE status = 'with_agent' AND json_extract(data, '$.handoff.chatEndedAt') IS NULL;`,
  // Agents' corrections of a claim's facts (issue 21): who, when, old and new value, and for a purchase date
  // the customer's words the assistant read — the dashboard counts them, export:labels writes them out.
  `CREATE TABLE claim_corrections (
     id INTEGER PRIMARY KEY,
     claim_id TEXT NOT NULL,
     field TEXT NOT NULL,
     old_value TEXT,
     new_value TEXT,
     agent TEXT NOT NULL,
     at TEXT NOT NULL,
     customer_words TEXT
   );
   CREATE INDEX claim_corrections_claim ON claim_corrections (claim_id, id);`,
  // The supervisor's dashboard (src/storage/sqlite/claimStats.ts): one index holds, by creation time, every
  // field the stats and the CSV export read, so a period is counted from the index alone (no claim's JSON
  // parsed); the dashboard counts the claims whose purchase date was corrected by field.
  `CREATE INDEX claims_stats ON claims (
     created_at, id, status,
     json_extract(data, '$.decision.outcome'), json_extract(data, '$.decision.decidedBy'),
     json_extract(data, '$.handoff.reason'), json_extract(data, '$.handoff.agent'),
     json_extract(data, '$.handoff.requestedAt'), json_extract(data, '$.handoff.firstResponseAt'),
     json_extract(data, '$.csat.score'));
   CREATE INDEX claim_corrections_field ON claim_corrections (field, claim_id);`,
];

/** Opens (or creates) the database file in WAL mode and brings its schema up to date. */
export function openDatabase(dataDir: string, fileName = 'warranty.sqlite'): Db {
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // SQLite's default page cache is 2 MB; the pages of the conversations in flight should stay in memory
  db.pragma('cache_size = -16384');
  // the log is checkpointed on a worker (walCheckpointer.ts); once it starts over, its file shrinks back to this
  db.pragma('journal_size_limit = 16777216');
  // the migration that gives each conversation its channel computes it exactly as the server does
  db.function('channel_of_service_url', { deterministic: true }, (url: unknown) => channelOfServiceUrl(url));
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = (db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null }).v ?? 0;
  MIGRATIONS.slice(applied).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(applied + i + 1, new Date().toISOString());
    })();
  });
}

/** A cheap query that proves the database answers. */
export function isDatabaseReady(db: Db): boolean {
  try {
    return (db.prepare('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
  } catch {
    return false;
  }
}

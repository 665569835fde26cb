import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type pg from 'pg';
import { storableStrings } from '../domain/storableStrings';
import { migrate } from './postgres/migrations';
import type { Db } from './sqlite/database';

/** One product table's rows on each side after a copy. */
export interface TableCount {
  table: string;
  sqlite: number;
  postgres: number;
}

/** The copy was refused: PostgreSQL already holds product rows (copying would mix two deployments). */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
  constructor(readonly counts: { table: string; rows: number }[]) {
    super(`the PostgreSQL database is not empty (${counts.map((c) => `${c.table}: ${c.rows}`).join(', ')}); copy only into an empty one`);
  }
}

/** A row of SQLite could not be copied as it is (a proof file missing on disk or not matching its hash). */
export class SourceRowError extends Error {
  override name = 'SourceRowError';
}

/** Rows copied so far, after each INSERT (for a progress line). */
export type Progress = (table: string, copied: number, total: number) => void;

export interface CopyOptions {
  /** Rows per INSERT (and per SQLite page). */
  batchRows?: number;
  /** Bytes of files per INSERT: a page of proof files or uploads stops here (one larger file still goes alone). */
  batchBytes?: number;
  onProgress?: Progress;
}

type Row = Record<string, unknown>;

/**
 * How one table is read from SQLite and written to PostgreSQL. `select` reads one page: its
 * columns, in PostgreSQL's order, then the paging key; it is completed with the key's condition
 * and ORDER BY … LIMIT.
 */
interface TableCopy {
  table: string;
  columns: string[];
  select: string;
  /** The page's key: rowid (the order rows were written), or claims' (created_at, rowid). */
  key: 'rowid' | 'created_at';
  /** A column holding the size of the row's file, for tables whose pages are bounded by bytes. */
  sizeColumn?: string;
  /** Identity columns whose values are kept (OVERRIDING SYSTEM VALUE), and the counter moved past them afterwards. */
  keepsIdentity?: string;
  convert?: (row: Row, uploadsDir: string) => unknown[];
}

const values = (columns: string[]) => (row: Row) => columns.map((c) => row[c]);

/** Every product table, in the order they are copied (PostgreSQL's schema has no foreign keys between them). */
const TABLES: TableCopy[] = [
  {
    table: 'bot_state',
    columns: ['key', 'etag', 'data', 'updated_at'],
    select: 'SELECT key, etag, data, updated_at, rowid AS _rowid FROM bot_state',
    key: 'rowid',
  },
  {
    // PostgreSQL numbers claims (seq) as they arrive: sent in the order they began, seq breaks
    // ties of created_at the way SQLite's rowid did, and the agents' lists keep their order.
    table: 'claims',
    columns: ['id', 'channel', 'conversation_id', 'status', 'created_at', 'updated_at', 'data'],
    select: 'SELECT id, channel, conversation_id, status, created_at, updated_at, data, rowid AS _rowid FROM claims',
    key: 'created_at',
    // JSONB refuses "\u0000", which a claim written before NULs were dropped at the door may hold
    convert: (row) => [
      row.id,
      row.channel,
      row.conversation_id,
      row.status,
      row.created_at,
      row.updated_at,
      JSON.stringify(storableStrings(JSON.parse(String(row.data)))),
    ],
  },
  {
    table: 'rma_numbers',
    columns: ['number', 'year', 'seq', 'claim_id', 'issued_at'],
    select: 'SELECT number, year, seq, claim_id, issued_at, rowid AS _rowid FROM rma_numbers',
    key: 'rowid',
  },
  {
    table: 'rma_sequence',
    columns: ['year', 'next'],
    select: 'SELECT year, next, rowid AS _rowid FROM rma_sequence',
    key: 'rowid',
  },
  {
    table: 'claim_audit',
    columns: ['id', 'claim_id', 'from_status', 'to_status', 'action', 'actor_kind', 'actor_id', 'at'],
    select: 'SELECT id, claim_id, from_status, to_status, action, actor_kind, actor_id, at, rowid AS _rowid FROM claim_audit',
    key: 'rowid',
    keepsIdentity: 'id',
  },
  {
    // note ids are the cursor of a claim's notes pages: kept
    table: 'claim_notes',
    columns: ['id', 'claim_id', 'author', 'text', 'created_at'],
    select: 'SELECT id, claim_id, author, text, created_at, rowid AS _rowid FROM claim_notes',
    key: 'rowid',
    keepsIdentity: 'id',
  },
  {
    // agents' corrections of what the assistant read (the dashboard counts them; export:labels reads them)
    table: 'claim_corrections',
    columns: ['id', 'claim_id', 'field', 'old_value', 'new_value', 'agent', 'at', 'customer_words'],
    select: 'SELECT id, claim_id, field, old_value, new_value, agent, at, customer_words, rowid AS _rowid FROM claim_corrections',
    key: 'rowid',
    keepsIdentity: 'id',
  },
  {
    table: 'transcript',
    columns: ['seq', 'channel', 'conversation_id', 'activity_id', 'direction', 'sender', 'type', 'text', 'attachments', 'timestamp'],
    select:
      'SELECT seq, channel, conversation_id, activity_id, direction, sender, type, text, attachments, timestamp, rowid AS _rowid FROM transcript',
    key: 'rowid',
    keepsIdentity: 'seq',
  },
  {
    // PostgreSQL keeps every proof file in its row: a large one is read from DATA_DIR/uploads
    table: 'attachments',
    columns: ['id', 'claim_id', 'name', 'content_type', 'size', 'sha256', 'data', 'created_at'],
    select: 'SELECT id, claim_id, name, content_type, size, sha256, file, data, created_at, rowid AS _rowid FROM attachments',
    key: 'rowid',
    sizeColumn: 'size',
    convert: (row, uploadsDir) => {
      const data = proofBytes(row, uploadsDir);
      return [row.id, row.claim_id, row.name, row.content_type, row.size, row.sha256, data, row.created_at];
    },
  },
  {
    table: 'agents',
    columns: ['username', 'display_name', 'role', 'password_hash', 'created_at', 'capacity', 'disabled_at', 'token_generation'],
    select:
      'SELECT username, display_name, role, password_hash, created_at, capacity, disabled_at, token_generation, rowid AS _rowid FROM agents',
    key: 'rowid',
  },
  {
    table: 'agent_audit',
    columns: ['id', 'username', 'actor', 'action', 'changes', 'at'],
    select: 'SELECT id, username, actor, action, changes, at, rowid AS _rowid FROM agent_audit',
    key: 'rowid',
    keepsIdentity: 'id',
  },
  {
    table: 'revoked_tokens',
    columns: ['token_id', 'expires_at'],
    select: 'SELECT token_id, expires_at, rowid AS _rowid FROM revoked_tokens',
    key: 'rowid',
  },
  {
    table: 'conversation_references',
    columns: ['channel', 'conversation_id', 'reference', 'updated_at'],
    select: 'SELECT channel, conversation_id, reference, updated_at, rowid AS _rowid FROM conversation_references',
    key: 'rowid',
  },
  {
    // PostgreSQL's appends take the next watermark from the conversation's row: it starts at the last one used
    table: 'dl_conversations',
    columns: ['id', 'user_id', 'started', 'last_seq', 'created_at', 'resumed_at', 'resumed_session'],
    select: `SELECT id, user_id, started, created_at, resumed_at, resumed_session, rowid AS _rowid,
               (SELECT COALESCE(MAX(a.seq), 0) FROM dl_activities a WHERE a.conversation_id = dl_conversations.id) AS last_seq
             FROM dl_conversations`,
    key: 'rowid',
    convert: (row) => [row.id, row.user_id, row.started === 1, row.last_seq, row.created_at, row.resumed_at, row.resumed_session],
  },
  {
    // PostgreSQL stores an activity without its id (its conversation and watermark give it when read)
    table: 'dl_activities',
    columns: ['conversation_id', 'seq', 'client_activity_id', 'activity'],
    select: 'SELECT conversation_id, seq, client_activity_id, activity, rowid AS _rowid FROM dl_activities',
    key: 'rowid',
    convert: (row) => {
      const { id: _id, ...content } = JSON.parse(String(row.activity)) as { id?: unknown };
      return [row.conversation_id, row.seq, row.client_activity_id, JSON.stringify(content)];
    },
  },
  {
    table: 'dl_files',
    columns: ['id', 'conversation_id', 'name', 'content_type', 'size', 'data', 'created_at'],
    select: 'SELECT id, conversation_id, name, content_type, size, data, created_at, rowid AS _rowid FROM dl_files',
    key: 'rowid',
    sizeColumn: 'size',
  },
  {
    // sent in the order they were queued, PostgreSQL's seq orders mails of one millisecond as SQLite's rowid did
    table: 'mail_outbox',
    columns: [
      'id',
      'claim_id',
      'conversation',
      'kind',
      'to_address',
      'to_lower',
      'subject',
      'text',
      'html',
      'requested_by',
      'status',
      'attempts',
      'next_attempt_at',
      'last_error',
      'created_at',
      'sent_at',
    ],
    select: `SELECT id, claim_id, conversation, kind, to_address, to_lower, subject, text, html, requested_by, status, attempts,
               next_attempt_at, last_error, created_at, sent_at, rowid AS _rowid FROM mail_outbox`,
    key: 'rowid',
  },
  {
    table: 'mail_suppressions',
    columns: ['address', 'reason', 'created_at'],
    select: 'SELECT address, reason, created_at, rowid AS _rowid FROM mail_suppressions',
    key: 'rowid',
  },
];

/** The product tables (everything but the schema's own `migrations`). */
export const PRODUCT_TABLES = TABLES.map((t) => t.table);

/**
 * Copies every product table of a SQLite database (the server's, at the current schema) into an
 * empty PostgreSQL database, and returns the rows of each table on both sides. PostgreSQL's schema
 * is brought up to date first; the copy itself is one transaction, so a copy that fails (a proof
 * file missing on disk, a count that differs, the connection lost) leaves no row behind. SQLite is
 * read in one read transaction, page by page: the whole database is never in memory.
 *
 * @example
 *   const counts = await copySqliteToPostgres(openDatabase(dataDir), path.join(dataDir, 'uploads'), pool);
 */
export async function copySqliteToPostgres(
  source: Db,
  uploadsDir: string,
  pool: pg.Pool,
  options: CopyOptions = {},
): Promise<TableCount[]> {
  const batchRows = options.batchRows ?? 250;
  const batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
  await migrate(pool);
  const client = await pool.connect();
  // one snapshot of SQLite for the whole copy, so the counts compared at the end are the ones copied
  source.exec('BEGIN');
  try {
    await client.query('BEGIN');
    // another copy (or a server) writing meanwhile waits for ours: two copies cannot both find the database empty
    await client.query(`LOCK TABLE ${PRODUCT_TABLES.join(', ')} IN EXCLUSIVE MODE`);
    const occupied = await rowsIn(client, PRODUCT_TABLES);
    const notEmpty = occupied.filter((c) => c.rows > 0);
    if (notEmpty.length > 0) throw new TargetNotEmptyError(notEmpty);

    const counts: TableCount[] = [];
    for (const spec of TABLES) {
      const total = (source.prepare(`SELECT COUNT(*) AS n FROM ${spec.table}`).get() as { n: number }).n;
      await copyTable(spec, source, client, { uploadsDir, batchRows, batchBytes, total, onProgress: options.onProgress });
      if (spec.keepsIdentity) await moveIdentityPast(client, spec.table, spec.keepsIdentity);
      counts.push({ table: spec.table, sqlite: total, postgres: 0 });
    }
    for (const { table, rows } of await rowsIn(client, PRODUCT_TABLES)) {
      const count = counts.find((c) => c.table === table);
      if (count) count.postgres = rows;
    }
    // a mismatch is a bug in the copy: the database stays empty and the counts say where
    if (counts.some((c) => c.sqlite !== c.postgres)) await client.query('ROLLBACK');
    else await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    if (source.inTransaction) source.exec('COMMIT');
  }
}

/** Whether every count matches (the copy committed). */
export const countsMatch = (counts: TableCount[]): boolean => counts.every((c) => c.sqlite === c.postgres);

async function rowsIn(client: pg.PoolClient, tables: string[]): Promise<{ table: string; rows: number }[]> {
  const { rows } = await client.query<{ name: string; n: string }>(
    tables.map((t) => `SELECT '${t}' AS name, COUNT(*) AS n FROM ${t}`).join(' UNION ALL '),
  );
  return tables.map((table) => ({ table, rows: Number(rows.find((r) => r.name === table)?.n ?? 0) }));
}

interface CopyContext {
  uploadsDir: string;
  batchRows: number;
  batchBytes: number;
  total: number;
  onProgress?: Progress;
}

async function copyTable(spec: TableCopy, source: Db, client: pg.PoolClient, context: CopyContext): Promise<void> {
  const convert = spec.convert ?? ((row: Row) => values(spec.columns)(row));
  const after = spec.key === 'rowid' ? 'WHERE rowid > ? ORDER BY rowid' : 'WHERE (created_at, rowid) > (?, ?) ORDER BY created_at, rowid';
  const firstPage = spec.key === 'rowid' ? 'ORDER BY rowid' : 'ORDER BY created_at, rowid';
  const pageFrom = source.prepare(`${spec.select} ${after} LIMIT ?`);
  const firstFrom = source.prepare(`${spec.select} ${firstPage} LIMIT ?`);
  let last: Row | null = null;
  let copied = 0;
  for (;;) {
    const limit = spec.sizeColumn ? rowsWithin(source, spec, last, context) : context.batchRows;
    const keyOf = (row: Row) => (spec.key === 'rowid' ? [row._rowid] : [row.created_at, row._rowid]);
    const page = (last ? pageFrom.all(...keyOf(last), limit) : firstFrom.all(limit)) as Row[];
    if (page.length === 0) return;
    await insertRows(
      client,
      spec,
      // PostgreSQL text cannot hold a NUL (SQLite's can): dropped, as the server now drops them at the door
      page.map((row) => convert(row, context.uploadsDir).map((value) => (typeof value === 'string' ? storableStrings(value) : value))),
    );
    copied += page.length;
    context.onProgress?.(spec.table, copied, context.total);
    last = page[page.length - 1];
  }
}

/** How many of the next rows of a table of files fit in one INSERT's bytes (at least one). */
function rowsWithin(source: Db, spec: TableCopy, last: Row | null, context: CopyContext): number {
  const sizes = source
    .prepare(`SELECT ${spec.sizeColumn} AS size FROM ${spec.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
    .all(last ? last._rowid : 0, context.batchRows) as { size: number }[];
  let bytes = 0;
  let rows = 0;
  for (const { size } of sizes) {
    if (rows > 0 && bytes + size > context.batchBytes) break;
    bytes += size;
    rows++;
  }
  return Math.max(rows, 1);
}

async function insertRows(client: pg.PoolClient, spec: TableCopy, rows: unknown[][]): Promise<void> {
  const width = spec.columns.length;
  const tuples = rows.map((_, r) => `(${spec.columns.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`);
  const overriding = spec.keepsIdentity ? ' OVERRIDING SYSTEM VALUE' : '';
  await client.query(`INSERT INTO ${spec.table} (${spec.columns.join(', ')})${overriding} VALUES ${tuples.join(', ')}`, rows.flat());
}

/** The next identity value after the kept ones: a row written later must not take a copied id. */
async function moveIdentityPast(client: pg.PoolClient, table: string, column: string): Promise<void> {
  await client.query(
    `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE((SELECT MAX(${column}) FROM ${table}), 0) + 1, false)`,
  );
}

/** A proof file's bytes: in its row, or in its file under DATA_DIR/uploads, checked against the hash stored with it. */
function proofBytes(row: Row, uploadsDir: string): Buffer {
  let bytes: Buffer;
  if (row.data) bytes = row.data as Buffer;
  else {
    const file = path.join(uploadsDir, String(row.file));
    try {
      bytes = readFileSync(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new SourceRowError(`proof file ${String(row.id)} (claim ${String(row.claim_id)}): cannot read ${file} (${reason})`);
    }
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== row.sha256) {
    throw new SourceRowError(
      `proof file ${String(row.id)} (claim ${String(row.claim_id)}): its bytes do not match the SHA-256 stored with it`,
    );
  }
  return bytes;
}

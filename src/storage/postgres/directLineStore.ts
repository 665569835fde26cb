import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { type Clock, systemClock } from '../../clock';
import {
  type ActivityPage,
  type AppendedActivity,
  type DirectLineStore,
  type LinkResume,
  PAGE_LIMITS,
  pageOf,
  type StoredFile,
  transcriptOf,
} from '../directLineStore';
import type { TranscriptEntry } from '../transcriptRepository';
import type { PgDatabase } from './pgDatabase';

/** dl_activities.seq is an INTEGER: no conversation gets near two billion activities. */
const MAX_WATERMARK = 2 ** 31 - 1;

/** An activity's id: its conversation and its watermark, the same as SQLite's. */
const activityId = (conversationId: string, seq: number) => `${conversationId}|${String(seq).padStart(7, '0')}`;

/**
 * Our Direct Line's memory in PostgreSQL. An append takes the conversation's next watermark from
 * its row (`last_seq`) in the same statement that stores the activity: the row stays locked until
 * the append's transaction commits, so watermarks commit in order and a reader that sees one has
 * seen every earlier one — a client paging on from its watermark misses nothing. A resent customer
 * activity (same clientActivityID) is stored once; the watermark it took is left unused.
 */
export class PgDirectLineStore implements DirectLineStore {
  readonly failedTurnsTakeBack = true;
  constructor(
    private readonly db: PgDatabase,
    private readonly clock: Clock = systemClock,
  ) {}

  async createConversation(userId: string): Promise<string> {
    const id = randomUUID().replace(/-/g, '');
    await this.db.query('INSERT INTO dl_conversations (id, user_id, created_at) VALUES ($1, $2, $3)', [
      id,
      userId,
      this.clock.now().toISOString(),
    ]);
    return id;
  }

  async conversation(id: string): Promise<{ id: string; userId: string; started: boolean } | null> {
    const { rows } = await this.db.query<{ id: string; user_id: string; started: boolean }>(
      'SELECT id, user_id, started FROM dl_conversations WHERE id = $1',
      [id],
      'dl_conversation',
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id, started: rows[0].started } : null;
  }

  async markStarted(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE dl_conversations SET started = TRUE WHERE id = $1 AND NOT started', [id], 'dl_start');
    return rowCount === 1;
  }

  async recordResume(conversationId: string, resume: LinkResume): Promise<void> {
    // the newest resume stays (ISO times of one length compare as text); ties go to the greater session id, as in memory
    await this.db.query(
      `UPDATE dl_conversations SET resumed_at = $2, resumed_session = $3
       WHERE id = $1 AND (resumed_at IS NULL OR resumed_at < $2 OR (resumed_at = $2 AND resumed_session < $3))`,
      [conversationId, new Date(resume.at).toISOString(), resume.sessionId],
      'dl_resume',
    );
  }

  async resumedSince(since: number): Promise<Array<LinkResume & { conversationId: string }>> {
    const { rows } = await this.db.query<{ id: string; resumed_at: string; resumed_session: string }>(
      'SELECT id, resumed_at, resumed_session FROM dl_conversations WHERE resumed_at > $1',
      [new Date(since).toISOString()],
      'dl_resumed_since',
    );
    return rows.map((row) => ({ conversationId: row.id, at: Date.parse(row.resumed_at), sessionId: row.resumed_session }));
  }

  async idOfClientActivity(conversationId: string, clientActivityId: string | undefined): Promise<string | null> {
    if (!clientActivityId) return null;
    const existing = await this.byClientId(conversationId, clientActivityId);
    return existing ? (existing.activity.id ?? null) : null;
  }

  private async byClientId(conversationId: string, clientId: string): Promise<AppendedActivity | null> {
    const { rows } = await this.db.query<{ seq: number; activity: string }>(
      'SELECT seq, activity FROM dl_activities WHERE conversation_id = $1 AND client_activity_id = $2',
      [conversationId, clientId],
      'dl_by_client_id',
    );
    return rows[0] ? { activity: this.parse(conversationId, rows[0]), watermark: rows[0].seq, duplicate: true } : null;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<AppendedActivity> {
    const given = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    const clientId = typeof given === 'string' && given ? given : null;
    const { id: _ignored, ...content } = activity;
    const { rows } = await this.db.query<{ seq: number }>(
      `WITH next AS (UPDATE dl_conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO dl_activities (conversation_id, seq, client_activity_id, activity)
       SELECT $1, last_seq, $2, $3 FROM next
       ON CONFLICT (conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL DO NOTHING
       RETURNING seq`,
      [conversationId, clientId, JSON.stringify(content)],
      'dl_append',
    );
    if (rows[0]) {
      const seq = rows[0].seq;
      return { activity: { ...activity, id: activityId(conversationId, seq) }, watermark: seq, duplicate: false };
    }
    const first = clientId ? await this.byClientId(conversationId, clientId) : null;
    if (!first) throw new Error(`no Direct Line conversation ${conversationId}`);
    return first;
  }

  whenStored(callback: () => void): void {
    this.db.afterCommit(callback);
  }

  committedAfter(conversationId: string, watermark: number): Promise<ActivityPage> {
    return this.db.readCommitted(() => this.after(conversationId, watermark));
  }

  readCommitted<T>(read: () => T | Promise<T>): Promise<T> {
    return this.db.readCommitted(read);
  }

  async after(conversationId: string, watermark: number): Promise<ActivityPage> {
    // past the largest watermark a conversation can have (an INTEGER column), as on SQLite: nothing after it
    if (watermark >= MAX_WATERMARK) return { activities: [], watermark, more: false };
    const { rows } = await this.db.query<{ seq: number; activity: string }>(
      'SELECT seq, activity FROM dl_activities WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [conversationId, watermark, PAGE_LIMITS.activities + 1],
      'dl_after',
    );
    return pageOf(rows, watermark, (row) => this.parse(conversationId, row));
  }

  private parse(conversationId: string, row: { seq: number; activity: string }): Partial<Activity> {
    return { ...(JSON.parse(row.activity) as Partial<Activity>), id: activityId(conversationId, row.seq) };
  }

  async messages(conversationId: string): Promise<TranscriptEntry[]> {
    const { rows } = await this.db.query<{ activity: string }>(
      'SELECT activity FROM dl_activities WHERE conversation_id = $1 ORDER BY seq',
      [conversationId],
    );
    return transcriptOf(rows.map((r) => r.activity));
  }

  async saveFile(conversationId: string, name: string, contentType: string, data: Buffer): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      'INSERT INTO dl_files (id, conversation_id, name, content_type, size, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, conversationId, name, contentType, data.length, data, this.clock.now().toISOString()],
      { keepParameters: true },
    );
    return id;
  }

  /** Deletes files stored before `cutoff`, a few hundred per statement: a long sweep must not hold locks for long. */
  async deleteFilesOlderThan(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.db.query(
        'DELETE FROM dl_files WHERE id IN (SELECT id FROM dl_files WHERE created_at < $1 LIMIT 200)',
        [cutoff.toISOString()],
      );
      deleted += rowCount;
      if (rowCount === 0) return deleted;
    }
  }

  async file(id: string): Promise<StoredFile | null> {
    const { rows } = await this.db.query<{ conversation_id: string; name: string; content_type: string; data: Buffer }>(
      'SELECT conversation_id, name, content_type, data FROM dl_files WHERE id = $1',
      [id],
    );
    return rows[0]
      ? { conversationId: rows[0].conversation_id, name: rows[0].name, contentType: rows[0].content_type, data: rows[0].data }
      : null;
  }
}

import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { type Clock, systemClock } from '../../clock';
import { BoundedMap } from '../../domain/boundedMap';
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
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/**
 * Our Direct Line's memory, in SQLite: conversations bound to a user, every activity with
 * its watermark (a per-conversation sequence), and uploaded files. A reconnect after a
 * restart replays from the watermark with nothing lost and nothing twice.
 */
export class SqliteDirectLineStore implements DirectLineStore {
  readonly failedTurnsTakeBack = false;
  private readonly appendStmt;
  private readonly afterStmt;
  private readonly byClientIdStmt;
  private readonly maxSeqStmt;
  /** The last watermark per conversation (one process owns the file): one INSERT per activity. */
  private readonly lastSeq = new BoundedMap<string, number>(10_000);
  private readonly conversationStmt;
  private readonly createStmt;
  private readonly startStmt;
  private readonly saveFileStmt;
  private readonly fileStmt;
  private readonly allStmt;
  private readonly deleteFilesStmt;
  private readonly resumeStmt;
  private readonly resumedSinceStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
    private readonly clock: Clock = systemClock,
  ) {
    this.appendStmt = db.prepare('INSERT INTO dl_activities (conversation_id, seq, client_activity_id, activity) VALUES (?, ?, ?, ?)');
    this.maxSeqStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM dl_activities WHERE conversation_id = ?');
    this.afterStmt = db.prepare('SELECT seq, activity FROM dl_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.byClientIdStmt = db.prepare('SELECT seq, activity FROM dl_activities WHERE conversation_id = ? AND client_activity_id = ?');
    this.conversationStmt = db.prepare('SELECT id, user_id, started FROM dl_conversations WHERE id = ?');
    this.createStmt = db.prepare('INSERT INTO dl_conversations (id, user_id, created_at) VALUES (?, ?, ?)');
    this.startStmt = db.prepare('UPDATE dl_conversations SET started = 1 WHERE id = ? AND started = 0');
    this.saveFileStmt = db.prepare(
      'INSERT INTO dl_files (id, conversation_id, name, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.allStmt = db.prepare('SELECT activity FROM dl_activities WHERE conversation_id = ? ORDER BY seq');
    this.fileStmt = db.prepare('SELECT conversation_id, name, content_type, data FROM dl_files WHERE id = ?');
    // a rolled-back batch took its watermarks with it: read them back from the database
    commits.onRollback(() => this.lastSeq.clear());
    this.deleteFilesStmt = db.prepare('DELETE FROM dl_files WHERE rowid IN (SELECT rowid FROM dl_files WHERE created_at < ? LIMIT 200)');
    // the newest resume stays (ISO times of one length compare as text); ties go to the greater session id, as in memory
    this.resumeStmt = db.prepare(
      `UPDATE dl_conversations SET resumed_at = ?, resumed_session = ?
       WHERE id = ? AND (resumed_at IS NULL OR resumed_at < ? OR (resumed_at = ? AND resumed_session < ?))`,
    );
    this.resumedSinceStmt = db.prepare('SELECT id, resumed_at, resumed_session FROM dl_conversations WHERE resumed_at > ?');
  }

  async createConversation(userId: string): Promise<string> {
    const id = randomUUID().replace(/-/g, '');
    this.commits.join();
    this.createStmt.run(id, userId, this.clock.now().toISOString());
    return id;
  }

  async conversation(id: string): Promise<{ id: string; userId: string; started: boolean } | null> {
    const row = this.conversationStmt.get(id) as { id: string; user_id: string; started: number } | undefined;
    return row ? { id: row.id, userId: row.user_id, started: row.started === 1 } : null;
  }

  /** Marks the conversation started; true only the first time (when the bot should greet). */
  async markStarted(id: string): Promise<boolean> {
    this.commits.join();
    return this.startStmt.run(id).changes === 1;
  }

  async recordResume(conversationId: string, resume: LinkResume): Promise<void> {
    const at = new Date(resume.at).toISOString();
    this.commits.join();
    this.resumeStmt.run(at, resume.sessionId, conversationId, at, at, resume.sessionId);
  }

  async resumedSince(since: number): Promise<Array<LinkResume & { conversationId: string }>> {
    const rows = this.resumedSinceStmt.all(new Date(since).toISOString()) as { id: string; resumed_at: string; resumed_session: string }[];
    return rows.map((row) => ({ conversationId: row.id, at: Date.parse(row.resumed_at), sessionId: row.resumed_session }));
  }

  /** The id of the customer activity already stored with this clientActivityID, if any (a resend). */
  async idOfClientActivity(conversationId: string, clientActivityId: string | undefined): Promise<string | null> {
    if (!clientActivityId) return null;
    const existing = this.byClientIdStmt.get(conversationId, clientActivityId) as { seq: number; activity: string } | undefined;
    return existing ? ((JSON.parse(existing.activity) as Partial<Activity>).id ?? null) : null;
  }

  /**
   * Appends an activity, giving it its id and watermark. A customer activity sent twice
   * (same clientActivityID) is stored once: the first copy is returned.
   */
  async append(conversationId: string, activity: Partial<Activity>): Promise<AppendedActivity> {
    const given = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
    const clientId = typeof given === 'string' && given ? given : null;
    if (clientId) {
      const existing = this.byClientIdStmt.get(conversationId, clientId) as { seq: number; activity: string } | undefined;
      if (existing) return { activity: JSON.parse(existing.activity), watermark: existing.seq, duplicate: true };
    }
    const seq = (this.lastSeq.get(conversationId) ?? (this.maxSeqStmt.get(conversationId) as { seq: number }).seq) + 1;
    const stored = { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}` };
    this.commits.join();
    this.appendStmt.run(conversationId, seq, clientId, JSON.stringify(stored));
    this.lastSeq.set(conversationId, seq);
    return { activity: stored, watermark: seq, duplicate: false };
  }

  /** Runs `callback` once the activities appended so far are committed: nobody sees one that a crash could lose. */
  whenStored(callback: () => void): void {
    this.commits.afterCommit(callback);
  }

  /** `after`, as committed: a poll never shows an activity that a failed commit takes back. */
  committedAfter(conversationId: string, watermark: number): Promise<ActivityPage> {
    return this.readCommitted(() => this.pageAfter(conversationId, watermark));
  }

  /** Runs `read` with nothing uncommitted pending (see GroupCommit.readCommitted). */
  readCommitted<T>(read: () => T | Promise<T>): Promise<T> {
    return this.commits.readCommitted(read);
  }

  /**
   * Activities after a watermark, oldest first, and the new watermark: the last one returned,
   * so a client that pages on from it gets every activity exactly once. A page stops at
   * PAGE_LIMITS (count or bytes); `more` says whether another page follows.
   */
  async after(conversationId: string, watermark: number): Promise<ActivityPage> {
    return this.pageAfter(conversationId, watermark);
  }

  // synchronous: read in one step, so that committedAfter's read cannot overlap a writer
  private pageAfter(conversationId: string, watermark: number): ActivityPage {
    const rows = this.afterStmt.all(conversationId, watermark, PAGE_LIMITS.activities + 1) as { seq: number; activity: string }[];
    return pageOf(rows, watermark, (row) => JSON.parse(row.activity));
  }

  /** The conversation's messages as the agent's transcript shows them (customer, bot or agent). */
  async messages(conversationId: string): Promise<TranscriptEntry[]> {
    return transcriptOf((this.allStmt.all(conversationId) as { activity: string }[]).map((r) => r.activity));
  }

  /** Keeps an uploaded file whose content was already checked (`contentType` is the sniffed one). */
  async saveFile(conversationId: string, name: string, contentType: string, data: Buffer): Promise<string> {
    const id = randomUUID();
    this.commits.join();
    this.saveFileStmt.run(id, conversationId, name, contentType, data.length, data, this.clock.now().toISOString());
    return id;
  }

  /** Deletes files stored before `cutoff`, a few hundred per commit: the first sweep of a full disk must not stall every turn. */
  async deleteFilesOlderThan(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      this.commits.join();
      const changes = this.deleteFilesStmt.run(cutoff.toISOString()).changes;
      await this.commits.durable();
      deleted += changes;
      if (changes === 0) return deleted;
    }
  }

  async file(id: string): Promise<StoredFile | null> {
    const row = this.fileStmt.get(id) as { conversation_id: string; name: string; content_type: string; data: Buffer } | undefined;
    return row ? { conversationId: row.conversation_id, name: row.name, contentType: row.content_type, data: row.data } : null;
  }
}

import type { Db } from './database';

export interface TranscriptEntry {
  from: 'customer' | 'bot' | 'agent';
  text: string | null;
  attachments: { name?: string; contentType?: string }[];
  timestamp: string;
}

type Row = [string, string | null, 'in' | 'out', TranscriptEntry['from'], string, string | null, string, string];

/**
 * Every activity in and out of a conversation, for the agent's context. Writes are
 * buffered and committed together once per tick: one transaction instead of one per message.
 */
export class TranscriptRepository {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly writeAll: (rows: Row[]) => void;
  private pending: Row[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO transcript (conversation_id, activity_id, direction, sender, type, text, attachments, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare(
      'SELECT sender, text, attachments, timestamp FROM transcript WHERE conversation_id = ? AND type = ? ORDER BY seq',
    );
    this.writeAll = db.transaction((rows: Row[]) => {
      for (const row of rows) this.insertStmt.run(...row);
    });
  }

  /** Writes what is buffered now (also before reading, and at shutdown). */
  flush(): void {
    this.scheduled = false;
    if (!this.pending.length || !this.db.open) return;
    const rows = this.pending;
    this.pending = [];
    this.writeAll(rows);
  }

  record(entry: {
    conversationId: string;
    activityId: string | null;
    direction: 'in' | 'out';
    from: TranscriptEntry['from'];
    type: string;
    text: string | null;
    attachments: TranscriptEntry['attachments'];
    timestamp: string;
  }): void {
    this.pending.push([
      entry.conversationId,
      entry.activityId,
      entry.direction,
      entry.from,
      entry.type,
      entry.text,
      JSON.stringify(entry.attachments),
      entry.timestamp,
    ]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  forConversation(conversationId: string): TranscriptEntry[] {
    this.flush();
    return (
      this.listStmt.all(conversationId, 'message') as {
        sender: TranscriptEntry['from'];
        text: string | null;
        attachments: string;
        timestamp: string;
      }[]
    ).map((r) => ({ from: r.sender, text: r.text, attachments: JSON.parse(r.attachments), timestamp: r.timestamp }));
  }
}

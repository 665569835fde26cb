import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export interface TranscriptEntry {
  from: 'customer' | 'bot' | 'agent';
  text: string | null;
  attachments: { name?: string; contentType?: string }[];
  timestamp: string;
}

/** A store that already keeps every message of some conversations (our Direct Line's). */
export interface TranscriptSource {
  owns(conversationId: string): boolean;
  messages(conversationId: string): TranscriptEntry[];
}

/**
 * Every activity in and out of a conversation, for the agent's context. Conversations whose
 * messages another store already keeps (our Direct Line) are read from there instead of
 * being written twice.
 */
export class TranscriptRepository {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly sources: TranscriptSource[] = [];

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO transcript (conversation_id, activity_id, direction, sender, type, text, attachments, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare(
      'SELECT sender, text, attachments, timestamp FROM transcript WHERE conversation_id = ? AND type = ? ORDER BY seq',
    );
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
    this.commits.join();
    this.insertStmt.run(
      entry.conversationId,
      entry.activityId,
      entry.direction,
      entry.from,
      entry.type,
      entry.text,
      JSON.stringify(entry.attachments),
      entry.timestamp,
    );
  }

  readFrom(source: TranscriptSource): void {
    this.sources.push(source);
  }

  forConversation(conversationId: string): TranscriptEntry[] {
    const source = this.sources.find((s) => s.owns(conversationId));
    if (source) return source.messages(conversationId);
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

import { type ConversationKey, DIRECT_LINE_CHANNEL } from '../domain/conversationKey';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export interface TranscriptEntry {
  from: 'customer' | 'bot' | 'agent';
  text: string | null;
  attachments: { name?: string; contentType?: string }[];
  timestamp: string;
}

/** Our Direct Line's store, which already keeps every message of its conversations. */
export interface TranscriptSource {
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
  private directLine?: TranscriptSource;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO transcript (channel, conversation_id, activity_id, direction, sender, type, text, attachments, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.listStmt = db.prepare(
      'SELECT sender, text, attachments, timestamp FROM transcript WHERE channel = ? AND conversation_id = ? AND type = ? ORDER BY seq',
    );
  }

  record(entry: {
    conversation: ConversationKey;
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
      entry.conversation.channel,
      entry.conversation.id,
      entry.activityId,
      entry.direction,
      entry.from,
      entry.type,
      entry.text,
      JSON.stringify(entry.attachments),
      entry.timestamp,
    );
  }

  /** Direct Line conversations are read from its store. */
  readDirectLineFrom(source: TranscriptSource): void {
    this.directLine = source;
  }

  forConversation(conversation: ConversationKey): TranscriptEntry[] {
    if (conversation.channel === DIRECT_LINE_CHANNEL) return this.directLine?.messages(conversation.id) ?? [];
    return (
      this.listStmt.all(conversation.channel, conversation.id, 'message') as {
        sender: TranscriptEntry['from'];
        text: string | null;
        attachments: string;
        timestamp: string;
      }[]
    ).map((r) => ({ from: r.sender, text: r.text, attachments: JSON.parse(r.attachments), timestamp: r.timestamp }));
  }
}

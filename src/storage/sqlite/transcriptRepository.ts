import { type ConversationKey, DIRECT_LINE_CHANNEL } from '../../domain/conversationKey';
import type { TranscriptEntry, TranscriptRecord, TranscriptRepository, TranscriptSource } from '../transcriptRepository';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

/** The transcript table; Direct Line conversations are read from its own store instead. */
export class SqliteTranscriptRepository implements TranscriptRepository {
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

  async record(entry: TranscriptRecord): Promise<void> {
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

  async forConversation(conversation: ConversationKey): Promise<TranscriptEntry[]> {
    if (conversation.channel === DIRECT_LINE_CHANNEL) return (await this.directLine?.messages(conversation.id)) ?? [];
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

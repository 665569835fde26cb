import { type ConversationKey, DIRECT_LINE_CHANNEL } from '../../domain/conversationKey';
import type { TranscriptEntry, TranscriptRecord, TranscriptRepository, TranscriptSource } from '../transcriptRepository';
import type { PgDatabase } from './pgDatabase';

/** The transcript table; Direct Line conversations are read from its own store instead. */
export class PgTranscriptRepository implements TranscriptRepository {
  private directLine?: TranscriptSource;

  constructor(private readonly db: PgDatabase) {}

  async record(entry: TranscriptRecord): Promise<void> {
    await this.db.write(
      `INSERT INTO transcript (channel, conversation_id, activity_id, direction, sender, type, text, attachments, timestamp)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        entry.conversation.channel,
        entry.conversation.id,
        entry.activityId,
        entry.direction,
        entry.from,
        entry.type,
        entry.text,
        JSON.stringify(entry.attachments),
        entry.timestamp,
      ],
      'transcript_insert',
    );
  }

  readDirectLineFrom(source: TranscriptSource): void {
    this.directLine = source;
  }

  async forConversation(conversation: ConversationKey): Promise<TranscriptEntry[]> {
    if (conversation.channel === DIRECT_LINE_CHANNEL) return (await this.directLine?.messages(conversation.id)) ?? [];
    const { rows } = await this.db.query<{ sender: TranscriptEntry['from']; text: string | null; attachments: string; timestamp: string }>(
      "SELECT sender, text, attachments, timestamp FROM transcript WHERE channel = $1 AND conversation_id = $2 AND type = 'message' ORDER BY seq",
      [conversation.channel, conversation.id],
    );
    return rows.map((r) => ({ from: r.sender, text: r.text, attachments: JSON.parse(r.attachments), timestamp: r.timestamp }));
  }
}

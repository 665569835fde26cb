import type { ConversationKey } from '../../domain/conversationKey';
import type { ConversationReferences } from '../conversationReferences';
import type { PgDatabase } from './pgDatabase';

/**
 * Conversation references, written only when they changed: the upsert's WHERE compares in the
 * database (no copy kept in this process, which another instance could make stale).
 */
export class PgConversationReferences implements ConversationReferences {
  constructor(private readonly db: PgDatabase) {}

  async save(conversation: ConversationKey, reference: object): Promise<void> {
    await this.db.write(
      `INSERT INTO conversation_references (channel, conversation_id, reference, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, conversation_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at
       WHERE conversation_references.reference <> EXCLUDED.reference`,
      [conversation.channel, conversation.id, JSON.stringify(reference), new Date().toISOString()],
      'references_save',
    );
  }

  async find(conversation: ConversationKey): Promise<object | null> {
    const { rows } = await this.db.query<{ reference: string }>(
      'SELECT reference FROM conversation_references WHERE channel = $1 AND conversation_id = $2',
      [conversation.channel, conversation.id],
    );
    return rows[0] ? JSON.parse(rows[0].reference) : null;
  }
}

import { BoundedMap } from '../../domain/boundedMap';
import { type ConversationKey, keyText } from '../../domain/conversationKey';
import type { ConversationReferences } from '../conversationReferences';
import type { Db } from './database';
import type { GroupCommit } from './groupCommit';

export class SqliteConversationReferences implements ConversationReferences {
  /** The last reference written per conversation: most turns would write the same again. */
  private readonly known = new BoundedMap<string, string>(10_000);
  private readonly saveStmt;
  private readonly loadStmt;

  constructor(
    db: Db,
    private readonly commits: GroupCommit,
  ) {
    this.saveStmt = db.prepare(
      'INSERT INTO conversation_references (channel, conversation_id, reference, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(channel, conversation_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at',
    );
    this.loadStmt = db.prepare('SELECT reference FROM conversation_references WHERE channel = ? AND conversation_id = ?');
    // a rolled-back reference must be written again by the next turn
    commits.onRollback(() => this.known.clear());
  }

  async save(conversation: ConversationKey, reference: object): Promise<void> {
    const json = JSON.stringify(reference);
    const key = keyText(conversation);
    if (this.known.get(key) === json) return;
    this.known.set(key, json);
    this.commits.join();
    this.saveStmt.run(conversation.channel, conversation.id, json, new Date().toISOString());
  }

  async find(conversation: ConversationKey): Promise<object | null> {
    const row = this.loadStmt.get(conversation.channel, conversation.id) as { reference: string } | undefined;
    return row ? JSON.parse(row.reference) : null;
  }
}

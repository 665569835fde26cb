import type { ConversationKey } from '../domain/conversationKey';

export interface TranscriptEntry {
  from: 'customer' | 'bot' | 'agent';
  text: string | null;
  attachments: { name?: string; contentType?: string }[];
  timestamp: string;
}

/** Our Direct Line's store, which already keeps every message of its conversations. */
export interface TranscriptSource {
  messages(conversationId: string): Promise<TranscriptEntry[]>;
}

export interface TranscriptRecord {
  conversation: ConversationKey;
  activityId: string | null;
  direction: 'in' | 'out';
  from: TranscriptEntry['from'];
  type: string;
  text: string | null;
  attachments: TranscriptEntry['attachments'];
  timestamp: string;
}

/**
 * Every activity in and out of a conversation, for the agent's context. Conversations whose
 * messages another store already keeps (our Direct Line) are read from there instead of
 * being written twice.
 */
export interface TranscriptRepository {
  record(entry: TranscriptRecord): Promise<void>;
  /** Direct Line conversations are read from its store. */
  readDirectLineFrom(source: TranscriptSource): void;
  forConversation(conversation: ConversationKey): Promise<TranscriptEntry[]>;
}

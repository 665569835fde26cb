import type { ConversationKey } from '../domain/conversationKey';

/** Where a channel's conversation lives (its Bot Framework conversation reference), to reach it proactively. */
export interface ConversationReferences {
  /** Keeps the reference (a write only when it changed). */
  save(conversation: ConversationKey, reference: object): Promise<void>;
  find(conversation: ConversationKey): Promise<object | null>;
}

import type { Claim, ClaimStatus } from '../domain/claim';
import type { ConversationKey } from '../domain/conversationKey';

/**
 * Claims, stored whole, found by id, by conversation, by status and in the agents' queue.
 * `get` hands out a frozen claim that readers share; a change starts from `getForUpdate`'s
 * private copy and is written back with `save`. Every method is a round trip to a network
 * database; an implementation with a cache answers from it through an already-resolved promise.
 */
export interface ClaimRepository {
  insert(claim: Claim): Promise<void>;
  save(claim: Claim): Promise<void>;
  /** The claim, frozen: to change it, use `getForUpdate`. */
  get(id: string): Promise<Claim | null>;
  /** A private copy of the claim to change and then `save`. */
  getForUpdate(id: string): Promise<Claim | null>;
  /** The current claim of a conversation (the same id on another channel is another conversation): its newest. */
  latestForConversation(conversation: ConversationKey): Promise<Claim | null>;
  /** One page of claims, newest first; several statuses mean any of them; `total` counts every match. */
  page(filter: { conversationId?: string; statuses?: ClaimStatus[] }, limit: number, cursor: PageCursor | null): Promise<Page<Claim>>;
  /** Claims waiting for a person, longest waiting first, one page after `cursor`. */
  queue(limit?: number, cursor?: PageCursor | null): Promise<Page<Claim>>;
  /** Where a waiting claim stands in the queue (1 = next), or null when it is not waiting. */
  queuePosition(id: string): Promise<number | null>;
  /** How many claims wait for a person and when the longest-waiting one was handed off (null: none wait); read on the queue's index. */
  waiting(): Promise<{ count: number; oldestRequestedAt: string | null }>;
  count(): Promise<number>;
  /**
   * How many chats each agent has open (`with_agent` claims whose handoff.agent is them, not ended for
   * the customer's silence: those take no seat); agents with none are absent.
   */
  openChats(): Promise<Map<string, number>>;
  /**
   * The ids of the chats `username` has open (as `openChats` counts them). `holdSeats`, inside a unit of work: until it commits, no
   * other unit counts this agent's chats with `holdSeats` (PostgreSQL: an advisory lock on the agent) —
   * count and assign under it, and two routers never fill one seat twice.
   */
  chatsOf(username: string, holdSeats?: boolean): Promise<string[]>;
}

/** Where a page ends: the sort key and row of its last item. */
export interface PageCursor {
  key: string;
  rowid: number;
}
export interface Page<T> {
  items: T[];
  next: PageCursor | null;
  total: number;
}

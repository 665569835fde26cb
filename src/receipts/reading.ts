import type { ReceiptFacts, TextSource } from '../domain/receipts/readReceipt';

/** Why a file was not read; the agent reads it instead. */
export type UnreadableReason =
  | 'not_found'
  | 'empty'
  | 'too_big'
  | 'wrong_type'
  | 'too_many_pixels'
  | 'corrupt'
  | 'no_text'
  | 'heic_unsupported';
/** Why a reading was not done at all: the pool was full, the file took too long, or the pool is closing. */
export type SkipReason = 'busy' | 'timeout' | 'closed' | 'crashed';

/**
 * What the reader made of one proof file. A plain object, so it crosses from the worker thread
 * as it is and can be stored as JSON. `text` has payment details redacted.
 */
export type Reading =
  | { status: 'read'; source: TextSource; facts: ReceiptFacts; text: string; pages: number; ms: number }
  | { status: 'unreadable'; reason: UnreadableReason; detail?: string; ms: number }
  | { status: 'skipped'; reason: SkipReason; ms: number };

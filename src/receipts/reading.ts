import type { ReceiptFacts, TextSource } from '../domain/receipts/readReceipt';
import type { Spot } from '../domain/receipts/spot';

/** Why a file was not read; the agent reads it instead. */
export const UNREADABLE_REASONS = [
  'not_found',
  'empty',
  'too_big',
  'wrong_type',
  'too_many_pixels',
  'corrupt',
  'no_text',
  'heic_unsupported',
] as const;
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];
/**
 * Why a reading was not done at all: the pool was full, the file took too long or too much memory
 * (a decompression bomb), its worker died, or the pool is closing.
 */
export const SKIP_REASONS = ['busy', 'timeout', 'closed', 'crashed', 'memory'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/**
 * What the reader made of one proof file. A plain object, so it crosses from the worker thread
 * as it is and can be stored as JSON. `text` has payment details redacted.
 */
export type Reading =
  | {
      status: 'read';
      source: TextSource;
      facts: ReceiptFacts;
      text: string;
      pages: number;
      /** where the purchase date was found on the file, when that is known */
      dateSpot: Spot | null;
      ms: number;
    }
  | { status: 'unreadable'; reason: UnreadableReason; detail?: string; ms: number }
  | { status: 'skipped'; reason: SkipReason; ms: number };

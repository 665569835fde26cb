import type { ConversationKey } from '../domain/conversationKey';
import type { DateCorrectionFacts } from '../domain/dateLabels';

/** One fact of a claim an agent set right: who, when, the old and the new value. */
export interface ClaimCorrection {
  claimId: string;
  /** a CorrectableField (src/domain/factCorrection.ts) */
  field: string;
  oldValue: string | null;
  newValue: string | null;
  agent: string;
  at: string;
  /** for a purchase date, what the customer said that the assistant read; null otherwise */
  customerWords: string | null;
}

/**
 * A purchase-date correction with what the export of labels needs from its claim (scripts/exportLabels.ts):
 * its conversation, where the export finds when the words were said.
 */
export interface DateCorrectionLabel extends Omit<DateCorrectionFacts, 'wordsSaidAt'> {
  conversation: ConversationKey;
}

/** Agents' corrections of claim facts, written in the same commit as the corrected claim. */
export interface ClaimCorrections {
  record(correction: ClaimCorrection): Promise<void>;
  /** A claim's corrections, oldest first. */
  of(claimId: string): Promise<ClaimCorrection[]>;
  /** Every purchase-date correction that has the customer's words, oldest first. */
  dateLabels(): Promise<DateCorrectionLabel[]>;
  /** The purchase-date corrections of the claims created in [fromIso, toIso), newest first, at most `limit` (the dashboard). */
  datesCorrectedIn(fromIso: string, toIso: string, limit: number): Promise<ClaimCorrection[]>;
}

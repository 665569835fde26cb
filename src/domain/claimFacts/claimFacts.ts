import type { ConditionsReading } from '../conditionsClassifier';
import type { PurchaseDateReading } from '../dates/readPurchaseDate';
import type { ProductSource } from '../products/recognizeProduct';
import type { ProofAnswer } from '../proofClassifier';

/** The facts a claim is made of; the same names as the fields the confirmation lets the customer change. */
export type FactName = 'product' | 'purchase' | 'proof' | 'problem' | 'conditions';

/**
 * What one message says about the claim, whatever question it answered. A fact is present
 * only when the message states it plainly; anything doubtful is left out (the question for
 * that fact is then still asked).
 */
export interface ClaimFacts {
  /** The product as the customer named it ("QC908 DVR") and its model number. */
  product?: { text: string; model: string; source: ProductSource; family: string | null };
  /** The customer's words and what the date reader made of them (a date, a range or readings). */
  purchase?: { text: string; reading: PurchaseDateReading };
  /** Which proof of purchase and whether a copy can come now ("I lost the receipt"). */
  proof?: ProofAnswer;
  /** The fault in the customer's words ("keeps rebooting every few minutes"); `vague` when it only says something is wrong. */
  problem?: { text: string; vague: boolean };
  /** Excluded conditions the message states ("it fell off the shelf"); never a denial. */
  conditions?: ConditionsReading;
}

/** The names of the facts a message carries. */
export const factNames = (facts: ClaimFacts): FactName[] =>
  (['product', 'purchase', 'proof', 'problem', 'conditions'] as const).filter((name) => facts[name] !== undefined);

import { localToday } from '../calendar';
import type { Claim } from '../claim';
import { claimWindow } from '../claimWindow';
import { receiptChangesDecision } from './receiptChangesDecision';

/**
 * The receipt's date when it would decide the claim otherwise than the customer's date does (one
 * inside the window, the other outside) and the customer has not been asked about it yet: the
 * customer is asked, or, past the decision, a person looks (never a refusal on the receipt alone).
 */
export function receiptConflict(claim: Claim, windowDays: number): string | null {
  const receipt = claim.proof.receipt;
  // asked whenever the receipt's day decides otherwise, even a day or two off what they said ("agrees"): a
  // customer one day outside the window by their memory and inside it by their receipt is asked, not refused
  if (!receipt?.purchaseDate || receipt.customerAnswer) return null;
  const today = localToday(new Date(claim.createdAt), claim.timeZone);
  return receiptChangesDecision(receipt.purchaseDate, claimWindow(claim, windowDays), today, windowDays) ? receipt.purchaseDate : null;
}

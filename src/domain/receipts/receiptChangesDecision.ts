import { type Day, parseIsoDay } from '../calendar';
import { decideWindow, type WindowDecision } from '../warrantyWindow';

/**
 * Whether taking the receipt's date instead of the stated one would change the decision: one
 * inside the warranty window, the other outside. A stated date still undecided ("ask") is not
 * changed by the receipt here: that claim goes to a person already.
 * @example receiptChangesDecision('2025-10-02', 'within', nov20, 30) // true
 */
export function receiptChangesDecision(receiptDate: string | null, stated: WindowDecision, today: Day, windowDays: number): boolean {
  const receipt = receiptDate ? parseIsoDay(receiptDate) : null;
  if (!receipt || stated === 'ask') return false;
  const byReceipt = decideWindow([receipt], today, windowDays);
  return byReceipt !== 'ask' && byReceipt !== stated;
}

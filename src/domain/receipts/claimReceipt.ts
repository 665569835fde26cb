import { localToday } from '../calendar';
import type { ReceiptFacts, TextSource } from './readReceipt';
import { receiptAgreesWithStated, type StatedPurchase } from './receiptAgreement';

/**
 * A proof file's reading as the claim keeps it (the reader's Reading without its text, which
 * stays out of the claim: it can be long, and the agent has the file).
 */
export type ProofReading =
  | { status: 'read'; source: TextSource; facts: ReceiptFacts; pages: number; ms: number }
  | { status: 'unreadable'; reason: string; ms: number }
  | { status: 'skipped'; reason: string; ms: number };

/** How the customer settled a receipt that disagreed with them (purchaseDateReceipt). */
export type ReceiptAnswer = 'receipt' | 'stated';

/** `proof.receipt` (design.md, "Contract additions"), with what the agent should see about it. */
export interface ClaimReceipt {
  purchaseDate: string | null;
  seller: string | null;
  models: string[];
  agreesWithStated: boolean | null;
  /** the proof file this reading is of */
  fileId: string;
  /** for the agent: "receipt confirms the purchase date", "no Q-See model on the receipt", the disagreement */
  notes: string[];
  /** the customer's answer when asked which date is right; null until asked */
  customerAnswer: ReceiptAnswer | null;
}

interface ReadFile {
  id: string;
  reading?: ProofReading;
}

/**
 * The reading the claim relies on: the latest file read with a purchase date, else the latest
 * file read at all; null when no file could be read (unreadable and skipped files change nothing).
 */
export function claimReceipt(
  files: readonly ReadFile[],
  stated: StatedPurchase,
  claim: { createdAt: string; timeZone: string },
  customerAnswer: ReceiptAnswer | null = null,
): ClaimReceipt | null {
  const read = files.filter((f) => f.reading?.status === 'read');
  const chosen = [...read].reverse().find((f) => facts(f)?.purchaseDate) ?? read[read.length - 1];
  const found = chosen && facts(chosen);
  if (!chosen || !found) return null;
  const purchaseDate = found.purchaseDate?.date ?? null;
  const today = localToday(new Date(claim.createdAt), claim.timeZone);
  const agreesWithStated = receiptAgreesWithStated(purchaseDate, stated, today);
  const models = [...new Set(found.models.map((m) => m.model))];
  const notes: string[] = [];
  if (agreesWithStated === true) notes.push('receipt confirms the purchase date');
  if (agreesWithStated === false) notes.push(`receipt shows ${purchaseDate}; the customer said "${stated.text}"`);
  if (customerAnswer === 'receipt') notes.push('the customer confirmed the receipt date');
  if (customerAnswer === 'stated') notes.push('the customer keeps their own date over the receipt');
  if (!models.length) notes.push('no Q-See model on the receipt');
  return { purchaseDate, seller: found.seller?.seller ?? null, models, agreesWithStated, fileId: chosen.id, notes, customerAnswer };
}

const facts = (file: ReadFile): ReceiptFacts | null => (file.reading?.status === 'read' ? file.reading.facts : null);

/**
 * The receipt in one line for the person the claim is handed to (the hand-off's summary).
 * @example receiptLine(receipt) // "Receipt (as read): dated 2026-01-10, seller Best Buy, models QT5682 — receipt shows …"
 */
export function receiptLine(receipt: ClaimReceipt | null | undefined): string | null {
  if (!receipt) return null;
  const read = [
    `dated ${receipt.purchaseDate ?? 'unknown'}`,
    `seller ${receipt.seller ?? 'unknown'}`,
    receipt.models.length ? `models ${receipt.models.join(', ')}` : null,
  ].filter(Boolean);
  return `Receipt (as read): ${read.join(', ')}${receipt.notes.length ? ` — ${receipt.notes.join('; ')}` : ''}`;
}

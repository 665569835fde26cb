import { localToday } from '../calendar';
import type { ReceiptFacts, TextSource } from './readReceipt';
import { receiptAgreesWithStated, type StatedPurchase } from './receiptAgreement';
import type { Spot } from './spot';

/**
 * A proof file's reading as the claim keeps it (the reader's Reading without its text, which
 * stays out of the claim: it can be long, and the agent has the file).
 */
export type ProofReading =
  | { status: 'read'; source: TextSource; facts: ReceiptFacts; pages: number; dateSpot?: Spot | null; ms: number }
  | { status: 'unreadable'; reason: string; ms: number }
  | { status: 'skipped'; reason: string; ms: number };

/** What an agent read on a proof file themselves, in place of the reader's reading (correction `receipt`). */
export interface AgentReading {
  purchaseDate: string | null;
  seller: string | null;
  models: string[];
}

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
  /** an agent set the reading right (the record of corrections says who and when) */
  correctedByAgent: boolean;
}

interface ReadFile {
  id: string;
  reading?: ProofReading;
  agentReading?: AgentReading;
}

/**
 * The reading the claim relies on: the latest file read with a purchase date, else the latest
 * file read at all; null when no file could be read (unreadable and skipped files change nothing).
 * A file an agent read themselves counts with their reading, whatever the reader made of it, and
 * before any the reader read: a person looked.
 */
export function claimReceipt(
  files: readonly ReadFile[],
  stated: StatedPurchase,
  claim: { createdAt: string; timeZone: string },
  customerAnswer: ReceiptAnswer | null = null,
): ClaimReceipt | null {
  const read = files.filter((f) => fileReading(f));
  const latestFirst = [...read].reverse();
  const chosen =
    latestFirst.find((f) => f.agentReading?.purchaseDate) ?? latestFirst.find((f) => fileReading(f)?.purchaseDate) ?? latestFirst[0];
  const found = chosen && fileReading(chosen);
  if (!chosen || !found) return null;
  const purchaseDate = found.purchaseDate;
  const today = localToday(new Date(claim.createdAt), claim.timeZone);
  const agreesWithStated = receiptAgreesWithStated(purchaseDate, stated, today);
  const models = found.models;
  const notes: string[] = [];
  if (chosen.agentReading) notes.push('the reading was corrected by an agent');
  // the customer took the receipt's date: it agrees now because it is theirs, not because it confirms what they said
  if (agreesWithStated === true && customerAnswer !== 'receipt') notes.push('receipt confirms the purchase date');
  if (agreesWithStated === false) notes.push(`receipt shows ${purchaseDate}; the customer said "${stated.text}"`);
  if (customerAnswer === 'receipt')
    notes.push(`the customer confirmed the receipt date${stated.text ? ` (they had said "${stated.text}")` : ''}`);
  if (customerAnswer === 'stated') notes.push('the customer keeps their own date over the receipt');
  if (!models.length) notes.push('no Q-See model on the receipt');
  return {
    purchaseDate,
    seller: found.seller,
    models,
    agreesWithStated,
    fileId: chosen.id,
    notes,
    customerAnswer,
    correctedByAgent: Boolean(chosen.agentReading),
  };
}

/** What a file says: the agent's reading of it, else the reader's; null when it was not read. */
export function fileReading(file: ReadFile): AgentReading | null {
  if (file.agentReading) return file.agentReading;
  if (file.reading?.status !== 'read') return null;
  const { purchaseDate, seller, models } = file.reading.facts;
  return { purchaseDate: purchaseDate?.date ?? null, seller: seller?.seller ?? null, models: [...new Set(models.map((m) => m.model))] };
}

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

/**
 * The proof files the reader could not read, for the person the claim is handed to: they read those
 * themselves (a HEIC of a kind the reader cannot open, a damaged file, a busy reader).
 * @example unreadProofLine([{ name: 'r.heic', reading: { status: 'unreadable', reason: 'heic_unsupported', ms: 3 } }])
 * // "Not read by the assistant (open them): r.heic (heic unsupported)"
 */
export function unreadProofLine(files: readonly (ReadFile & { name: string })[]): string | null {
  const unread = files.filter((f) => !f.agentReading && f.reading && f.reading.status !== 'read');
  if (!unread.length) return null;
  const why = (f: ReadFile) => (f.reading && f.reading.status !== 'read' ? f.reading.reason.replace(/_/g, ' ') : '');
  return `Not read by the assistant (open them): ${unread.map((f) => `${f.name} (${why(f)})`).join(', ')}`;
}

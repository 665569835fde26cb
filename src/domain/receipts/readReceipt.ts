import { type PurchaseDateFinding, purchaseDate } from './purchaseDate';
import { type ModelFinding, qseeModels } from './qseeModels';
import type { ReceiptLine } from './receiptText';
import { type SellerFinding, seller } from './seller';

/** How the text was read: a PDF's own text is exact; OCR confuses letters and digits. */
export type TextSource = 'text-layer' | 'ocr';

/** What a proof of purchase says: each part null (or empty) when the reader is not sure. */
export interface ReceiptFacts {
  purchaseDate: PurchaseDateFinding | null;
  seller: SellerFinding | null;
  models: ModelFinding[];
}

/**
 * The purchase date, seller and Q-See models printed on a receipt, from its text.
 * @example readReceipt(linesOf('BEST BUY\nMODEL QTN8037B\n11/22/2025 16:39:25', 1), 'text-layer')
 * // { purchaseDate: { date: '2025-11-22', … }, seller: { seller: 'BEST BUY', … }, models: [{ model: 'QTN8037B', … }] }
 */
export function readReceipt(lines: readonly ReceiptLine[], source: TextSource): ReceiptFacts {
  return {
    purchaseDate: purchaseDate(lines),
    seller: seller(lines),
    models: qseeModels(lines, source === 'ocr'),
  };
}

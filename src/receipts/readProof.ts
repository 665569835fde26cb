import { checkProofContent } from '../attachments/proofContent';
import { readReceipt, type TextSource } from '../domain/receipts/readReceipt';
import { linesOf, type ReceiptLine } from '../domain/receipts/receiptText';
import { redactPayment } from '../domain/receipts/redactPayment';
import { ImageTooLarge, normalizeImage } from './normalizeImage';
import type { OcrEngine } from './ocr';
import { pdfText, renderPdfPage } from './pdfText';
import type { Reading } from './reading';

/** Pages of a scanned PDF that are drawn and OCR'd: the purchase is on the first pages. */
const MAX_OCR_PAGES = 3;
/** What is kept of the read text (redacted) for the agent: enough for a long receipt. */
const MAX_KEPT_CHARS = 20_000;

export interface ReadOptions {
  /** normalise images before OCR (orientation, size, grey, contrast); off only to measure what it brings */
  enhance?: boolean;
  clock?: () => number;
}

/**
 * Reads one proof file: a PDF's text layer (a page without one is drawn and OCR'd), an image by
 * OCR after normalising it. Anything it cannot read safely — empty, not a receipt type, huge
 * dimensions, a broken file — is "unreadable", never an exception.
 */
export async function readProof(bytes: Buffer, ocr: OcrEngine, options: ReadOptions = {}): Promise<Reading> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const ms = () => clock() - started;
  const content = await checkProofContent(bytes);
  if (!content.ok) return { status: 'unreadable', reason: content.problem, detail: content.detail, ms: ms() };
  try {
    let lines: ReceiptLine[];
    let source: TextSource;
    let pages = 1;
    if (content.contentType === 'application/pdf') {
      const pdf = await pdfText(bytes);
      pages = pdf.pageCount;
      lines = pdf.lines;
      source = 'text-layer';
      const scanned = pdf.pagesWithoutText.slice(0, MAX_OCR_PAGES);
      if (lines.length === 0 && scanned.length === 0) return { status: 'unreadable', reason: 'no_text', ms: ms() };
      for (const page of scanned) {
        const image = await renderPdfPage(bytes, page);
        lines.push(...linesOf(await ocr.recognize(await normalizeImage(image, { enhance: options.enhance ?? true })), page));
        source = 'ocr';
      }
      lines.sort((a, b) => a.page - b.page);
    } else {
      const image = await normalizeImage(bytes, { enhance: options.enhance ?? true });
      lines = linesOf(await ocr.recognize(image), 1);
      source = 'ocr';
    }
    if (lines.length === 0) return { status: 'unreadable', reason: 'no_text', ms: ms() };
    const facts = readReceipt(lines, source);
    const text = redactPayment(lines.map((l) => l.text).join('\n')).slice(0, MAX_KEPT_CHARS);
    return { status: 'read', source, facts, text, pages, ms: ms() };
  } catch (error) {
    if (error instanceof ImageTooLarge || /pixel limit/i.test(String(error)))
      return { status: 'unreadable', reason: 'too_many_pixels', ms: ms() };
    if (/heif|heic/i.test(content.contentType)) return { status: 'unreadable', reason: 'heic_unsupported', ms: ms() };
    return { status: 'unreadable', reason: 'corrupt', detail: String((error as Error)?.message ?? error).slice(0, 200), ms: ms() };
  }
}

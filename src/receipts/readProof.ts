import { checkProofContent } from '../attachments/proofContent';
import { type ReceiptFacts, readReceipt, type TextSource } from '../domain/receipts/readReceipt';
import { linesOf, type ReceiptLine } from '../domain/receipts/receiptText';
import { redactPayment } from '../domain/receipts/redactPayment';
import { type PlacedLine, spotOf } from '../domain/receipts/spot';
import { HeifCorrupt, heifImage } from './heifImage';
import { type ImageInput, ImageTooLarge, normalizeImage } from './normalizeImage';
import type { OcrEngine } from './ocr';
import { pdfText, renderPdfPage } from './pdfText';
import type { Reading } from './reading';
import { onPage, trimMargins } from './trimMargins';

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
 * OCR after normalising it (a HEIC/HEIF decoded first, see heifImage). Anything it cannot read
 * safely — empty, not a receipt type, huge dimensions, a broken file, a HEIF coded in a way no
 * decoder here has — is "unreadable", never an exception.
 */
export async function readProof(bytes: Buffer, ocr: OcrEngine, options: ReadOptions = {}): Promise<Reading> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const ms = () => clock() - started;
  const content = await checkProofContent(bytes);
  if (!content.ok) return { status: 'unreadable', reason: content.problem, detail: content.detail, ms: ms() };
  const heif = /heif|heic/i.test(content.contentType);
  /** what the image branch OCRs: the file itself, or a HEIF's pixels; a HEIF left as bytes goes to sharp (AV1) */
  let image: ImageInput = bytes;
  try {
    let lines: ReceiptLine[];
    let source: TextSource;
    let pages = 1;
    /**
     * A second OCR pass when the first found no date or no model: the image as it came (not
     * normalised) and tesseract finding the layout itself — another view of the same page, which
     * brings back rows in bordered table cells and digits that contrast stretching closed up.
     */
    let second: ReceiptLine[] = [];
    /**
     * A third, for models only, when neither found one: local contrast (CLAHE) brings back light-grey
     * small print ("Model: QT5682" under a product name). Its dates are not used: a third reading of
     * a page two readings found no date on is more likely a misread than the date.
     */
    let third: ReceiptLine[] = [];
    /** the first reading's lines with where they sit, to show the agent where the date was found */
    const placed: { page: number; lines: PlacedLine[] }[] = [];
    if (content.contentType === 'application/pdf') {
      const pdf = await pdfText(bytes);
      pages = pdf.pageCount;
      lines = pdf.lines;
      placed.push(...pdf.placed);
      source = 'text-layer';
      const scanned = pdf.pagesWithoutText.slice(0, MAX_OCR_PAGES);
      if (lines.length === 0 && scanned.length === 0) return { status: 'unreadable', reason: 'no_text', ms: ms() };
      for (const page of scanned) {
        const drawn = await trimMargins(await renderPdfPage(bytes, page));
        const read = await ocr.recognizeLines(await normalizeImage(drawn.image, { enhance: options.enhance ?? true }));
        lines.push(...linesOf(read.text, page));
        placed.push({ page, lines: read.lines.map((l) => ({ ...l, box: l.box && onPage(l.box, drawn.frame) })) });
        source = 'ocr';
      }
      lines.sort((a, b) => a.page - b.page);
      if (source === 'ocr' && incomplete(readReceipt(lines, source))) second = await secondLook(bytes, scanned, ocr);
    } else {
      if (heif) image = await heifImage(bytes);
      const read = await ocr.recognizeLines(await normalizeImage(image, { enhance: options.enhance ?? true }));
      lines = linesOf(read.text, 1);
      placed.push({ page: 1, lines: read.lines });
      source = 'ocr';
      if (lines.length > 0 && incomplete(readReceipt(lines, source)))
        second = linesOf(await ocr.recognize(await normalizeImage(image, { enhance: false }), 'auto'), 1);
      if (second.length > 0 && withSecondLook(readReceipt(lines, source), readReceipt(second, source)).models.length === 0)
        third = linesOf(await ocr.recognize(await normalizeImage(image, { enhance: true, local: true })), 1);
    }
    if (lines.length === 0 && second.length === 0) return { status: 'unreadable', reason: 'no_text', ms: ms() };
    let facts = withSecondLook(readReceipt(lines, source), second.length > 0 ? readReceipt(second, source) : null);
    if (third.length > 0) facts = { ...facts, models: readReceipt(third, source).models };
    if (facts.purchaseDate && second.length > 0 && !readReceipt(lines, source).purchaseDate) lines = second;
    const text = redactPayment(lines.map((l) => l.text).join('\n')).slice(0, MAX_KEPT_CHARS);
    const date = facts.purchaseDate;
    // the line the date was printed on is kept with the reading: it too must not carry a card number
    if (date) facts = { ...facts, purchaseDate: { ...date, evidence: redactPayment(date.evidence) } };
    const dateSpot = date ? spotOf(placed, date.page, date.evidence) : null;
    return { status: 'read', source, facts, text, pages, dateSpot, ms: ms() };
  } catch (error) {
    if (error instanceof ImageTooLarge || /pixel limit/i.test(String(error)))
      return { status: 'unreadable', reason: 'too_many_pixels', ms: ms() };
    const detail = String((error as Error)?.message ?? error).slice(0, 200);
    if (error instanceof HeifCorrupt) return { status: 'unreadable', reason: 'corrupt', detail, ms: ms() };
    // a HEIF that heic-decode could not read and sharp could not either: coded in a way neither has
    if (heif && Buffer.isBuffer(image)) return { status: 'unreadable', reason: 'heic_unsupported', detail, ms: ms() };
    return { status: 'unreadable', reason: 'corrupt', detail, ms: ms() };
  }
}

/** A first OCR pass that found no date or no Q-See model is worth a second look. */
const incomplete = (facts: ReceiptFacts) => facts.purchaseDate === null || facts.models.length === 0;

/** The scanned pages of a PDF read again: drawn as they are, with tesseract finding the layout itself. */
async function secondLook(bytes: Buffer, pages: number[], ocr: OcrEngine): Promise<ReceiptLine[]> {
  const lines: ReceiptLine[] = [];
  for (const page of pages) {
    const image = await normalizeImage((await trimMargins(await renderPdfPage(bytes, page))).image, { enhance: false });
    lines.push(...linesOf(await ocr.recognize(image, 'auto'), page));
  }
  return lines;
}

/**
 * The first reading, completed by the second: its date when the first had none, models either
 * pass found (a model is printed once and one pass may miss it), the first seller else the second.
 */
function withSecondLook(first: ReceiptFacts, second: ReceiptFacts | null): ReceiptFacts {
  if (!second) return first;
  const models = [...first.models];
  for (const found of second.models) if (!models.some((m) => m.model === found.model)) models.push(found);
  return { purchaseDate: first.purchaseDate ?? second.purchaseDate, seller: first.seller ?? second.seller, models };
}

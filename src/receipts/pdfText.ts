import type * as Pdfjs from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { linesOf, type ReceiptLine } from '../domain/receipts/receiptText';
import type { PlacedLine } from '../domain/receipts/spot';

/** A receipt is a few pages; past this the rest is not read (a 500-page PDF costs no more than ten). */
export const MAX_PDF_PAGES = 10;

type PdfjsModule = typeof Pdfjs;
let loaded: Promise<PdfjsModule> | null = null;

/**
 * pdfjs-dist is an ES module; TypeScript's CommonJS output would turn `import()` into `require()`,
 * so the native dynamic import is reached through a Function (Node 20: the legacy build).
 */
function pdfjs(): Promise<PdfjsModule> {
  const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<PdfjsModule>;
  loaded ??= nativeImport('pdfjs-dist/legacy/build/pdf.mjs');
  return loaded;
}

/** Safe options: no eval of font programs, no scripting, no font faces, no fetches, quiet. */
function openPdf(lib: PdfjsModule, bytes: Uint8Array) {
  return lib.getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    maxImageSize: 40_000_000,
    verbosity: 0,
  });
}

export interface PdfText {
  lines: ReceiptLine[];
  pageCount: number;
  /** pages (1-based) that have no text layer: a scan printed to PDF */
  pagesWithoutText: number[];
  /** each page's lines with where they sit on it */
  placed: { page: number; lines: PlacedLine[] }[];
}

/**
 * The PDF's text layer, line by line as it is seen: the text items of each page grouped by their
 * baseline (top to bottom) and ordered left to right, a wide gap kept as two spaces.
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const lib = await pdfjs();
  const task = openPdf(lib, new Uint8Array(bytes));
  try {
    const doc = await task.promise;
    const lines: ReceiptLine[] = [];
    const pagesWithoutText: number[] = [];
    const placed: PdfText['placed'] = [];
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is TextItem => 'str' in i && i.str.trim().length > 0);
      if (items.length === 0) pagesWithoutText.push(p);
      const rows = visualLines(items, page.view as number[]);
      lines.push(...linesOf(rows.map((r) => r.text).join('\n'), p));
      placed.push({ page: p, lines: rows });
      page.cleanup();
    }
    return { lines, pageCount: doc.numPages, pagesWithoutText, placed };
  } finally {
    await task.destroy();
  }
}

/** `view` is the page's box in PDF units [x0, y0, x1, y1], y upwards; boxes are made fractions of it, from the top left. */
function visualLines(items: TextItem[], view: number[]): PlacedLine[] {
  const [left = 0, bottom = 0, pageRight = 1, top = 1] = view;
  const pageWidth = Math.max(1, pageRight - left);
  const pageHeight = Math.max(1, top - bottom);
  const rows: { y: number; height: number; items: TextItem[] }[] = [];
  for (const item of items) {
    const y = item.transform[5] as number;
    const height = Math.max(1, Math.abs(item.transform[3] as number) || item.height || 1);
    const row = rows.find((r) => Math.abs(r.y - y) < Math.min(r.height, height) * 0.5);
    if (row) row.items.push(item);
    else rows.push({ y, height, items: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows.map((row) => {
    row.items.sort((a, b) => (a.transform[4] as number) - (b.transform[4] as number));
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    const start = row.items[0]?.transform[4] as number;
    let right = start;
    for (const item of row.items) {
      const x = item.transform[4] as number;
      const gap = x - end;
      if (text.length > 0) text += gap > row.height * 0.8 ? '  ' : gap > row.height * 0.15 ? ' ' : '';
      text += item.str;
      end = x + item.width;
      right = Math.max(right, end);
    }
    // the baseline is row.y; the glyphs stand about a line's height above it
    const box = {
      x: (start - left) / pageWidth,
      y: (top - row.y - row.height) / pageHeight,
      width: (right - start) / pageWidth,
      height: (row.height * 1.25) / pageHeight,
    };
    return { text, box };
  });
}

/**
 * One page drawn to a PNG (for OCR of a scan printed to PDF), at a scale that keeps it under
 * `maxPixels`. Uses pdfjs-dist's canvas (@napi-rs/canvas, prebuilt, offline).
 */
export async function renderPdfPage(bytes: Uint8Array, pageNumber: number, maxPixels = 12_000_000): Promise<Buffer> {
  const lib = await pdfjs();
  const task = openPdf(lib, new Uint8Array(bytes));
  try {
    const doc = await task.promise;
    const page = await doc.getPage(pageNumber);
    const base = page.getViewport({ scale: 1 });
    const scale = Math.min(3, Math.sqrt(maxPixels / Math.max(1, base.width * base.height)));
    const viewport = page.getViewport({ scale });
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer } } };
    const { canvas } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await task.destroy();
  }
}

/** The text read from one proof file, line by line, with the page each line is on (1 for images). */
export interface ReceiptLine {
  page: number;
  text: string;
}

/** At most this many lines are looked at: a receipt is short, a 300-page PDF is not a receipt. */
export const MAX_RECEIPT_LINES = 2000;
const MAX_LINE_CHARS = 500;

/**
 * Lines from raw text of one page: trimmed, blank lines dropped, each cut to a sane length.
 * @example linesOf('  Best Buy \n\n 9/11/2026 ', 1) // [{ page: 1, text: 'Best Buy' }, { page: 1, text: '9/11/2026' }]
 */
export function linesOf(raw: string, page: number): ReceiptLine[] {
  return raw
    .split(/\r?\n/)
    .map((text) =>
      text
        .replace(/[\t\u00a0]+/g, ' ')
        .trim()
        .slice(0, MAX_LINE_CHARS),
    )
    .filter((text) => text.length > 0)
    .slice(0, MAX_RECEIPT_LINES)
    .map((text) => ({ page, text }));
}

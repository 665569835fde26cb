/**
 * Where something was read on a proof file: its page (1 for an image) and its box as fractions
 * of the page's width and height from the top left — the console draws it over the file as shown,
 * whatever size it is drawn at.
 */
export interface Spot {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line of read text with where it sits on its page (null when that is not known). */
export interface PlacedLine {
  text: string;
  box: Omit<Spot, 'page'> | null;
}

/** A line's text compared as `linesOf` keeps it: tabs and no-break spaces as spaces, trimmed. */
const comparable = (text: string) => text.replace(/[\t\u00a0]+/g, ' ').trim();

/**
 * Where the line printed as `evidence` sits on `page`: the first placed line of that page that
 * begins with it (the evidence may have been cut to a sane length). Null when no line matches (the text came from another reading of the page).
 * @example spotOf([{ page: 1, lines: [{ text: 'Date 3/2/26', box }] }], 1, 'Date 3/2/26') // { page: 1, ...box }
 */
export function spotOf(pages: readonly { page: number; lines: readonly PlacedLine[] }[], page: number, evidence: string): Spot | null {
  const wanted = comparable(evidence);
  for (const placed of pages)
    if (placed.page === page)
      for (const line of placed.lines) if (line.box && comparable(line.text).startsWith(wanted)) return { page, ...roundBox(line.box) };
  return null;
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10_000) / 10_000;
const roundBox = (b: Omit<Spot, 'page'>) => ({ x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height) });

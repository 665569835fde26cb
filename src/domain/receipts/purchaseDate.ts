import { type DateKind, labelsIn } from './dateLabels';
import { type DateToken, dateTokens } from './dateTokens';
import type { ReceiptLine } from './receiptText';

/** A date printed on the receipt, with what its label says it is and where it stands. */
export interface DateCandidate extends DateToken {
  /** null: no label before it (a thermal receipt's timestamp, an app's date under a banner) */
  kind: DateKind | null;
  line: number;
  page: number;
}

export interface PurchaseDateFinding {
  /** YYYY-MM-DD */
  date: string;
  confidence: number;
  /** where it was found: page and line (1-based), and the printed text of that line */
  page: number;
  line: number;
  evidence: string;
}

/** Below this the reader says nothing: a wrong date is worse than none. */
export const MIN_DATE_CONFIDENCE = 0.5;

const RANK: Record<Exclude<DateKind, 'other'>, number> = { order: 0, po: 0, transaction: 1, invoice: 2, generic: 3 };
const CONFIDENCE_BY_RANK = [0.95, 0.9, 0.85, 0.75];
const QSEE_LINE = /\bq[\s-]?see\b|\bqsee\b|(?<![A-Za-z0-9#-])Q[A-Z]{1,3}\d{3,5}[A-Z]?(?![a-z0-9])/i;
/** a browser's print header or footer: "4/5/27, 1:32 AM  Amazon.com - Order …", a URL, "Page 1 of 2" */
const PRINT_STAMP = /^\s*\d{1,2}\/\d{1,2}\/\d{2,4},\s*\d{1,2}:\d{2}\s*[AP]M\s+\S|https?:\/\/|\bwww\.|\bpage\s+\d+\s+of\s+\d+\b/i;
const EDGE_LINES = 3;
const FORWARD_MARKER = /forwarded message|original message|begin forwarded/i;
/** words that may stand before a bare date without being a label: weekdays, a store's and register's numbers, filler */
const HARMLESS_WORDS = new Set(
  'mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday on at the and store str reg register trn trans tran term terminal cashier cshr lane time order receipt invoice purchase transaction sale'.split(
    ' ',
  ),
);

/** Whether the text before a date holds a word of three letters or more that is not a harmless one. */
function unknownWords(left: string): boolean {
  return (left.match(/[A-Za-z]{3,}/g) ?? []).some((w) => !HARMLESS_WORDS.has(w.toLowerCase()));
}

/**
 * Every dated token on the receipt with its label: the nearest label before it on its line (after
 * the previous date), else the label in the column header above it — on the line above when that
 * holds no date, or the header of the table row above when this line is the next row with as many
 * dates. Dates in a print header or footer are "other".
 */
export function dateCandidates(lines: readonly ReceiptLine[]): DateCandidate[] {
  const candidates: DateCandidate[] = [];
  const tokensByLine = lines.map((l) => dateTokens(l.text));
  const pageBounds = new Map<number, { first: number; last: number }>();
  lines.forEach((l, i) => {
    const b = pageBounds.get(l.page) ?? { first: i, last: i };
    b.last = i;
    pageBounds.set(l.page, b);
  });
  const marker = lines.findIndex((l) => FORWARD_MARKER.test(l.text));
  const forwarded = marker < 0 ? -1 : marker;
  // the column header each line's dates stand under: the label line right above, or the header of the
  // table row right above when this line is the next row (as many dates, same page)
  const headers: Header[] = [];
  const below = captionsBelow(lines, tokensByLine);
  lines.forEach((line, i) => {
    const tokens = tokensByLine[i]!;
    const prev = i > 0 && lines[i - 1]!.page === line.page ? i - 1 : -1;
    const next = i + 1 < lines.length && lines[i + 1]!.page === line.page ? i + 1 : -1;
    // an app's list of values, each above its caption: a bare date takes the caption under it
    if (below && isBareDate(line.text, tokens))
      headers.push(next >= 0 && isCaption(lines[next]!.text, tokensByLine[next]!) ? labelsIn(lines[next]!.text) : []);
    else if (tokens.length === 0 || prev < 0) headers.push([]);
    else if (tokensByLine[prev]!.length === 0) headers.push(labelsIn(lines[prev]!.text));
    else headers.push(tokensByLine[prev]!.length === tokens.length ? headers[prev]! : []);
  });
  lines.forEach((line, i) => {
    const tokens = tokensByLine[i]!;
    if (tokens.length === 0) return;
    const bounds = pageBounds.get(line.page)!;
    const atEdge = i - bounds.first < EDGE_LINES || bounds.last - i < EDGE_LINES;
    const stamp = atEdge && PRINT_STAMP.test(line.text);
    const above = headers[i]!;
    let from = 0;
    let previous: DateKind | null = null;
    tokens.forEach((token, j) => {
      const left = line.text.slice(from, token.index);
      const own = labelsIn(left).at(-1)?.kind ?? null;
      // a second date with no label of its own continues the first ("valid 07/01/26 - 07/31/26")
      const inherited = above.length > 0 ? headerAbove(above, tokens.length, j, token.index) : j > 0 ? previous : null;
      let kind: DateKind | null = stamp ? 'other' : (own ?? inherited);
      // words we do not know before a date are a label we cannot read ("Xeturn 8y 04/13/26"): never a bare date
      if (kind === null && unknownWords(left)) kind = 'other';
      // dates above "Forwarded message" are the forward's, not the order's
      if (i < forwarded && (kind === null || kind === 'generic')) kind = 'other';
      previous = kind;
      candidates.push({ ...token, kind, line: i, page: line.page });
      from = token.index + token.length;
    });
  });
  return candidates;
}

/**
 * The purchase date as RECEIPTS.md defines it, or null when the receipt does not say it clearly.
 *
 * The strongest label wins: an order or PO date, then a transaction or purchase date, then an
 * invoice date, then a bare "Date". Without any, an unlabelled date counts when it is the only one
 * left once delivery, return, due, quote and other dates are set aside (a thermal receipt's
 * timestamp, an app's date under its return banner). When dates of the same standing disagree (a
 * list of orders), the one on the first Q-See item's own row (a table of orders) or else nearest above
 * it is the order with the Q-See product, when the other dates stand at least three lines away (dates a line apart are one order's:
 * ordered, then picked up); otherwise null. Each step of doubt lowers the confidence; below
 * MIN_DATE_CONFIDENCE the answer is null.
 *
 * @example purchaseDate(linesOf('Return by 9/26/2026\n9/11/2026 16:29', 1))?.date // '2026-09-11'
 */
export function purchaseDate(lines: readonly ReceiptLine[]): PurchaseDateFinding | null {
  const candidates = dateCandidates(lines).filter((c) => c.kind !== 'other');
  if (candidates.length === 0) return null;
  const labelled = candidates.filter((c) => c.kind !== null);
  let pool: DateCandidate[];
  let confidence: number;
  if (labelled.length > 0) {
    const best = Math.min(...labelled.map((c) => RANK[c.kind as keyof typeof RANK]));
    pool = labelled.filter((c) => RANK[c.kind as keyof typeof RANK] === best);
    confidence = CONFIDENCE_BY_RANK[best]!;
  } else {
    pool = candidates;
    confidence = 0.65;
    const timed = pool.filter((c) => c.withTime);
    if (distinct(pool).length > 1 && distinct(timed).length === 1) {
      pool = timed;
      confidence = 0.6;
    }
  }
  let chosen: DateCandidate | null = pool[0]!;
  if (distinct(pool).length > 1) {
    chosen = nearestAboveQsee(pool, lines);
    confidence -= 0.15;
  }
  if (!chosen) return null;
  // the cleanest printing of the chosen date is the evidence; OCR repairs in it lower the confidence
  const cleanest = pool.filter((c) => c.iso === chosen.iso).reduce((a, b) => (b.repairs < a.repairs ? b : a));
  confidence -= 0.1 * cleanest.repairs;
  if (confidence < MIN_DATE_CONFIDENCE) return null;
  return { date: chosen.iso, confidence, page: cleanest.page, line: cleanest.line + 1, evidence: lines[cleanest.line]!.text };
}

type Header = { kind: DateKind; index: number }[];

/** A caption: a short line of words that names a kind of date and holds no number ("Order date", "Return deadline", "Delivered"). */
function isCaption(text: string, tokens: readonly DateToken[]): boolean {
  return tokens.length === 0 && !/\d/.test(text) && text.trim().split(/\s+/).length <= 3 && labelsIn(text).length > 0;
}

/** A line that is one date and nothing else but a weekday or a time ("Tue, Nov 3, 2026 at 2:14 pm"). */
function isBareDate(text: string, tokens: readonly DateToken[]): boolean {
  if (tokens.length !== 1) return false;
  const rest = text.slice(0, tokens[0]!.index) + text.slice(tokens[0]!.index + tokens[0]!.length);
  return !/[A-Za-z]{2,}/.test(rest.replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bat\b|\b[ap]\.?m\b\.?/gi, ''));
}

/**
 * Whether the document prints each value above its caption (an app's list: "January 5, 2026" over
 * "Order date"): the first bare date next to a caption has it below and none above.
 */
function captionsBelow(lines: readonly ReceiptLine[], tokensByLine: readonly DateToken[][]): boolean {
  const caption = (i: number, page: number) =>
    i >= 0 && i < lines.length && lines[i]!.page === page && isCaption(lines[i]!.text, tokensByLine[i]!);
  for (let i = 0; i < lines.length; i++) {
    if (!isBareDate(lines[i]!.text, tokensByLine[i]!)) continue;
    const above = caption(i - 1, lines[i]!.page);
    const under = caption(i + 1, lines[i]!.page);
    if (above || under) return under && !above;
  }
  return false;
}

/** How far (characters) a header label may start from its date's column and still be its header. */
const HEADER_REACH = 15;

/**
 * The column header above a date: with as many labels as dates (two or more), the n-th label for
 * the n-th date; otherwise the label that starts nearest the date's column (OCR keeps runs of
 * spaces), if it is near enough — a lone "SHIP TO" far to the right is another column's header.
 */
function headerAbove(above: readonly { kind: DateKind; index: number }[], dates: number, n: number, column: number): DateKind | null {
  if (above.length === 0) return null;
  if (above.length === dates && dates > 1) return above[n]!.kind;
  const nearest = above.reduce((a, b) => (Math.abs(b.index - column) < Math.abs(a.index - column) ? b : a));
  return Math.abs(nearest.index - column) <= HEADER_REACH ? nearest.kind : null;
}

function distinct(candidates: readonly DateCandidate[]): string[] {
  return [...new Set(candidates.map((c) => c.iso))];
}

/** Lines between two orders' dates in a list of orders (the date, its items, its other dates). */
const MIN_ORDER_LINES = 3;

/** Of dates that disagree, the one on the first line that names a Q-See product, else the last one printed above it. */
function nearestAboveQsee(pool: readonly DateCandidate[], lines: readonly ReceiptLine[]): DateCandidate | null {
  const firstQsee = lines.findIndex((l) => QSEE_LINE.test(l.text));
  if (firstQsee < 0) return null;
  // a table of orders, one row each: the date on the Q-See item's own row is its order's
  const sameRow = distinct(pool.filter((c) => c.line === firstQsee));
  if (sameRow.length === 1) return pool.find((c) => c.line === firstQsee)!;
  const above = pool.filter((c) => c.line <= firstQsee);
  if (above.length === 0) return null;
  const last = above.reduce((a, b) => (b.line >= a.line ? b : a));
  // a list of orders keeps each order's lines apart; dates a line or two apart are one order's
  // (ordered, then picked up): no way to tell which is the purchase
  const near = pool.some((c) => c.iso !== last.iso && Math.abs(c.line - last.line) < MIN_ORDER_LINES);
  return near ? null : last;
}

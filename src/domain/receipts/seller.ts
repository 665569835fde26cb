import type { ReceiptLine } from './receiptText';

/**
 * Who sold it, from what a receipt says about itself: the vendor on a purchase order (not the
 * buyer whose letterhead is on top), "make checks payable to …" or "remit to …", "Purchased at …",
 * "thank you for shopping at …", a web address printed as a logo, the sender of an order email,
 * the copyright holder in the footer, a store name beside its store number, the shop's own web
 * address, a loyalty programme's name, "Sold by …", and last the letterhead (the first name-like
 * line). The first rule that finds a name decides; its confidence is the rule's.
 */

export interface SellerFinding {
  seller: string;
  confidence: number;
}

export const MIN_SELLER_CONFIDENCE = 0.5;
const MAX_WORDS = 7;

const DOC_WORDS =
  /\b(invoice|receipt|sales receipt|purchase order|order confirmation|order details|purchase details|packing slip|statement|estimate|quote|tax invoice|factura|recibo|nota de venta|cotizaci[oó]n)(?![A-Za-z]).*$/i;
const PERSONAL_MAIL = /@(gmail|yahoo|outlook|hotmail|icloud|aol|live|msn|proton(?:mail)?|mail)\./i;
const COMPANY_SUFFIX = /^(.*?\b(?:inc|llc|l\.l\.c|ltd|co|corp|corporation|company))\.?(?=\s|,|$)/i;

function clean(name: string): string | null {
  const text = name
    .replace(/[<([].*$/, '')
    .replace(/[|:;"“”]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.\-–—'’]+|[\s,.\-–—'’]+$/g, '')
    .trim();
  if (!/[A-Za-z]{2}/.test(text)) return null;
  const words = text.split(' ');
  return words.length > MAX_WORDS ? words.slice(0, MAX_WORDS).join(' ') : text;
}

function isPurchaseOrder(lines: readonly ReceiptLine[]): boolean {
  return lines.slice(0, 8).some((l) => /\bpurchase\s+order\b|\bP\.?O\.?\s*(number|no|#)/i.test(l.text));
}

/** The buyer on a purchase order: its letterhead, the first name-like line. */
function letterhead(lines: readonly ReceiptLine[]): string | null {
  for (const { text } of lines.slice(0, 6)) {
    const name = nameLike(text);
    if (name) return name;
  }
  return null;
}

/** A logo's letter-spaced capitals as words ("V O LTA R A" → "VOLTARA"): most pieces single letters. */
function unspaced(text: string): string {
  const pieces = text.trim().split(/\s+/);
  const spaced =
    pieces.length >= 4 && pieces.every((p) => /^[A-Z]{1,3}$/.test(p)) && pieces.filter((p) => p.length === 1).length * 2 > pieces.length;
  // a wider gap between letters is a space between words
  return spaced
    ? text
        .trim()
        .split(/\s{2,}/)
        .map((word) => word.replace(/\s/g, ''))
        .join(' ')
    : text;
}

function nameLike(text: string): string | null {
  const stripped = unspaced(text).replace(DOC_WORDS, '').trim();
  if (stripped.length < 3 || stripped.length > 60) return null;
  if (/\d{3,}|@|https?:|\b(mail|inbox|subject|from|to|sent|date)\b\s*[:>]/i.test(stripped)) return null;
  if (/\b(order(?:ed)?|purchased?|thanks|thank|your|details|welcome|page|receipt|sold|bought|picked|fecha|gracias)\b/i.test(stripped))
    return null;
  // "TOTAL", "Grand Total", "Total Due" are amounts; "Seguridad Total del Valle" is a name
  if (/^total\b|\btotal$/i.test(stripped)) return null;
  // a mail client's folder ("Inbox · Order Confirmation") or an order's status ("Delivered Sun, Mar 8") is not a name
  if (/\b(inbox|mailbox|delivered|arriving|shipped|eligible|returns?)\b/i.test(stripped)) return null;
  const letters = stripped.replace(/[^A-Za-z]/g, '').length;
  if (letters < 3 || letters / stripped.length < 0.6) return null;
  if (!/^[A-Z0-9&]/.test(stripped)) return null;
  if (!looksLikeWords(stripped)) return null;
  return clean(stripped);
}

/** Words, not OCR noise ("CR RRR RR RRR"): a word of three letters or more with a vowel, and few one- or two-letter scraps. */
function looksLikeWords(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));
  if (!words.some((w) => /[A-Za-z]{3,}/.test(w) && /[aeiouy]/i.test(w) && /[b-df-hj-np-tv-xz]/i.test(w))) return false;
  return words.filter((w) => w.replace(/[^A-Za-z]/g, '').length <= 2).length * 2 <= words.length;
}

/** "VENDOR" / "Supplier" / "Sold by" followed by a name on the same line or the line below. */
function vendorBlock(lines: readonly ReceiptLine[], buyer: string | null): string | null {
  for (let i = 0; i < lines.length; i++) {
    const m = /\b(vendor|supplier)\b\s*[:#]?\s*(.*)$/i.exec(lines[i]!.text);
    if (!m || /#\s*\w*\d/.test(m[0]) || /item/i.test(lines[i]!.text)) continue;
    const sameLine = m[2]!.replace(/\bship\s*to\b.*$/i, '').trim();
    let value = sameLine.length >= 3 ? sameLine : (lines[i + 1]?.text ?? '');
    if (buyer && value.includes(buyer)) value = value.replace(buyer, ' ');
    const suffixed = COMPANY_SUFFIX.exec(value.trim());
    const name = clean(suffixed ? suffixed[1]! : value);
    if (name) return name;
  }
  return null;
}

function firstMatch(lines: readonly ReceiptLine[], pattern: RegExp, group = 1): string | null {
  for (const { text } of lines) {
    const m = pattern.exec(text);
    const name = m?.[group] ? clean(m[group]) : null;
    if (name) return name;
  }
  return null;
}

/** "amazon.com" alone near the top (a logo in text) or as a page title; the scorer and agents read it as the name. */
function domainLogo(lines: readonly ReceiptLine[]): string | null {
  for (const { text } of lines.slice(0, 8)) {
    const m = /^\s*(?:www\.)?([a-z][a-z0-9-]{2,30})\.(?:com|net|co|us)\b(?:\s*[-–|]\s*\w.*)?$/i.exec(text);
    if (m) return m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
  }
  return null;
}

/** numbered fields of a receipt that are not a store's name */
const NUMBERED_FIELD =
  /\b(order|member|membership|rewards|invoice|vendor|item|sku|store|warehouse|whse|branch|location|approval|appr|auth|account|acct|trans|tran|transaction|seq|app|register|reg|terminal|term|trm|cashier|operator|op|receipt|ticket|check|table|guest|ref|reference|id|po|customer|cust|job|quote|work)\b/i;

/**
 * A store name before its number: "Best Buy Seattle (#2537)", "Office Depot #1944". One word under
 * a name-like line is the store's town under the chain's name ("Tulsa #318"), not the seller.
 */
function storeWithNumber(lines: readonly ReceiptLine[]): string | null {
  const top = lines.slice(0, 15);
  for (const [i, { text }] of top.entries()) {
    const m = /^([A-Za-z][A-Za-z&'. -]{2,40}?)\s*\(?#\s?\d{2,6}\)?\s*$/.exec(text.trim());
    const townUnderName = m && !m[1]!.trim().includes(' ') && top.slice(0, i).some((l) => nameLike(l.text));
    if (m && !townUnderName && !NUMBERED_FIELD.test(m[1]!)) {
      const name = clean(m[1]!);
      if (name) return name;
    }
  }
  return null;
}

/** A shop's own web address printed anywhere ("officedepot.com/survey"), matched to a name-like line spelled the same. */
function nameOfOwnDomain(lines: readonly ReceiptLine[]): string | null {
  const domains = new Set<string>();
  for (const { text } of lines)
    for (const m of text.matchAll(/\b(?:www\.)?([a-z][a-z0-9-]{2,30})\.(?:com|net)\b/gi)) domains.add(m[1]!.toLowerCase());
  for (const { text } of lines.slice(0, 10)) {
    const name = nameLike(text);
    if (!name) continue;
    const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    for (const d of domains) if (squashed.startsWith(d) || d.startsWith(squashed)) return name;
  }
  return null;
}

/**
 * The seller, or null when nothing on the receipt names it with enough certainty.
 * @example seller(linesOf('SafeHome Video Installs INVOICE\n…\nPlease make checks payable to SafeHome Video Installs.', 1))
 * // { seller: 'SafeHome Video Installs', confidence: 0.9 }
 */
export function seller(lines: readonly ReceiptLine[]): SellerFinding | null {
  const po = isPurchaseOrder(lines);
  const buyer = po ? letterhead(lines) : null;
  const rules: [number, () => string | null][] = [
    [0.9, () => (po ? vendorBlock(lines, buyer) : null)],
    [0.9, () => firstMatch(lines, /\bpayable\s+to[:\s]+([A-Z][^.,]{2,60}?)(?:[.,]|\s{2}|$)/i)],
    [0.85, () => firstMatch(lines, /(?:purchased|bought|sold)\s+at[:\s]+(.+)$/i)],
    [0.85, () => firstMatch(lines, /\bremit(?:tance)?\s+to[:\s]+([A-Z][^,]{2,60}?)(?:,|\s{2}|$)/i)],
    [
      0.85,
      () =>
        firstMatch(
          lines,
          /\bthank(?:s| you)\s+for\s+(?:shopping|choosing|your\s+(?:order|purchase|business))\s+(?:at|with|from)\s+([A-Z][^.!,]{1,40})/i,
        ),
    ],
    [0.85, () => nextLineAfter(lines, /^\s*(purchased|bought|sold)\s+at\s*:?\s*$/i)],
    [0.85, () => domainLogo(lines)],
    [0.8, () => emailSender(lines)],
    [0.8, () => copyrightHolder(lines)],
    [0.75, () => storeWithNumber(lines)],
    [0.7, () => nameOfOwnDomain(lines)],
    [
      0.6,
      () =>
        firstMatch(
          lines,
          /^(?:[Mm][Yy]\s+)?([A-Z][A-Za-z&'.]+(?:\s[A-Z][A-Za-z&'.]+){0,3})\s+(?:[Mm]ember|MEMBER|[Rr]ewards|REWARDS|[Ll]oyalty|LOYALTY|[Pp]erks|PERKS)\b/,
        ),
    ],
    [0.6, () => firstMatch(lines, /^\s*sold\s+by[:\s]+([A-Z][A-Za-z&'., -]{2,40})$/i)],
    [0.55, () => (po ? null : letterhead(lines))],
  ];
  for (const [confidence, rule] of rules) {
    const name = rule();
    if (name && confidence >= MIN_SELLER_CONFIDENCE) return { seller: name, confidence };
  }
  return null;
}

function nextLineAfter(lines: readonly ReceiptLine[], label: RegExp): string | null {
  const i = lines.findIndex((l) => label.test(l.text));
  return i >= 0 && lines[i + 1] ? clean(lines[i + 1]!.text) : null;
}

/** The display name of an order email's sender, when it is a business address. */
function emailSender(lines: readonly ReceiptLine[]): string | null {
  for (const { text } of lines.slice(0, 12)) {
    const m = /^(?:from:?\s*)?([^<>@]{2,50}?)\s*<([^<>]{1,40}@[^<>]{1,40})>/i.exec(text.replace(/^[=\s]+/, ''));
    if (m && !PERSONAL_MAIL.test(m[2]!)) {
      const name = clean(m[1]!.replace(/^(from|fr|om)\s*:?\s*/i, ''));
      if (name) return name;
    }
    // "From: Lumen Supply Co 1 o-reply@lumensupply.exampie>": OCR lost the "<"
    const bare = /^\s*(?:from|fr[o0]m)\s*:\s*([^<>@]{2,50}?)(?:\s+\S{1,2})?\s+(\S+@\S+)/i.exec(text);
    if (bare && !PERSONAL_MAIL.test(bare[2]!)) {
      const name = clean(bare[1]!);
      if (name) return name;
    }
  }
  return null;
}

/** The footer's "© 2025 Crutchfield Corporation, 1 Crutchfield Park": a short, name-like holder (a year is required: OCR reads a 0 as ©). */
function copyrightHolder(lines: readonly ReceiptLine[]): string | null {
  for (const { text } of lines) {
    const m =
      /(?:(?:©|\(c\))\s*|copyright\s*(?:©\s*)?)\d{4}(?:\s*[-–]\s*\d{4})?,?\s*([A-Z][A-Za-z&'.]*(?:[\s,]+[A-Z&][A-Za-z&'.]*){0,4})/.exec(
        text,
      );
    if (!m) continue;
    const holder = m[1]!.replace(/,?\s*\b(or|all|its)\b.*$/i, '').replace(/,\s*$/, '');
    const words = holder.split(/\s+/);
    if (words.length <= 5 && words.every((w) => w.length >= 2 || w === '&')) return clean(holder);
  }
  return null;
}

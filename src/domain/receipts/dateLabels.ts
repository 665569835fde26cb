/**
 * What the words printed before a date say it is. A receipt names its dates ("Order placed",
 * "Invoice Date", "Return by"); the label nearest before a date, on its line or in the column
 * header above it, decides whether it can be the purchase date, and how strongly.
 */

/** The kinds of dates, strongest purchase evidence first; `other` can never be the purchase date. */
export type DateKind = 'order' | 'po' | 'transaction' | 'invoice' | 'generic' | 'other';

interface Label {
  kind: DateKind;
  pattern: RegExp;
}

/**
 * Labels, each a phrase. Order matters only for phrases starting at the same place: the longer,
 * more specific one is listed first. The "other" phrases are the dates RECEIPTS.md says are never
 * the purchase: delivery, shipping, returns, due and valid-until dates, quotes, requisitions,
 * charges, payments, print stamps, emails' sent and forward dates, coverage ends. US stores also
 * print in Spanish ("Fecha", "Fecha de compra", "Fecha de entrega", "Devoluciones hasta"): those
 * labels sit beside their English kinds.
 */
const LABELS: Label[] = [
  {
    kind: 'other',
    pattern:
      /\b(deliver\w*|arriv\w*|ship\w*|dispatch\w*|pick(?:ed)?[\s-]?up|ready|tracking|fulfill\w*|return\w*|refund\w*|exchange\w*|eligible|window|due|valid\w*|expir\w*|exp\b|until|through|thru|ends?\b|end date|coverage|protection|plan|warranty|quot\w*|proposal|estimate\w*|expected|requisition\w*|req\b|required|request\w*|need(?:ed)? by|charged?|card|ending in|payment\w*|paid|posted|settle\w*|print\w*|generated|downloaded|updated|sent|forward\w*|fwd|received on|member since|installed|installation|service|maintenance|visit|appointment|scheduled|survey|offer|rebate|cancel\w*|renew\w*|birth|dob|issued? to|effective|entrega\w*|env[ií]o\w*|devoluci\w*|vence\w*|vencimiento|hasta|garant[ií]a)\b/i,
  },
  {
    kind: 'order',
    pattern:
      /\b(order(?:ed)?\s*(?:date|placed|on|time)|date\s*(?:of\s*)?order(?:ed)?|order\s*placed|placed\s*on|placed|ordered|fecha\s*(?:de\s*(?:la\s*)?orden|del?\s*pedido))\b/i,
  },
  { kind: 'po', pattern: /\b(p\.?\s?o\.?\s*date|purchase\s*order\s*date|order\s*issued)\b/i },
  {
    kind: 'transaction',
    pattern:
      /\b(purchase[ds]?\s*(?:date|on)?|date\s*(?:of\s*)?purchase|bought\s*on|transaction\s*date|trans\.?\s*date|txn\s*date|sale\s*date|date\s*of\s*sale|receipt\s*date|sold\s*on|fecha\s*de\s*(?:compra|venta))\b/i,
  },
  {
    kind: 'invoice',
    pattern:
      /\b(invoice\s*date|inv\.?\s*date|date\s*issued|issue\s*date|issued(?:\s*on)?(?!\s*to\b)|invoiced\s*on|bill\s*date|date\s*of\s*invoice|fecha\s*de\s*(?:la\s*)?factura)\b/i,
  },
  { kind: 'generic', pattern: /\b(date|dated|fecha)\b/i },
];

/**
 * Words that may stand right before a bare "Date" and leave it the document's date ("Sales Date",
 * "Doc. Date", "Business Date", "Rcpt Date"). Any other word there names a date of its own ("Install Date",
 * "Reprint Date", "Next billing date", "Activation Date"): we cannot tell what it is, so it is
 * never the purchase — null is better than a wrong date.
 */
const DOCUMENT_DATE_WORDS = new Set(
  'tran trx txn trans transaction sale sales business ticket doc document invoice order purchase receipt rcpt the this'.split(' '),
);
/** the word just before a label, one space or a dot apart (a wider gap is another column) */
const WORD_BEFORE = /([A-Za-z]{3,})\.? ?$/;

/** Labels in a stretch of text, left to right; where two overlap the earlier-starting, longer one wins. */
export function labelsIn(text: string): { kind: DateKind; index: number; end: number }[] {
  const hits: { kind: DateKind; index: number; end: number; rank: number }[] = [];
  LABELS.forEach(({ kind, pattern }, rank) => {
    const global = new RegExp(pattern.source, 'gi');
    for (const m of text.matchAll(global)) hits.push({ kind, index: m.index, end: m.index + m[0].length, rank });
  });
  hits.sort((a, b) => a.index - b.index || b.end - a.end || a.rank - b.rank);
  const kept: typeof hits = [];
  for (const hit of hits) {
    const last = kept.at(-1);
    // "Order Date" beats the "Date" inside it
    if (last && hit.index < last.end) continue;
    // "Due Date", "Ship date": a bare "date" right after a label is that label's date; "quote 2650 dated 8/9/2025" too
    if (last && hit.kind === 'generic' && hit.index - last.end <= (last.kind === 'other' ? 24 : 2)) {
      last.end = hit.end;
      continue;
    }
    const qualifier = hit.kind === 'generic' ? WORD_BEFORE.exec(text.slice(last?.end ?? 0, hit.index))?.[1] : undefined;
    if (qualifier && !DOCUMENT_DATE_WORDS.has(qualifier.toLowerCase())) hit.kind = 'other';
    kept.push(hit);
  }
  return kept.map(({ kind, index, end }) => ({ kind, index, end }));
}

/**
 * The kind of the label nearest before a date in the same stretch of text, or null when none.
 * "Order placed: May 9, 2027" → order; "Return by 9/26/2026" → other.
 * @example nearestLabel('Invoice Date 7/27/2026', 13) // 'invoice'
 */
export function nearestLabel(text: string, dateIndex: number): DateKind | null {
  const before = labelsIn(text.slice(0, dateIndex));
  return before.at(-1)?.kind ?? null;
}

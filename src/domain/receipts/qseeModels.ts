import type { ReceiptLine } from './receiptText';

/**
 * Q-See model numbers printed on a receipt: Q, up to three letters, three to five digits and an
 * optional letter (QT5682, QTN8086B, QC908, QCN8019B). A kit or bundle SKU keeps only its model
 * (QT5682-8BE-2 → QT5682).
 *
 * Not models: quote numbers ("Q-3104": a hyphen right after the Q), a seller's item code that
 * embeds a model ("QSQT5682", "BH#QT5682X" — letters glued in front), codes on a line that names
 * another brand and not Q-See, and a code whose letters follow a second Q.
 */

export interface ModelFinding {
  model: string;
  confidence: number;
}

/** Q, letters (a hyphen may stand after the first letter: "QC-N8019B", "QTN-8086B", never right after the Q), digits, a letter, a kit suffix */
const CODE = /(?<![A-Za-z0-9#-])(Q[A-Z]{0,3}|Q[A-Z]{1,2}-[A-Z]{0,2}|Q[A-Z]{1,3}-)(\d{3,5})([A-Z]?)(?:-[0-9A-Z]{1,4}){0,3}(?![A-Za-z0-9])/g;
const QSEE = /\bq[\s-]?see\b|\bqsee\b/i;
const MODEL_LABEL = /\b(mfr|mfg|manufacturer|model|part|mpn)\b/i;
/** words that name a product from another maker on the same line */
const OTHER_BRAND =
  /\b(apc|cyberpower|tripp|belkin|seagate|western digital|wd|toshiba|samsung|sandisk|kingston|lorex|swann|hikvision|dahua|amcrest|reolink|arlo|ring|nest|wyze|eufy|netgear|tp-link|linksys|d-link|monster|anker|panduit|qnap|ubiquiti)\b/i;

/** a word starting with Q that names another maker ("QPower QPS1200", "Q-Link QS600") */
const OTHER_Q_BRAND = /\b(?!q[\s-]?see\b|qsee\b|qty\b|quantity\b|quote\b|quick\b|quality\b|queen\b)q-?[a-z]{3,}\b/i;

/** letters OCR reads for a digit at the end of a model's prefix */
const LETTER_FOR_DIGIT: Record<string, string> = { B: '8', T: '7' };

/**
 * OCR misreads a model's B as 8 and its 8 as B: "QCN70018" and "QCN80318B" are QCN7001B and
 * QCN8031B (Q-See models have at most four digits before their letter); "QTNB016" and "QTB718" are
 * QTN8016 and QT8718, "QHB8034B" is QH8034B (a B before the digits is an 8 misread, or read twice).
 */
function repairedOcrModel(letters: string, digits: string, suffix: string): string {
  let l = letters;
  let d = digits;
  let s = suffix;
  // a B (T) just before the digits is an 8 (7) read as a letter ("QTB718" → QT8718, "QCAT2078" → QCA7207B), or
  // the digit read twice ("QHB8034B" → QH8034B, "QCAT7202B" → QCA7202B)
  const misread = l.length >= 3 ? LETTER_FOR_DIGIT[l.at(-1)!] : undefined;
  if (misread) {
    // four digits, or five whose last is a trailing B read as 8 (repaired below)
    const fits = (digits: string) => digits.length <= 4 || (digits.length === 5 && digits.endsWith('8') && (s === '' || s === 'B'));
    const restored = `${misread}${d}`;
    if (d.length >= 4 && d.startsWith(misread) && fits(d)) l = l.slice(0, -1);
    else if (d.length >= 3 && fits(restored)) {
      d = restored;
      l = l.slice(0, -1);
    } else return `${l}${d}${s}`;
  }
  // a trailing letter B read as 8 ("QCN70018"), or as 8 and B ("QCN80318B"): at most four digits
  if (d.length === 5 && d.endsWith('8') && (s === '' || s === 'B')) {
    d = d.slice(0, 4);
    s = 'B';
  }
  return `${l}${d}${s}`;
}

/**
 * A slashed or dotted zero that OCR read as two characters, "0O" or "O0" ("QTN80O86B", "QTN80O16"):
 * in a code with more digits than a model has (four), the pair is one 0. A run ending in 8 is left
 * to the trailing-B repair ("QCN7O018" is QCN7001B).
 */
function singleZeros(text: string): string {
  return text.replace(/\b(Q[A-Z]{1,3})([\dOo]{5,6})(?=[A-Z]?\b)/g, (code, letters: string, run: string) =>
    /[Oo]/.test(run) && !run.endsWith('8') ? `${letters}${run.replace(/0[Oo]|[Oo]0/, '0')}` : code,
  );
}

/**
 * the start of a code at the end of its cell, cut by a narrow column ("… 4K NVR QTN-", "… NVR QTN80"
 * at the line's end or before the row's next cell: "QTN-  1  $329.00", "QTN- | 1"): too few digits to be a code
 */
const WRAPPED_HEAD = /(?<![A-Za-z0-9#-])Q[A-Z]{1,3}-?[\dOo]{0,2}(?=\s*$|\s*\|\s|\s{2})/;
/** the rest of it at the next line's start ("8086B", "86B-4", OCR "80868") */
const WRAPPED_TAIL = /^[\dOo]{1,5}[A-Z]?(?:-[0-9A-Z]{1,4}){0,3}(?![A-Za-z0-9])/;

/**
 * Lines with a code that a narrow column wrapped onto the next line joined back into its cell
 * ("Q-See 4K NVR QTN-  1  $329.00" + "8086B" → "Q-See 4K NVR QTN-8086B  1  $329.00"), so the code
 * keeps its line's context. Only on a line that names Q-See or a model; the brand itself at a cell's
 * end ("… QSEE") is not the start of a code.
 */
function unwrapped(lines: readonly ReceiptLine[]): ReceiptLine[] {
  return lines.map((line, i) => {
    const next = lines[i + 1];
    const head = WRAPPED_HEAD.exec(line.text);
    const tail = next && next.page === line.page ? WRAPPED_TAIL.exec(next.text.trimStart()) : null;
    // only on a line that names Q-See or a model: "SKU  QTY  PRICE" over "4471  1  9.99" is a table header
    if (!head || !tail || /^Q-?SEE$/i.test(head[0]) || !(QSEE.test(line.text) || MODEL_LABEL.test(line.text))) return line;
    const end = head.index + head[0].length;
    return { ...line, text: `${line.text.slice(0, end)}${tail[0]}${line.text.slice(end)}` };
  });
}

/**
 * The Q-See models on the receipt, each once, in reading order.
 * @example qseeModels([{ page: 1, text: 'Q-See 8CH kit QT5682-8BE-2  $399.99' }]) // [{ model: 'QT5682', confidence: 0.9 }]
 */
export function qseeModels(lines: readonly ReceiptLine[], ocr = false): ModelFinding[] {
  const found = new Map<string, number>();
  const documentIsQsee = lines.some((l) => QSEE.test(l.text));
  for (const { text } of unwrapped(lines)) {
    // "MODEL QCN 70018": OCR splits a code after its letters; only after a model label is it joined
    // "Model#QTN8016", "MFR#QC938" (OCR: "Mode l#…"): a label glued to the code by "#" is not a seller's prefix ("BH#QT5682X")
    const unglued = text.replace(/\b(mod\s?e\s?l|mfr|mfg|mpn|part)\s?(#|no\.)(?=Q[A-Z]{0,3}-?\d)/gi, '$1$2 ');
    // "MODEL 0T5440": after a model label, a code's Q read as 0 or O (OCR only)
    const labelledQ = ocr ? unglued.replace(/\b(model|mfr|mpn)\b(\s*[#:.]?\s*)[0O](?=[A-Z]{1,3}\d{3,5})/gi, '$1$2Q') : unglued;
    const joined = labelledQ.replace(/\b((?:model|mfr|mpn)\b\s*[#:.]?\s*Q[A-Z]{1,3})\s(?=\d{3,5}[A-Z0-9]?\b)/gi, '$1');
    const read = ocr ? singleZeros(joined).replace(/(?<=\bQ[A-Z]{1,3}\d{0,4})[Oo](?=[\dOo]*[A-Z]?\b)/g, '0') : unglued;
    for (const m of read.matchAll(CODE)) {
      const letters = m[1]!.replace('-', '');
      if (letters.length > 4 || letters.slice(1).includes('Q')) continue;
      // a hyphen inside the letters splits a seller's prefix from a model ("QSE-T5440"), unless it leaves a model's short prefix ("QC-N8019B")
      if (m[1]!.includes('-') && !m[1]!.endsWith('-') && letters.length > 3) continue;
      const model = ocr ? repairedOcrModel(letters, m[2]!, m[3]!) : `${letters}${m[2]}${m[3]}`;
      const onQseeLine = QSEE.test(text) || MODEL_LABEL.test(text);
      if (!onQseeLine && (OTHER_BRAND.test(text) || OTHER_Q_BRAND.test(text.replace(m[0], ' ')))) continue;
      const confidence = onQseeLine ? 0.95 : documentIsQsee ? 0.8 : 0.6;
      found.set(model, Math.max(found.get(model) ?? 0, confidence));
    }
  }
  return [...found].map(([model, confidence]) => ({ model, confidence }));
}

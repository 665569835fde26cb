import { isDoubtful } from '../text';

/**
 * The customer's answer to "Your receipt shows January 10 — you said February 20. Which is right?".
 *
 * The two mistakes do not cost the same: taking "their own date" wrongly brings in a person, taking
 * "the receipt's date" wrongly can refuse someone on a receipt alone. So the receipt's date is taken
 * only on a clear sign — its button or its day said alone, "the receipt is right", "I was wrong" —
 * and never when the answer also names their own date, or says no to something.
 */
export type ReceiptAnswerReading = 'receipt' | 'stated' | 'unclear';

export interface ReceiptQuestion {
  /** the receipt's day as its button says it ("January 10, 2026") */
  receiptButton: string;
  /** the customer's date as its button says it ("February 20, 2026", or their words) */
  statedButton: string;
  /** the day (YYYY-MM-DD) the answer names, if it names one, as the assistant reads dates */
  saidDate: string | null;
  receiptDate: string;
  /** whether a day the answer names is the customer's own (within the tolerance of what they said) */
  agreesWithStated: (date: string) => boolean;
}

/** "the receipt is wrong", "not the receipt's": their own date, though the receipt is named */
const RECEIPT_WRONG =
  /\b(?:receipt(?:'s|s)?(?: date)? (?:is |was )?(?:wrong|incorrect|mistaken|a mistake|off|not right)|not (?:the )?receipt(?:'s|s)?)\b/i;
/** "mine is wrong", "I was wrong", "I misremembered": the receipt's date */
const MINE_WRONG =
  /^(?:(?:oh|ah|oops|sorry|ok|okay|yes|yeah)[,!. ]+)*(?:(?:mine|my date|i) (?:is |was |am )?(?:wrong|mistaken|incorrect)|i misremembered|my mistake|my bad)\b/i;
/** "the receipt", "the receipt's date is right", "receipt is correct": the whole answer */
const RECEIPT_ALONE =
  /^(?:(?:the|that|go with the|use the|trust the)\s+)?receipt(?:'s|s)?(?:\s+date)?(?:\s+(?:one|is right|is correct|'s right|is the right one))?\s*[.!]*$/i;
/** "the receipt is right" inside a longer answer */
const RECEIPT_RIGHT = /\breceipt(?:'s|s)?(?: date)?(?: is|'s) (?:right|correct|accurate)\b/i;
/** their own date: "mine", "what I said", "I'm sure" */
const STATED_WORDS =
  /\b(?:mine|my (?:own )?date|what i (?:said|told you)|i said|i'?m (?:sure|certain|positive)|my answer|i bought it on)\b/i;
/** a "no" anywhere: "not January 10", "no, February", "that's wrong", "isn't" */
const NEGATION = /\b(?:no|not|never|wrong|incorrect|nope)\b|n['’]t\b/i;

const normal = (text: string) => text.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();
const withoutPunctuation = (text: string) => text.replace(/[.,!?;:]+/g, '').trim();

/**
 * Which date the customer says is right, or 'unclear' (asked again, then a person).
 * @example readReceiptAnswer('the receipt is right', q) // 'receipt'
 * @example readReceiptAnswer("I said Feb 20, the receipt is from the order", q) // 'stated'
 * @example readReceiptAnswer('not January 10, 2026', q) // 'unclear'
 */
export function readReceiptAnswer(answer: string, q: ReceiptQuestion): ReceiptAnswerReading {
  const text = normal(answer);
  if (!text) return 'unclear';
  const bare = withoutPunctuation(text);
  const receiptDay = normal(q.receiptButton);
  const statedDay = normal(q.statedButton);
  // "maybe", "not sure", "I doubt it", a question mark: never a yes to the receipt
  const doubtful = isDoubtful(text);
  // a button, or its words typed as they are
  if (bare === withoutPunctuation(receiptDay) && !doubtful) return 'receipt';
  if (statedDay && bare === withoutPunctuation(statedDay)) return 'stated';

  const negated = NEGATION.test(text) || doubtful;
  const namesStatedDay =
    (statedDay.length > 0 && text.includes(statedDay)) ||
    (q.saidDate !== null && q.saidDate !== q.receiptDate && q.agreesWithStated(q.saidDate));
  const namesReceiptDay = text.includes(receiptDay) || q.saidDate === q.receiptDate;

  if (RECEIPT_WRONG.test(text)) return 'stated';
  // "I was wrong" with their own day after it ("I misremembered, it was February 20") says both
  if (MINE_WRONG.test(text) && !doubtful) return namesStatedDay && !namesReceiptDay ? 'unclear' : 'receipt';
  if (namesStatedDay || STATED_WORDS.test(text)) return 'stated';
  if (negated) return 'unclear';
  if (namesReceiptDay || RECEIPT_ALONE.test(text) || RECEIPT_RIGHT.test(text)) return 'receipt';
  return 'unclear';
}

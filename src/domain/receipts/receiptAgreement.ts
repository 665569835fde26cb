import { type Day, daysBetween, parseIsoDay } from '../calendar';

/** What the customer said about the purchase date, as the claim records it. */
export interface StatedPurchase {
  text: string;
  date: string | null;
  earliest: string | null;
  latest: string | null;
  readings: string[];
}

/** A receipt a day or two off a day the customer named still confirms it: a late-night sale, a date misremembered by a day. */
export const RECEIPT_TOLERANCE_DAYS = 2;
/** "two weeks ago", "a month ago": said in round numbers, so the tolerance grows with the distance back (a quarter of it)… */
const RELATIVE_SHARE = 0.25;
/** …but never beyond a week: "a month ago" vs a receipt six weeks back is a real disagreement. */
const RELATIVE_MAX_DAYS = 7;
const RELATIVE = /\b(?:ago|last (?:week|month)|(?:this|past|previous) (?:week|month)|weeks?|months?)\b/i;

/**
 * How many days a receipt may be off the stated day and still agree with it: RECEIPT_TOLERANCE_DAYS,
 * more for a day the customer counted back ("two weeks ago" → ±3, "a month ago" → ±7).
 */
export function statedTolerance(stated: Pick<StatedPurchase, 'text'>, statedDay: Day, today: Day): number {
  if (!RELATIVE.test(stated.text)) return RECEIPT_TOLERANCE_DAYS;
  const back = Math.max(0, daysBetween(statedDay, today));
  return Math.min(RELATIVE_MAX_DAYS, Math.max(RECEIPT_TOLERANCE_DAYS, Math.floor(back * RELATIVE_SHARE)));
}

/**
 * Whether the receipt's date agrees with what the customer said: a range ("in October",
 * "early last month") agrees when the receipt is inside it (give or take RECEIPT_TOLERANCE_DAYS),
 * a day when the receipt is within its tolerance (statedTolerance), an undecided answer (two
 * readings) when it is near either. Null when either date is unknown.
 * @example receiptAgreesWithStated('2026-02-15', { text: '2 weeks ago', date: '2026-02-16', … }, mar2) // true
 */
export function receiptAgreesWithStated(receiptDate: string | null, stated: StatedPurchase, today: Day): boolean | null {
  const receipt = receiptDate ? parseIsoDay(receiptDate) : null;
  if (!receipt) return null;
  const earliest = stated.earliest ? parseIsoDay(stated.earliest) : null;
  const latest = stated.latest ? parseIsoDay(stated.latest) : null;
  if (!stated.date && earliest && latest) {
    return daysBetween(earliest, receipt) >= -RECEIPT_TOLERANCE_DAYS && daysBetween(receipt, latest) >= -RECEIPT_TOLERANCE_DAYS;
  }
  const days = (stated.date ? [stated.date] : stated.readings).map(parseIsoDay).filter((d) => d !== null);
  if (!days.length) return null;
  return days.some((day) => Math.abs(daysBetween(day, receipt)) <= statedTolerance(stated, day, today));
}

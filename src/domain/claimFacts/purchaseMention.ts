import { type PurchaseDateReading, readPurchaseDate } from '../dates/readPurchaseDate';
import { plain } from '../text';

export interface PurchaseContext {
  now: Date;
  timeZone: string;
  windowDays: number;
}

/**
 * The purchase date a message gives, read by the purchase-date reader from the message
 * without its fault clause ("reboots every 5 minutes" is no date). Only a date, a range or
 * readings to choose from count; no date and a future date say nothing (the date question
 * still comes). A reading that must be clarified is kept: the date question clarifies it.
 * @example findPurchaseMention('I bought it two weeks ago and it reboots every 5 minutes', 'reboots every 5 minutes', ctx)
 *   // { text: 'I bought it two weeks ago and it reboots every 5 minutes', reading: { kind: 'date', … } }
 */
export function findPurchaseMention(
  text: string,
  faultText: string | undefined,
  ctx: PurchaseContext,
): { text: string; reading: PurchaseDateReading } | null {
  const withoutFault = faultText ? plain(text, 1000).replace(plain(faultText), ' ') : text;
  const reading = readPurchaseDate(withoutFault, ctx.now, ctx.timeZone, { windowDays: ctx.windowDays });
  if (reading.kind === 'none' || reading.kind === 'future') return null;
  return { text: text.trim(), reading };
}

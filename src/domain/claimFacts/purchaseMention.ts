import { type PurchaseDateReading, readPurchaseDate } from '../dates/readPurchaseDate';
import { plain } from '../text';
import { isCorrection } from './correctionCue';

/**
 * Words that make a date in passing a purchase date: a date said without one is about something
 * else as often as not ("I need the footage from the 25th", "we moved 2 weeks ago", "the update on
 * the 27th bricked it") — at the date question every date is one, anywhere else it needs a cue.
 */
const PURCHASE_CUE =
  /\b(?:bought|buy|purchas\w*|ordered|order date|got (?:it|them|this|that|one|mine|my|the|a|an|our)|picked (?:(?:it|them) )?up|received (?:it|them)|had (?:it|them) (?:since|for)|(?:have|has) had (?:it|them)|owned|(?:days?|weeks?|months?|years?) old|(?:the )?date)\b/;

export interface PurchaseContext {
  now: Date;
  timeZone: string;
  windowDays: number;
}

/**
 * The purchase date a message gives: in answer to the date question (`asked`), or in passing when it
 * says "bought", "ordered"… or corrects the date; read by the purchase-date reader from the message without its fault clause ("reboots
 * every 5 minutes" is no date). Only a date, a range or
 * readings to choose from count; no date and a future date say nothing (the date question
 * still comes). A reading that must be clarified is kept: the date question clarifies it.
 * @example findPurchaseMention('I bought it two weeks ago and it reboots every 5 minutes', 'reboots every 5 minutes', ctx)
 *   // { text: 'I bought it two weeks ago and it reboots every 5 minutes', reading: { kind: 'date', … } }
 */
export function findPurchaseMention(
  text: string,
  faultText: string | undefined,
  ctx: PurchaseContext & { asked?: boolean },
): { text: string; reading: PurchaseDateReading } | null {
  if (!ctx.asked && !PURCHASE_CUE.test(plain(text, 1000)) && !isCorrection(text)) return null;
  const withoutFault = faultText ? plain(text, 1000).replace(plain(faultText), ' ') : text;
  const reading = readPurchaseDate(withoutFault, ctx.now, ctx.timeZone, { windowDays: ctx.windowDays });
  if (reading.kind === 'none' || reading.kind === 'future') return null;
  return { text: text.trim(), reading };
}
